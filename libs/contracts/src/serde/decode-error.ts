/** A message that cannot be decoded. Never retried: the same bytes fail the same way. */
export class DecodeError extends Error {
  readonly code = 'decode_failed';
  readonly retriable = false;

  constructor(
    readonly topic: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot decode a message on ${topic}: ${reason}`, options);
    this.name = 'DecodeError';
  }
}

/** A value that does not match its topic's schema. A programming error, never retried. */
export class EncodeError extends Error {
  readonly code = 'encode_failed';
  readonly retriable = false;

  constructor(
    readonly topic: string,
    readonly invalidPaths: string[],
  ) {
    super(`value does not match the schema of ${topic}; invalid fields: ${invalidPaths.join(', ') || '(root)'}`);
    this.name = 'EncodeError';
  }
}
