import type { ChatMessage, SamplingParams } from '../providers/types';
import { canonicalJson, sha256Hex } from '../util/hash';

export interface RequestIdentity {
  providerKind: string;
  /** Endpoint of HTTP providers, or the GGUF file identity of in-process ones; null if unknown. */
  baseUrl: string | null;
  model: string;
  /** Effective params as sent (the per-repeat seed included). */
  params: SamplingParams;
  messages: readonly ChatMessage[];
  /**
   * The repeat index: repeats are independent samples, so repeat 1 must never be served
   * repeat 0's cached answer (with no seed, their requests would otherwise be identical).
   */
  repeat: number;
}

/** SamplingParams keys in RFC 8785 order (UTF-16 code-unit order of the names). */
const paramKeys = ['max_tokens', 'seed', 'stop', 'temperature', 'top_p'] as const;

function hasOnlyKnownParams(params: SamplingParams): boolean {
  for (const key of Object.keys(params))
    if (!(paramKeys as readonly string[]).includes(key)) return false;
  return true;
}

/** A UTF-16 surrogate without its pair: JCS refuses such strings. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isWellFormed(identity: RequestIdentity): boolean {
  if (identity.params.stop?.some((s) => loneSurrogate.test(s))) return false;
  return identity.messages.every(
    (m) => !loneSurrogate.test(m.content) && !loneSurrogate.test(m.role),
  );
}

/**
 * The canonical JSON (RFC 8785) of a request identity, built directly for its known shape —
 * the engine computes one per cell, and this is several times faster than the general
 * canonicaliser. Keys are written in sorted order and strings and numbers through
 * JSON.stringify, which is exactly the JCS serialisation; a unit test checks the two agree.
 * Anything outside the known shape goes through the general canonicaliser.
 */
export function canonicalRequestJson(identity: RequestIdentity): string {
  const { params, messages } = identity;
  if (!hasOnlyKnownParams(params) || !isWellFormed(identity))
    return canonicalJson({
      v: 1,
      kind: identity.providerKind,
      baseUrl: identity.baseUrl,
      model: identity.model,
      params,
      messages,
      repeat: identity.repeat,
    });
  let paramsJson = '';
  for (const key of paramKeys) {
    const value = params[key];
    if (value === undefined) continue;
    paramsJson += `${paramsJson ? ',' : ''}"${key}":${JSON.stringify(value)}`;
  }
  let messagesJson = '';
  for (const m of messages)
    messagesJson += `${messagesJson ? ',' : ''}{"content":${JSON.stringify(m.content)},"role":${JSON.stringify(m.role)}}`;
  return (
    `{"baseUrl":${JSON.stringify(identity.baseUrl)},"kind":${JSON.stringify(identity.providerKind)},` +
    `"messages":[${messagesJson}],"model":${JSON.stringify(identity.model)},"params":{${paramsJson}},` +
    `"repeat":${JSON.stringify(identity.repeat)},"v":1}`
  );
}

/**
 * The response-cache key: sha256 of the canonical JSON (RFC 8785) of everything that decides
 * a response. The cell id and the request tag are deliberately not part of it, so another run
 * of the same requests reuses the answers.
 */
export function requestHash(identity: RequestIdentity): string {
  return sha256Hex(canonicalRequestJson(identity));
}
