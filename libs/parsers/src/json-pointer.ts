/** Appends reference tokens to a JSON pointer (RFC 6901), escaping '~' and '/'. */
export function pointer(base: string, ...tokens: Array<string | number>): string {
  return tokens.reduce<string>((acc, token) => `${acc}/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`, base);
}
