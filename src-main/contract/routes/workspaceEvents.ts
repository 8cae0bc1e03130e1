import { z } from 'zod';
import { defineEvent } from '../define';

export const workspaceEvents = {
  'workspace.changed': defineEvent({
    description: 'Something in the workspace changed; views showing it should refresh.',
    payload: z.object({ domain: z.string(), reason: z.string() }),
  }),
};
