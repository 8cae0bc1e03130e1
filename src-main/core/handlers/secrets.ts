import type { secretRoutes } from '@contract/routes/secrets';
import type { HandlersFor } from './types';

export const secretHandlers = {
  'secrets.list': (_input, ctx) => ctx.secrets.list(),
  'secrets.set': ({ name, value }, ctx) => {
    const status = ctx.secrets.set(name, value);
    ctx.events.emit('workspace.changed', { domain: 'secrets', reason: `${name} stored` });
    return status;
  },
  'secrets.delete': ({ name }, ctx) => {
    const status = ctx.secrets.delete(name);
    ctx.events.emit('workspace.changed', { domain: 'secrets', reason: `${name} removed` });
    return status;
  },
} satisfies HandlersFor<typeof secretRoutes>;
