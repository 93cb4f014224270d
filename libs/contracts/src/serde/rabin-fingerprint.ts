// CRC-64-AVRO ("Rabin") fingerprint of a schema's Parsing Canonical Form, as
// defined in the Avro specification for single-object encoding.
const EMPTY = 0xc15d213aa4d7a795n;
const MASK = 0xffffffffffffffffn;

const TABLE: bigint[] = Array.from({ length: 256 }, (_, index) => {
  let fp = BigInt(index);
  for (let bit = 0; bit < 8; bit++) {
    fp = (fp >> 1n) ^ (EMPTY & -(fp & 1n));
  }
  return fp & MASK;
});

/** Returns the 8-byte little-endian CRC-64-AVRO fingerprint of the given canonical schema text. */
export function rabinFingerprint(canonicalSchema: string): Buffer {
  let fp = EMPTY;
  for (const byte of Buffer.from(canonicalSchema, 'utf8')) {
    fp = ((fp >> 8n) ^ (TABLE[Number((fp ^ BigInt(byte)) & 0xffn)] as bigint)) & MASK;
  }
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE(fp);
  return out;
}
