import type { providersRoutes } from '@contract/routes/providers';
import type { HandlersFor } from './types';

export const providersHandlers = {} satisfies HandlersFor<typeof providersRoutes>;
