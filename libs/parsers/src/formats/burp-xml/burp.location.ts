const MAX_LOCATION_CHARS = 4096;

// Kinds of insertion point Burp names after the parameter: "[q parameter]",
// "[b_id cookie]", "[Referer HTTP header]".
const NAMED_KINDS = [' parameter', ' cookie', ' HTTP header'];

/**
 * Reads the parameter from a Burp issue location such as
 * "/search.jsp [q parameter]": the name before the kind word when it is one
 * word, otherwise the whole bracketed text ("URL path filename"), which is
 * still stable between scans. Returns null when the location has no
 * bracketed part.
 */
export function burpParameter(location: string | null): string | null {
  if (location === null || location.length > MAX_LOCATION_CHARS || !location.endsWith(']')) {
    return null;
  }
  const open = location.lastIndexOf(' [');
  if (open === -1) {
    return null;
  }
  const inner = location.slice(open + 2, -1).trim();
  for (const kind of NAMED_KINDS) {
    if (inner.endsWith(kind)) {
      const name = inner.slice(0, -kind.length).trim();
      if (name !== '' && !/\s/.test(name)) {
        return name;
      }
    }
  }
  return inner === '' ? null : inner;
}
