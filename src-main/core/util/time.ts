/** Timestamps cross every boundary as ISO-8601 strings. */
export function nowIso(): string {
  return new Date().toISOString();
}
