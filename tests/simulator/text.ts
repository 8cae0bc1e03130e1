/**
 * Cheap stand-ins for tokenisation. The simulator must answer thousands of requests per
 * second, so it splits replies into word pieces (each piece is one "token" of a stream and of
 * the usage count) and estimates prompt tokens from characters, as ~4 characters per token.
 */
import type { SimMessage } from './formats/common';

const piecePattern = /\s*\S+/g;

/** Splits text into stream pieces that concatenate back to the text. */
export function splitPieces(text: string): string[] {
  const pieces = text.match(piecePattern);
  if (!pieces) return text.length > 0 ? [text] : [];
  const trailing = text.length - pieces.reduce((n, p) => n + p.length, 0);
  if (trailing > 0) pieces[pieces.length - 1] += text.slice(text.length - trailing);
  return pieces;
}

/** ~4 characters per token plus a few tokens of framing per message, as chat APIs count. */
export function estimatePromptTokens(messages: readonly SimMessage[]): number {
  let chars = 0;
  for (const m of messages) chars += m.content.length;
  return Math.ceil(chars / 4) + 3 * messages.length + 3;
}

export interface ShapedReply {
  text: string;
  pieces: string[];
  finish: 'stop' | 'length' | 'stop_sequence';
}

/** Applies max_tokens and stop sequences to a reply, as a real server would. */
export function shapeReply(text: string, maxTokens: number | null, stop: readonly string[]) {
  let finish: ShapedReply['finish'] = 'stop';
  let body = text;
  for (const s of stop) {
    const at = s ? body.indexOf(s) : -1;
    if (at >= 0) {
      body = body.slice(0, at);
      finish = 'stop_sequence';
    }
  }
  let pieces = splitPieces(body);
  if (maxTokens !== null && maxTokens >= 0 && pieces.length > maxTokens) {
    pieces = pieces.slice(0, maxTokens);
    body = pieces.join('');
    finish = 'length';
  }
  return { text: body, pieces, finish } satisfies ShapedReply;
}

/** FNV-1a over a string: a fast, stable hash for deterministic choices. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A deterministic number in [0, 1) from text. */
export function unitHash(text: string, salt = ''): number {
  return fnv1a(salt + text) / 4294967296;
}
