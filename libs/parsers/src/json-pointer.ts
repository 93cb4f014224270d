/** Appends reference tokens to a JSON pointer (RFC 6901), escaping '~' and '/'. */
export function pointer(base: string, ...tokens: Array<string | number>): string {
  let result = base;
  for (const token of tokens) {
    result += `/${typeof token === 'number' ? String(token) : escapeToken(token)}`;
  }
  return result;
}

// Most tokens are array indexes or plain member names, so they skip the replacements.
function escapeToken(token: string): string {
  if (!token.includes('~') && !token.includes('/')) {
    return token;
  }
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
