/** The candidates chosen so far: the built-in local model, and a model id per configured provider. */
export interface ModelChoice {
  isLocal: boolean;
  /** By configured provider label: the model id typed (null when not chosen). */
  byProvider: Record<string, string | null>;
}

/**
 * What the dialog ticks before the user chooses: the configured providers when there are any
 * (a model id to type each), the local model only when nothing else is configured or a GGUF
 * file is already there — ticking it by default on a machine without one meant a download
 * the user never asked for.
 */
export function defaultModelChoice(
  configuredLabels: readonly string[],
  hasLocalFile: boolean,
): ModelChoice {
  return {
    isLocal: configuredLabels.length === 0 || hasLocalFile,
    byProvider: Object.fromEntries(configuredLabels.map((label) => [label, ''])),
  };
}
