/**
 * One infrastructure-as-code check as several tools name it. `scope` says
 * what a finding of the control is about: a Terraform resource, or a whole
 * file (Dockerfile checks, which tools report without a resource or line).
 *
 * Every id below was read from the tool's own source or documentation:
 * - Checkov: the check classes and graph-check YAML under checkov/terraform
 *   and checkov/dockerfile in bridgecrewio/checkov (main, 2026-08-20);
 * - tfsec and Trivy: the check metadata (id, long_id, aliases) in
 *   aquasecurity/trivy-checks (main, 2026-08-21), the AVD ids of
 *   aquasecurity/defsec before checks moved out, and the LegacyID of each rule
 *   in the tfsec source vendored by defsec (2022-02), for tfsec 0.x reports;
 * - KICS: the query list in docs/queries/terraform-queries.md and the
 *   queries' metadata.json in Checkmarx/kics.
 * A tool is left out of a control where no equivalent check was found.
 */
export interface IacControl {
  id: string;
  scope: 'resource' | 'file';
  title: string;
  checkov: readonly string[];
  /** tfsec rule ids: AVD id, long id (old and current service names) and 0.x legacy id. */
  tfsec: readonly string[];
  /** Trivy misconfiguration ids: ID and AVDID as Trivy versions write them. */
  trivy: readonly string[];
  kics: readonly string[];
}

function avd(number: string, longIds: readonly string[], legacy: readonly string[] = []): { tfsec: string[]; trivy: string[] } {
  return { tfsec: [`AVD-AWS-${number}`, ...longIds, ...legacy], trivy: [`AVD-AWS-${number}`, `AWS-${number}`] };
}

function dockerCheck(number: string): string[] {
  return [`DS${number.slice(1)}`, `DS-${number}`, `AVD-DS-${number}`];
}

