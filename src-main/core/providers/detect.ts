/**
 * Finds local model servers (Ollama, LM Studio, llama.cpp server, vLLM, LiteLLM) on their
 * default loopback ports. Loopback only, short timeouts, all probes in parallel: a port
 * counts when it answers the OpenAI model list or a server's own identifying endpoint, and
 * the identifying endpoints say which server it is.
 */
import { Agent, type Dispatcher } from 'undici';
import { modelIdsOfDataList } from './connection';
import { isLoopbackHost } from './http/loopback';
import { openAiCompatiblePresets, presetById, type PresetId } from './presets';

export interface DetectionCandidate {
  /** The preset this port usually belongs to. */
  preset: PresetId;
  port: number;
}

export interface DetectedServer {
  /** The server that identified itself, or the port's usual preset when none did. */
  preset: PresetId;
  label: string;
  port: number;
  /** Base URL for an `openai-compatible` provider with this preset. */
  baseUrl: string;
  /** The server answered its own identifying endpoint (not just an OpenAI model list). */
  identified: boolean;
  models: string[];
}

/** The presets' default loopback ports. */
export function defaultCandidates(): DetectionCandidate[] {
  return openAiCompatiblePresets.flatMap((p) =>
    'defaultPort' in p ? [{ preset: p.id, port: p.defaultPort }] : [],
  );
}

const identities: Array<{
  preset: PresetId;
  path: string;
  matches: (body: unknown, text: string) => boolean;
}> = [
  {
    preset: 'ollama',
    path: '/api/version',
    matches: (b) => typeof (b as { version?: unknown })?.version === 'string',
  },
  {
    preset: 'lmstudio',
    path: '/api/v0/models',
    matches: (b) => Array.isArray((b as { data?: unknown })?.data),
  },
  {
    preset: 'llamacpp',
    path: '/props',
    matches: (b) =>
      typeof b === 'object' &&
      b !== null &&
      ('default_generation_settings' in b || 'total_slots' in b),
  },
  {
    preset: 'vllm',
    path: '/version',
    matches: (b) => typeof (b as { version?: unknown })?.version === 'string',
  },
  { preset: 'litellm', path: '/health/liveliness', matches: (_b, text) => /alive/i.test(text) },
];

async function getJson(
  agent: Dispatcher,
  origin: string,
  path: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<{ body: unknown; text: string } | null> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await agent.request({
      origin,
      path,
      method: 'GET',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const text = await response.body.text();
    if (response.statusCode !== 200) return null;
    try {
      return { body: JSON.parse(text) as unknown, text };
    } catch {
      return { body: null, text };
    }
  } catch {
    return null;
  }
}

async function probe(
  agent: Dispatcher,
  host: string,
  candidate: DetectionCandidate,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<DetectedServer | null> {
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${candidate.port}`;
  const [models, ...answers] = await Promise.all([
    getJson(agent, origin, '/v1/models', timeoutMs, signal),
    ...identities.map((identity) => getJson(agent, origin, identity.path, timeoutMs, signal)),
  ]);
  const matched = identities.filter((identity, i) => {
    const answer = answers[i];
    return answer !== null && answer !== undefined && identity.matches(answer.body, answer.text);
  });
  const modelIds = models ? modelIdsOfDataList(models.body) : null;
  if (matched.length === 0 && modelIds === null) return null;
  // The port's own server wins when several endpoints answer (a proxy may serve many).
  const identity = matched.find((m) => m.preset === candidate.preset) ?? matched[0];
  const preset = identity?.preset ?? candidate.preset;
  return {
    preset,
    label: presetById(preset)?.label ?? preset,
    port: candidate.port,
    baseUrl: `${origin}/v1`,
    identified: identity !== undefined,
    models: modelIds ?? [],
  };
}

export interface DetectOptions {
  /** Ports to probe (default: every local preset's default port). */
  candidates?: DetectionCandidate[];
  /** Loopback address to probe (default 127.0.0.1); anything else is refused. */
  host?: string;
  /** Per-probe timeout, at most 300 ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export async function detectLocalServers(options: DetectOptions = {}): Promise<DetectedServer[]> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error(`detection probes loopback only, not ${host}`);
  const timeoutMs = Math.min(options.timeoutMs ?? 300, 300);
  const agent = new Agent({ connect: { timeout: timeoutMs }, keepAliveTimeout: 1000 });
  try {
    const found = await Promise.all(
      (options.candidates ?? defaultCandidates()).map((c) =>
        probe(agent, host, c, timeoutMs, options.signal),
      ),
    );
    return found.filter((s): s is DetectedServer => s !== null);
  } finally {
    await agent.close();
  }
}
