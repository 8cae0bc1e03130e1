/**
 * The smallest suite that runs against the provider simulator: dataset `qa`, one prompt of the
 * item's input, one OpenAI-compatible model `sim-a`, one request at a time, not streamed — what
 * the end-to-end specs start when they need a run to be going.
 */
export function simulatorSuiteYaml(name: string, simulatorUrl: string): string {
  return `version: 1
name: ${name}
dataset:
  name: qa
prompts:
  - id: p0
    messages:
      - role: user
        content: "{{input}}"
models:
  - id: sim-a
    provider: openai-compatible
    base_url: ${simulatorUrl}/v1
    model: sim-a
params:
  temperature: 0
  max_tokens: 16
run:
  concurrency: 1
  stream: false
`;
}
