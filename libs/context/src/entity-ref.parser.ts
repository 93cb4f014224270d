/**
 * Shortens a Backstage entity reference, `[<kind>:][<namespace>/]<name>`, to
 * the name Sieve stores. The kind prefix goes (`group:payments` is
 * `payments`), and so does the `default` namespace. Another namespace stays,
 * as `<namespace>/<name>`, so refs from different namespaces never collide.
 */
export function shortEntityRef(ref: string): string {
  const trimmed = ref.trim();
  const colon = trimmed.indexOf(':');
  const withoutKind = colon >= 0 ? trimmed.slice(colon + 1) : trimmed;

  const slash = withoutKind.indexOf('/');
  if (slash < 0) {
    return withoutKind;
  }

  const namespace = withoutKind.slice(0, slash);
  const name = withoutKind.slice(slash + 1);
  return namespace.toLowerCase() === 'default' ? name : withoutKind;
}
