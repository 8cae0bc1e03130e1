/**
 * Routes and events of the providers domain. Owned by the providers feature; it starts empty and grows
 * one entry per route.
 */
export const providersRoutes = {};

export const providersEvents = {};
