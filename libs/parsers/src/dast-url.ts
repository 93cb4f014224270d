/** Maximum URL length read from a report. Longer values are not URLs a scanner requested. */
export const MAX_URL_CHARS = 8192;

const SCHEME_PREFIX = /^[a-zA-Z][a-zA-Z0-9+.-]{0,30}:\/\//;

/**
 * Writes a URL from a DAST report the same way for every tool, so the
 * endpoint keys of two scans meet: scheme and host lower-cased, default port
 * dropped, dot segments resolved, the fragment and any user name or password
 * removed. The query string stays. Returns null for a value that is not an
 * absolute URL with "scheme://", such as "example.com:443".
 */
export function normalizeDastUrl(raw: string | null): string | null {
  const value = raw?.trim() ?? '';
  if (value === '' || value.length > MAX_URL_CHARS || !SCHEME_PREFIX.test(value)) {
    return null;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  url.hash = '';
  url.username = '';
  url.password = '';
  return url.href;
}

/** Joins a scanned site ("https://example.com") and a path ("/a?b=1") as Burp reports them, then normalises. */
export function joinDastUrl(site: string | null, path: string | null): string | null {
  if (site === null || site.length > MAX_URL_CHARS) {
    return null;
  }
  let base = site.trim();
  while (base.endsWith('/')) {
    base = base.slice(0, -1);
  }
  if (path === null) {
    return normalizeDastUrl(base);
  }
  return normalizeDastUrl(path.startsWith('/') ? `${base}${path}` : `${base}/${path}`);
}

/**
 * URL of a network service found by a host scanner, "tcp://10.0.0.1:443".
 * Host scanners report protocol and port but no URL scheme, so the transport
 * protocol is used as the scheme. Returns null without a port (port 0 is Nessus'
 * "no port" value) or without a protocol.
 */
export function serviceUrl(protocol: string | null, host: string, port: number | null): string | null {
  if (protocol === null || port === null || port <= 0 || port > 65535 || !/^[a-zA-Z][a-zA-Z0-9+.-]{0,30}$/.test(protocol)) {
    return null;
  }
  const lowerHost = host.trim().toLowerCase();
  const bracketed = lowerHost.includes(':') && !lowerHost.startsWith('[') ? `[${lowerHost}]` : lowerHost;
  return `${protocol.toLowerCase()}://${bracketed}:${port}`;
}

/** Method token of an HTTP request line ("GET / HTTP/1.1" gives GET), read from at most its first 20 characters. */
export function requestMethod(requestStart: string | null): string | null {
  if (requestStart === null) {
    return null;
  }
  return /^([A-Z]{3,10}) /.exec(requestStart.trimStart().slice(0, 20))?.[1] ?? null;
}

/** Origin ("https://example.com") of a scanned site, for the asset name of a DAST report, or null when the value is not a URL. */
export function siteOrigin(site: string | null): string | null {
  const url = normalizeDastUrl(site);
  const origin = url === null ? 'null' : new URL(url).origin;
  // URLs with schemes other than http(s) and the like have the opaque origin "null".
  return origin === 'null' ? null : origin;
}
