import { readFileSync, statSync } from 'node:fs';
import { ContextSourceError } from './context-source.error.js';

/**
 * Reads a UTF-8 text file of at most `maxBytes` bytes, without its byte-order
 * mark. The size is checked before the file is read, so an oversized file
 * never reaches memory.
 */
export function readTextFile(path: string, maxBytes: number): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new ContextSourceError('not_found', `${path}: file not found or not readable`, path, { cause: error });
  }

  if (size > maxBytes) {
    throw new ContextSourceError('too_large', `${path}: file of ${size} bytes exceeds the ${maxBytes}-byte limit`, path);
  }

  // TextDecoder drops a leading byte-order mark unless `ignoreBOM` is set.
  const bytes = readFileSync(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new ContextSourceError('not_text', `${path}: file is not valid UTF-8 text`, path, { cause: error });
  }
}
