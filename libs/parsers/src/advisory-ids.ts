const GITHUB_ADVISORY_URL = /^https?:\/\/github\.com\/(?:advisories|[^/]+\/[^/]+\/security\/advisories)\/(GHSA(?:-[23456789cfghjmpqrvwx]{4}){3})\/?$/i;

/**
 * GitHub advisory ids named by advisory URLs, such as
 * https://github.com/advisories/GHSA-6c3j-c64m-qhgq. Reports link the GHSA
 * advisory of a CVE this way without listing the GHSA id as an alias, and
 * other tools (npm audit, Dependabot) report the same advisory by that id.
 */
export function ghsaIdsFromUrls(urls: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const url of urls) {
    const match = GITHUB_ADVISORY_URL.exec(url.trim());
    if (match?.[1] !== undefined) {
      ids.add(match[1]);
    }
  }
  return [...ids];
}
