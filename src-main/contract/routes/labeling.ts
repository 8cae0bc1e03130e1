/**
 * Routes and events of the labeling domain. Owned by the labeling feature; it starts empty and grows
 * one entry per route.
 */
export const labelingRoutes = {};

export const labelingEvents = {};
