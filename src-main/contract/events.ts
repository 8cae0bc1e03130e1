import { z } from 'zod';
import { defineEvent } from './define';

/** Events the core pushes to every connected window. Names are `domain.happened`. */
export const events = {
  'workspace.changed': defineEvent({
    description: 'Something in the workspace changed; views showing it should refresh.',
    payload: z.object({ domain: z.string(), reason: z.string() }),
  }),
};
