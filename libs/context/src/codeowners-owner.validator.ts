const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
const TEAM_SLUG = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Checks that a CODEOWNERS owner is `@user`, `@org/team` or an email address.
 * Nested GitLab groups (`@group/subgroup/team`) are accepted too.
 */
export function isCodeownersOwner(owner: string): boolean {
  if (owner.startsWith('@')) {
    return isHandle(owner.slice(1));
  }
  return isEmailAddress(owner);
}

function isHandle(handle: string): boolean {
  const [account, ...teamPath] = handle.split('/');
  if (account === undefined || !USER_NAME.test(account)) {
    return false;
  }
  return teamPath.every((part) => TEAM_SLUG.test(part));
}

function isEmailAddress(value: string): boolean {
  const parts = value.split('@');
  if (parts.length !== 2) {
    return false;
  }

  const [local, domain] = parts as [string, string];
  const labels = domain.split('.');
  return local !== '' && labels.length >= 2 && labels.every((label) => label !== '') && !/\s/.test(value);
}
