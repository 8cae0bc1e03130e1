/** Prints either JSON (machine use) or the human rendering of the same value. */
export function printResult<T>(value: T, asJson: boolean, human: (value: T) => string) {
  process.stdout.write(asJson ? `${JSON.stringify(value)}\n` : `${human(value)}\n`);
}
