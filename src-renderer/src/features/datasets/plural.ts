import { formatCount } from '../../format';

/** "1 bad row", "3 bad rows": counts as people read them. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
