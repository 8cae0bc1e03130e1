const fatalDecoder = new TextDecoder('utf-8', { fatal: true });
const lenientDecoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Length of the longest prefix of `bytes` that ends on a UTF-8 character boundary, so a
 * chunk can be decoded on its own and the incomplete tail carried to the next chunk.
 */
export function completePrefixLength(bytes: Uint8Array): number {
  const n = bytes.length;
  // Walk back over at most three continuation bytes (10xxxxxx) to the lead byte.
  let i = n - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && ((bytes[i] as number) & 0xc0) === 0x80) {
    i--;
    continuation++;
  }
  if (i < 0) return n;
  const lead = bytes[i] as number;
  const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return n - i >= needed ? n : i;
}

/** True when the bytes are valid UTF-8 (the decoder is the well-kept implementation). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    fatalDecoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Offset of the first byte that makes `bytes` invalid UTF-8, or -1. Found by bisecting with
 * the streaming fatal decoder (a prefix ending mid-character is not an error in stream mode,
 * and once a prefix is invalid every longer one is), so no hand-written validator is needed.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  if (isValidUtf8(bytes)) return -1;
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    let valid = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), {
        stream: true,
      });
    } catch {
      valid = false;
    }
    if (valid) lo = mid + 1;
    else hi = mid;
  }
  // The byte that broke it may end a sequence whose lead came earlier ("C3 28"): report the lead.
  let start = lo;
  for (let back = 1; back <= 3 && lo - back >= 0; back++) {
    const byte = bytes[lo - back] as number;
    if (byte >= 0xc0) {
      start = lo - back;
      break;
    }
    if ((byte & 0xc0) !== 0x80) break;
  }
  return start;
}

/** Decodes, replacing invalid sequences with U+FFFD (callers report them separately). */
export function decodeLenient(bytes: Uint8Array): string {
  return lenientDecoder.decode(bytes);
}

export function decodeStrict(bytes: Uint8Array): string {
  return fatalDecoder.decode(bytes);
}

export const utf8Bom = Uint8Array.of(0xef, 0xbb, 0xbf);

export function startsWithBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}