export const IAC_CONTROLS: readonly IacControl[] = [
  { id: 's3-block-public-acls', scope: 'resource', title: 'S3 public access block does not block public ACLs', checkov: ['CKV_AWS_53'], ...avd('0086', ['aws-s3-block-public-acls'], ['AWS074']), kics: ['d0cc8694-fcad-43ff-ac86-32331d7e867f'] },
  { id: 's3-block-public-policy', scope: 'resource', title: 'S3 public access block does not block public policies', checkov: ['CKV_AWS_54'], ...avd('0087', ['aws-s3-block-public-policy'], ['AWS076']), kics: ['1a4bc881-9f69-4d44-8c9a-d37d08f54c50'] },
  { id: 's3-ignore-public-acls', scope: 'resource', title: 'S3 public access block does not ignore public ACLs', checkov: ['CKV_AWS_55'], ...avd('0091', ['aws-s3-ignore-public-acls'], ['AWS073']), kics: ['4fa66806-0dd9-4f8d-9480-3174d39c7c91'] },
  { id: 's3-restrict-public-buckets', scope: 'resource', title: 'S3 public access block does not restrict public buckets', checkov: ['CKV_AWS_56'], ...avd('0093', ['aws-s3-no-public-buckets'], ['AWS075']), kics: ['1ec253ab-c220-4d63-b2de-5b40e0af9293'] },
  { id: 's3-public-read-acl', scope: 'resource', title: 'S3 bucket ACL grants public read', checkov: ['CKV_AWS_20'], ...avd('0092', ['aws-s3-no-public-access-with-acl'], ['AWS001']), kics: [] },
  { id: 's3-encryption-at-rest', scope: 'resource', title: 'S3 bucket without server-side encryption', checkov: ['CKV_AWS_19'], ...avd('0088', ['aws-s3-enable-bucket-encryption'], ['AWS017']), kics: ['6726dcc0-5ff5-459d-b473-a780bef7665c'] },
  { id: 's3-versioning', scope: 'resource', title: 'S3 bucket without versioning', checkov: ['CKV_AWS_21'], ...avd('0090', ['aws-s3-enable-versioning'], ['AWS077']), kics: ['568a4d22-3517-44a6-a7ad-6a7eed88722c'] },
  { id: 's3-access-logging', scope: 'resource', title: 'S3 bucket without access logging', checkov: ['CKV_AWS_18'], ...avd('0089', ['aws-s3-enable-logging', 'aws-s3-enable-bucket-logging'], ['AWS002']), kics: ['f861041c-8c9f-4156-acfc-5e6e524f5884'] },
  { id: 'sg-ssh-open-to-world', scope: 'resource', title: 'Security group allows SSH (22) from 0.0.0.0/0', checkov: ['CKV_AWS_24'], tfsec: [], trivy: [], kics: ['65905cec-d691-4320-b320-2000436cb696'] },
  { id: 'sg-rdp-open-to-world', scope: 'resource', title: 'Security group allows RDP (3389) from 0.0.0.0/0', checkov: ['CKV_AWS_25'], tfsec: [], trivy: [], kics: ['151187cb-0efc-481c-babd-ad24e3c9bc22'] },
  { id: 'sg-public-ingress', scope: 'resource', title: 'Security group rule allows ingress from 0.0.0.0/0', checkov: [], ...avd('0107', ['aws-ec2-no-public-ingress-sgr', 'aws-vpc-no-public-ingress-sgr'], ['AWS006']), kics: [] },
  { id: 'cloudtrail-multi-region', scope: 'resource', title: 'CloudTrail trail is not multi-region', checkov: ['CKV_AWS_67'], ...avd('0014', ['aws-cloudtrail-enable-all-regions'], ['AWS063']), kics: ['8173d5eb-96b5-4aa6-a71b-ecfa153c123d'] },
  { id: 'cloudtrail-log-validation', scope: 'resource', title: 'CloudTrail log file validation disabled', checkov: ['CKV_AWS_36'], ...avd('0016', ['aws-cloudtrail-enable-log-validation'], ['AWS064']), kics: [] },
  { id: 'cloudtrail-kms-encryption', scope: 'resource', title: 'CloudTrail logs not encrypted with a customer-managed KMS key', checkov: ['CKV_AWS_35'], ...avd('0015', ['aws-cloudtrail-encryption-customer-managed-key']), kics: [] },
  { id: 'rds-encryption-at-rest', scope: 'resource', title: 'RDS instance storage not encrypted', checkov: ['CKV_AWS_16'], ...avd('0080', ['aws-rds-encrypt-instance-storage-data'], ['AWS052']), kics: ['08bd0760-8752-44e1-9779-7bb369b2b4e4'] },
  {
    id: 'rds-public-access',
    scope: 'resource',
    title: 'RDS instance publicly accessible',
    checkov: ['CKV_AWS_17'],
    tfsec: ['AVD-AWS-0082', 'aws-rds-no-public-db-access', 'AWS011', 'AVD-AWS-0180', 'aws-rds-enable-public-access'],
    trivy: ['AVD-AWS-0082', 'AWS-0082', 'AVD-AWS-0180', 'AWS-0180'],
    kics: ['35113e6f-2c6b-414d-beec-7a9482d3b2d1'],
  },
  { id: 'ebs-encryption-at-rest', scope: 'resource', title: 'EBS volume not encrypted', checkov: ['CKV_AWS_3'], ...avd('0026', ['aws-ec2-enable-volume-encryption', 'aws-ebs-enable-volume-encryption']), kics: ['cc997676-481b-4e93-aa81-d19f8c5e9b12'] },
  { id: 'ec2-imdsv2-required', scope: 'resource', title: 'EC2 instance metadata service v1 allowed', checkov: ['CKV_AWS_79'], ...avd('0028', ['aws-ec2-enforce-http-token-imds'], ['AWS079']), kics: [] },
  { id: 'kms-key-rotation', scope: 'resource', title: 'KMS key rotation disabled', checkov: ['CKV_AWS_7'], ...avd('0065', ['aws-kms-auto-rotate-keys'], ['AWS019']), kics: [] },
  { id: 'eks-public-endpoint', scope: 'resource', title: 'EKS cluster endpoint publicly accessible', checkov: ['CKV_AWS_39'], ...avd('0040', ['aws-eks-no-public-cluster-access'], ['AWS069']), kics: ['42f4b905-3736-4213-bfe9-c0660518cda8'] },
  { id: 'eks-secrets-encryption', scope: 'resource', title: 'EKS secrets not encrypted', checkov: ['CKV_AWS_58'], ...avd('0039', ['aws-eks-encrypt-secrets'], ['AWS066']), kics: [] },
  { id: 'iam-root-access-keys', scope: 'resource', title: 'Root user has access keys', checkov: [], ...avd('0141', ['aws-iam-no-root-access-keys']), kics: ['970d224d-b42a-416b-81f9-8f4dfe70c4bc'] },
  { id: 'dockerfile-runs-as-root', scope: 'file', title: 'Dockerfile has no USER or runs as root', checkov: ['CKV_DOCKER_3', 'CKV_DOCKER_8'], tfsec: [], trivy: dockerCheck('0002'), kics: ['fd54f200-402c-4333-a5a4-36ef6709af2f'] },
  { id: 'dockerfile-no-healthcheck', scope: 'file', title: 'Dockerfile has no HEALTHCHECK', checkov: ['CKV_DOCKER_2'], tfsec: [], trivy: dockerCheck('0026'), kics: ['b03a748a-542d-44f4-bb86-9199ab4fd2d5'] },
  { id: 'dockerfile-latest-tag', scope: 'file', title: "Dockerfile base image uses the 'latest' tag", checkov: ['CKV_DOCKER_7'], tfsec: [], trivy: dockerCheck('0001'), kics: ['f45ea400-6bbe-4501-9fc7-1c3d75c32067'] },
  { id: 'dockerfile-add-instead-of-copy', scope: 'file', title: 'Dockerfile uses ADD instead of COPY', checkov: ['CKV_DOCKER_4'], tfsec: [], trivy: dockerCheck('0005'), kics: ['9513a694-aa0d-41d8-be61-3271e056f36b'] },
  { id: 'dockerfile-ssh-port', scope: 'file', title: 'Dockerfile exposes port 22', checkov: ['CKV_DOCKER_1'], tfsec: [], trivy: dockerCheck('0004'), kics: [] },
];
