import { arr, field, int, str } from '../../json-access.js';

/**
 * Returns the plain text of a SARIF message: its `text`, or the rule's
 * `messageStrings` entry its `id` names, with {0}, {1}… replaced by its
 * `arguments`.
 */
export function messageText(message: unknown, rule: unknown): string | null {
  const text = str(field(message, 'text'));
  if (text !== null) {
    return text;
  }
  const id = str(field(message, 'id'));
  const template = id === null ? null : str(field(field(field(rule, 'messageStrings'), id), 'text'));
  if (template === null) {
    return null;
  }
  const args = arr(field(message, 'arguments'));
  return template.replace(/\{(\d+)\}/g, (placeholder, index: string) => {
    const position = int(index);
    const value = position === null ? null : str(args[position]);
    return value ?? placeholder;
  });
}

/** Returns the first line of a text, for a title. */
export function firstLine(text: string | null): string | null {
  if (text === null) {
    return null;
  }
  // The text before the first "\n" or "\r\n", without split() building an array.
  const newline = text.indexOf('\n');
  let end = newline < 0 ? text.length : newline;
  if (newline > 0 && text.charCodeAt(newline - 1) === 0x0d) {
    end = newline - 1;
  }
  const line = text.slice(0, end).trim();
  return line.length > 0 ? line : null;
}
