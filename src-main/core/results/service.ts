import { perCore } from '../util/perCore';
import { ResultsRepo } from './repo';

/** The results repository of a core (one per context, over its single connection). */
export const resultsRepo = perCore((ctx) => new ResultsRepo(ctx.db));
