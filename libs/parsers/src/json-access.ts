// Narrow accessors for untrusted JSON. They never throw and never copy keys
// from the report onto other objects, so "__proto__" or "constructor" keys in a
// report have no effect.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads an own property only, ignoring anything inherited from Object.prototype. */
export function field(value: unknown, key: string): unknown {
  return isObject(value) && Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

export function str(value: unknown): string | null {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed.length > 0 ? trimmed : null;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  return null;
}

export function num(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return null;
}

export function int(value: unknown): number | null {
  const n = num(value);
  return n !== null && Number.isInteger(n) && n >= 0 && n <= 2_147_483_647 ? n : null;
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Strings of an array, skipping anything else. */
export function strings(value: unknown): string[] {
  return arr(value)
    .map(str)
    .filter((s): s is string => s !== null);
}

/** Own entries of an object, skipping prototype-polluting keys. */
export function entries(value: unknown): Array<[string, unknown]> {
  if (!isObject(value)) {
    return [];
  }
  return Object.keys(value)
    .filter((key) => key !== '__proto__' && key !== 'constructor' && key !== 'prototype')
    .map((key) => [key, value[key]]);
}

/** Cuts a long text to a maximum number of characters, so one record cannot bloat a message. */
export function clip(value: string | null, max: number): string | null {
  if (value === null || value.length <= max) {
    return value;
  }
  return `${value.slice(0, max - 1)}…`;
}
