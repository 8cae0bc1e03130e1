/**
 * The provider simulator: an HTTP server on loopback speaking the OpenAI, Azure OpenAI,
 * Anthropic and Gemini wire formats (streaming too), with seeded latency, generation speed,
 * injected faults, pluggable responders and a request log. Test-only: never shipped.
 */
export { startSimulator } from './server';
export { answerQuality } from './judge';
export type * from './types';
