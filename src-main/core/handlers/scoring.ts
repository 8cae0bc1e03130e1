import type { scoringRoutes } from '@contract/routes/scoring';
import type { HandlersFor } from './types';

export const scoringHandlers = {} satisfies HandlersFor<typeof scoringRoutes>;
