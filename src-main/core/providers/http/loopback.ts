/**
 * Whether a base URL points at this machine. The privacy guard relies on it: personal data
 * may go to loopback servers only, so anything that is not clearly loopback is remote.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  if (/^127(\.\d{1,3}){3}$/.test(host)) return host.split('.').every((p) => Number(p) <= 255);
  // IPv4-mapped IPv6 loopback, e.g. ::ffff:127.0.0.1 (URL normalises it to ::ffff:7f00:1).
  if (/^::ffff:127(\.\d{1,3}){3}$/.test(host)) return true;
  return /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
}

export function isLoopbackUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** `base` without trailing slashes, so paths can be appended as `${base}/chat/completions`. */
export function trimBaseUrl(base: string): string {
  return base.replace(/\/+$/, '');
}
