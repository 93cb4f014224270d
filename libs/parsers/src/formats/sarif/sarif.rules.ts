import { arr, field, int, isObject, str, type JsonObject } from '../../json-access.js';

/** A tool component (the driver or an extension) with its rules indexed by id. */
interface Component {
  name: string | null;
  guid: string | null;
  rules: unknown[];
  byId: Map<string, JsonObject>;
}

function readComponent(value: unknown): Component {
  const rules = arr(field(value, 'rules'));
  const byId = new Map<string, JsonObject>();
  for (const rule of rules) {
    const id = str(field(rule, 'id'));
    if (isObject(rule) && id !== null && !byId.has(id)) {
      byId.set(id, rule);
    }
  }
  return { name: str(field(value, 'name')), guid: str(field(value, 'guid')), rules, byId };
}

/**
 * The rules of one run: `tool.driver.rules` and the rules of every
 * `tool.extensions[]` entry (CodeQL query packs are extensions).
 */
export class RuleIndex {
  private readonly driver: Component;
  private readonly extensions: Component[];
  private byMessagePrefix: JsonObject[] | undefined;

  constructor(tool: unknown) {
    this.driver = readComponent(field(tool, 'driver'));
    this.extensions = arr(field(tool, 'extensions')).map(readComponent);
  }

  /**
   * Finds the rule a result refers to: by index (`rule.index` or `ruleIndex`)
   * in the component `rule.toolComponent` names, else by id in that
   * component, then in every component. A result with neither index nor id
   * gets the rule whose id starts its message text: Gitleaks 7 writes results
   * that way ("AWS Access Key secret detected").
   */
  find(result: unknown, messageText: string | null): JsonObject | null {
    const reference = field(result, 'rule');
    const component = this.component(field(reference, 'toolComponent'));
    const id = str(field(result, 'ruleId')) ?? str(field(reference, 'id'));
    const index = int(field(reference, 'index')) ?? int(field(result, 'ruleIndex'));

    if (index !== null) {
      const candidate = component.rules[index];
      if (isObject(candidate) && (id === null || idMatches(id, str(field(candidate, 'id'))))) {
        return candidate;
      }
    }
    if (id !== null) {
      return this.findById(id, component);
    }
    if (index === null && messageText !== null) {
      return this.findByMessagePrefix(messageText);
    }
    return null;
  }

  private component(reference: unknown): Component {
    // Most results name no tool component, and field() of a non-object finds nothing below.
    if (!isObject(reference)) {
      return this.driver;
    }
    const index = int(field(reference, 'index'));
    if (index !== null) {
      return this.extensions[index] ?? this.driver;
    }
    const guid = str(field(reference, 'guid'));
    const name = str(field(reference, 'name'));
    const all = [this.driver, ...this.extensions];
    return (
      all.find((c) => guid !== null && c.guid === guid) ?? all.find((c) => name !== null && c.name === name) ?? this.driver
    );
  }

  // A hierarchical rule id "parent/child" refers to the rule "parent" when no
  // rule has the full id.
  private findById(id: string, preferred: Component): JsonObject | null {
    const all = [preferred, this.driver, ...this.extensions];
    let candidate: string = id;
    for (;;) {
      for (const component of all) {
        const rule = component.byId.get(candidate);
        if (rule !== undefined) {
          return rule;
        }
      }
      const slash = candidate.lastIndexOf('/');
      if (slash <= 0) {
        return null;
      }
      candidate = candidate.slice(0, slash);
    }
  }

  private findByMessagePrefix(text: string): JsonObject | null {
    if (this.byMessagePrefix === undefined) {
      this.byMessagePrefix = [...this.driver.byId.values()].sort(
        (a, b) => (str(field(b, 'id')) ?? '').length - (str(field(a, 'id')) ?? '').length,
      );
    }
    return (
      this.byMessagePrefix.find((rule) => {
        const ruleId = str(field(rule, 'id'));
        return ruleId !== null && (text === ruleId || text.startsWith(`${ruleId} `));
      }) ?? null
    );
  }
}

function idMatches(resultRuleId: string, ruleId: string | null): boolean {
  return ruleId === null || resultRuleId === ruleId || resultRuleId.startsWith(`${ruleId}/`);
}
