// Every pattern below has bounded repetition, so a long hostile string costs
// linear time. Strings longer than MAX_INPUT_CHARS are cut first, because no
// key part needs more.
const MAX_INPUT_CHARS = 4000;

const DIGEST = /@?sha(?:256|384|512):[0-9a-f]{64,128}/gi;
const ISO_DATE_TIME = /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?/g;
const COMPACT_DATE_TIME = /\b\d{8}T\d{6}Z?\b/g;
const BUILD_NUMBER = /\b(build|run|job|pipeline|ci)([-_.#]?)\d{1,12}\b/gi;

// An image reference as one token: optional registry (with port), a path of
// lower-case components, and a tag that names a version or "latest".
const IMAGE_WITH_TAG =
  /^((?:[a-z0-9.-]{1,253}(?::\d{1,5})?\/)?[a-z0-9]{1,128}(?:[._-]{1,2}[a-z0-9]{1,128}){0,16}(?:\/[a-z0-9]{1,128}(?:[._-]{1,2}[a-z0-9]{1,128}){0,16}){0,16}):([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$/;
const VERSION_LIKE_TAG = /^(?:latest|v?\d[\w.-]*|[\w.-]*\d[\w.-]*)$/i;

/**
 * Removes values from a string that change from one scan of the same flaw to
 * the next, so that the string can go into an identity key: image digests
 * (`@sha256:…`), image tags that carry a version or build (`app:1.4.2-b77`,
 * `nginx:latest`), ISO 8601 date-times and compact `20240101T120000Z` stamps,
 * and CI build numbers (`build-1234`, `job#88`, which keep their word). Runs of
 * white space left behind are folded. Plain dates without a time, CVE ids and
 * tokens with `://` or a back-slash (URLs, Windows paths) are kept.
 */
export function stripVolatile(value: string): string {
  let result = value.length > MAX_INPUT_CHARS ? value.slice(0, MAX_INPUT_CHARS) : value;
  result = result.replace(DIGEST, '');
  result = result.replace(ISO_DATE_TIME, '');
  result = result.replace(COMPACT_DATE_TIME, '');
  result = result.replace(BUILD_NUMBER, (_match, word: string) => word);
  result = result
    .split(/(\s+)/)
    .map((token) => withoutImageTag(token))
    .join('');
  return result.replace(/\s+/g, ' ').trim();
}

function withoutImageTag(token: string): string {
  if (token.includes('://') || token.includes('\\')) {
    return token;
  }
  const match = IMAGE_WITH_TAG.exec(token);
  if (match === null || !VERSION_LIKE_TAG.test(match[2]!)) {
    return token;
  }
  return match[1]!;
}
