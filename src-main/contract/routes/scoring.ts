/**
 * Routes and events of the scoring domain. Owned by the scoring feature; it starts empty and grows
 * one entry per route.
 */
export const scoringRoutes = {};

export const scoringEvents = {};
