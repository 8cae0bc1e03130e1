/**
 * The sentence the local-model panel opens with when no GGUF file is found. The core's reason
 * already starts "no GGUF model yet: …" in the common case, so it is the sentence, not a tail
 * to "No GGUF model yet:" (which read "No GGUF model yet: no GGUF model yet: …").
 */
export function localModelNote(problem: string | null): string {
  const reason = problem?.trim();
  if (!reason) return 'No GGUF model yet.';
  const sentence = reason.charAt(0).toUpperCase() + reason.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
