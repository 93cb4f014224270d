import { v7 } from 'uuid';

/** New time-ordered id (UUIDv7) for findings, evidence, reports and events. */
export function newId(): string {
  return v7();
}
