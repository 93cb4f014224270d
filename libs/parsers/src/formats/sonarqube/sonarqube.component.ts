import { normalizeRepoPath } from '@sieve/domain';
import { arr, field, str } from '../../json-access.js';

const MAX_COMPONENTS = 100_000;

/**
 * Finds the file path of a component key. The response's `components` list
 * gives each file's `path`; without it the path is the part of the key after
 * "project:". A project or module component has no path.
 */
export class ComponentPaths {
  private readonly paths = new Map<string, string | null>();

  constructor(response: unknown) {
    for (const component of arr(field(response, 'components')).slice(0, MAX_COMPONENTS)) {
      const key = str(field(component, 'key'));
      if (key !== null) {
        this.paths.set(key, str(field(component, 'path')));
      }
    }
  }

  pathOf(componentKey: string | null, projectKey: string | null): string | null {
    if (componentKey === null) {
      return null;
    }
    const listed = this.paths.get(componentKey);
    if (listed !== undefined) {
      return listed === null ? null : normalizeRepoPath(listed);
    }
    if (projectKey !== null && componentKey.startsWith(`${projectKey}:`)) {
      return normalizeRepoPath(componentKey.slice(projectKey.length + 1));
    }
    return null;
  }
}
