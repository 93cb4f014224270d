import { arr, entries, field, str } from '../../json-access.js';

export interface ResourceReading {
  type: string | null;
  id: string | null;
  /** Image name of an ECR image: "<registry>.dkr.ecr.<region>.amazonaws.com/<repository>", without tag or digest. */
  image: string | null;
  imageDigest: string | null;
}

/** Reads the first of a finding's Resources, the one the finding is about. */
export function readResource(finding: unknown): ResourceReading {
  const resource = arr(field(finding, 'Resources'))[0];
  const ecr = field(field(resource, 'Details'), 'AwsEcrContainerImage');
  return {
    type: str(field(resource, 'Type')),
    id: str(field(resource, 'Id')),
    image: ecrImageName(ecr, str(field(resource, 'Region')) ?? str(field(finding, 'Region'))),
    imageDigest: str(field(ecr, 'ImageDigest')),
  };
}

function ecrImageName(ecr: unknown, region: string | null): string | null {
  const repository = str(field(ecr, 'RepositoryName'));
  const registry = str(field(ecr, 'RegistryId'));
  if (repository === null) {
    return null;
  }
  return registry === null || region === null ? repository : `${registry}.dkr.ecr.${region}.amazonaws.com/${repository}`;
}

/**
 * Returns the operating system platform Inspector names in ProductFields, under a key
 * such as "aws/inspector/resources/1/resourceDetails/awsEcrContainerImageDetails/platform".
 */
export function inspectorPlatform(finding: unknown): string | null {
  for (const [key, value] of entries(field(finding, 'ProductFields'))) {
    if (key.startsWith('aws/inspector/') && key.endsWith('/platform')) {
      return str(value);
    }
  }
  return null;
}
