/** Replaces every known secret value in text before it is logged or exported. */
export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string): void {
    // Very short values would redact ordinary words; real keys are long.
    if (secret.length >= 8) this.secrets.add(secret);
  }

  apply(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('«redacted»');
    return out;
  }
}
