const MAX_ADDRESS_CHARS = 1000;

/**
 * Returns the resource type of a Terraform address such as `aws_s3_bucket.logs`,
 * `module.vpc.aws_subnet.private[0]` or `data.aws_iam_policy_document.x`, or
 * null for anything else (a Dockerfile or Kubernetes resource, for example).
 */
export function terraformResourceType(checkType: string | null, address: string | null): string | null {
  if (checkType === null || !checkType.startsWith('terraform') || address === null || address.length > MAX_ADDRESS_CHARS) {
    return null;
  }
  const parts = withoutIndexes(address).split('.');
  let index = 0;
  while (parts[index] === 'module' && index + 2 < parts.length) {
    index += 2;
  }
  if (parts[index] === 'data') {
    index += 1;
  }
  const type = parts[index];
  return type !== undefined && index + 1 < parts.length && /^[A-Za-z][A-Za-z0-9_-]*$/.test(type) ? type : null;
}

/** Removes `[0]` and `["key"]` index parts, whose keys may contain dots. */
function withoutIndexes(address: string): string {
  let result = '';
  let depth = 0;
  for (const char of address) {
    if (char === '[') {
      depth += 1;
    } else if (char === ']') {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0) {
      result += char;
    }
  }
  return result;
}
