/**
 * "Test connection" for HTTP providers: one GET of the provider's model list, with a message
 * that says what went wrong in the user's terms (unreachable, bad key, wrong URL).
 */
import {
  parseJson,
  readText,
  send,
  throwIfError,
  type ErrorBodyReader,
  type HttpEndpoint,
} from './http/client';
import { ProviderError, type ConnectionTest } from './types';

export function describeFailure(error: unknown, url: string, secretName?: string): string {
  if (!(error instanceof ProviderError)) return `Unexpected failure: ${String(error)}`;
  const origin = (() => {
    try {
      return new URL(url).origin;
    } catch {
      return url;
    }
  })();
  switch (error.errorClass) {
    case 'network':
      return `Cannot reach ${origin}: ${error.message}. Is the server running, and is the base URL right?`;
    case 'auth':
      return `The API key was refused${secretName ? ` (check ${secretName})` : ''}: ${error.message}`;
    case 'bad_request':
      return error.details.httpStatus === 404
        ? `Wrong URL? ${url} answered 404 Not Found: check the base URL (OpenAI-style APIs usually end in /v1). ${error.message}`
        : error.message;
    case 'malformed':
      return `${origin} answered, but not with the API's JSON: is the base URL the API's? (${error.message})`;
    case 'timeout':
    case 'cancelled':
      return `No answer from ${origin} in time.`;
    default:
      return error.message;
  }
}

/** Lists models through `url`; never throws. */
export async function probeModels(
  endpoint: HttpEndpoint,
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  modelsOf: (body: unknown) => string[] | null,
  secretName?: string,
  reader?: ErrorBodyReader,
): Promise<ConnectionTest> {
  const started = performance.now();
  try {
    const response = await send(endpoint, url, { method: 'GET', headers, signal });
    await throwIfError(endpoint, response, reader);
    const body = parseJson(endpoint, await readText(response), response.statusCode);
    const models = modelsOf(body);
    if (models === null)
      throw new ProviderError('malformed', `${url} did not return a model list`, {
        httpStatus: response.statusCode,
      });
    const latencyMs = performance.now() - started;
    return {
      ok: true,
      message: `Connected to ${endpoint.label}: ${models.length} model${models.length === 1 ? '' : 's'} available.`,
      models,
      latencyMs,
    };
  } catch (error) {
    return {
      ok: false,
      message: describeFailure(error, url, secretName),
      latencyMs: performance.now() - started,
    };
  }
}

/** `{ data: [{ id }] }` (OpenAI, Anthropic, and OpenAI-compatible servers). */
export function modelIdsOfDataList(body: unknown): string[] | null {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return null;
  return data
    .map((m) => (m as { id?: unknown } | null)?.id)
    .filter((id): id is string => typeof id === 'string');
}

/** The connection test of a provider whose key is missing: no request is made. */
export function missingKey(secretName: string, label: string): ConnectionTest {
  return {
    ok: false,
    message: `${label} needs an API key: ${secretName} is not set (set the environment variable or store it in Settings → Secrets).`,
  };
}
