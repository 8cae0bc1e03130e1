import type { labelingRoutes } from '@contract/routes/labeling';
import type { HandlersFor } from './types';

export const labelingHandlers = {} satisfies HandlersFor<typeof labelingRoutes>;
