import { ASSET_EXPOSURE_VALUES, type AssetExposure } from '@sieve/contracts';
import { imageName } from '@sieve/domain';

export const EXPOSURE_ANNOTATION = 'sieve.dev/exposure';
export const DATA_CLASSES_ANNOTATION = 'sieve.dev/data-classes';
export const CRITICALITY_ANNOTATION = 'sieve.dev/criticality';
export const IMAGES_ANNOTATION = 'sieve.dev/images';

export const DATA_CLASS_VALUES = ['pii', 'phi', 'pci', 'credentials', 'none'] as const;
export type DataClass = (typeof DATA_CLASS_VALUES)[number];

export const CRITICALITY_VALUES = ['high', 'medium', 'low'] as const;
export type Criticality = (typeof CRITICALITY_VALUES)[number];

/** An annotation whose value Sieve does not accept, so the field it would set stays unset. */
export interface InvalidAnnotation {
  annotation: string;
  value: string;
  expected: string;
}

/** The Sieve annotations of one entity. A field is null when its annotation is absent or invalid. */
export interface SieveAnnotations {
  exposure: AssetExposure | null;
  dataClasses: DataClass[] | null;
  criticality: Criticality | null;
  /** Container images that run the entity, without tag or digest. */
  images: string[];
  invalid: InvalidAnnotation[];
}

/**
 * Reads `sieve.dev/exposure`, `sieve.dev/data-classes` (comma-separated) and
 * `sieve.dev/criticality` from an entity's `metadata.annotations`. Values are
 * compared without case and stored in lower case. `sieve.dev/images` is a
 * comma-separated list of image references; tags and digests are dropped
 * because they change with every build.
 */
export function readSieveAnnotations(annotations: Readonly<Record<string, unknown>>): SieveAnnotations {
  const invalid: InvalidAnnotation[] = [];

  const exposure = readEnum(annotations, EXPOSURE_ANNOTATION, ASSET_EXPOSURE_VALUES, invalid);
  const criticality = readEnum(annotations, CRITICALITY_ANNOTATION, CRITICALITY_VALUES, invalid);
  const dataClasses = readDataClasses(annotations, invalid);

  const images = readImages(annotations, invalid);

  return { exposure, dataClasses, criticality, images, invalid };
}

function readEnum<T extends string>(
  annotations: Readonly<Record<string, unknown>>,
  annotation: string,
  allowed: readonly T[],
  invalid: InvalidAnnotation[],
): T | null {
  if (!Object.hasOwn(annotations, annotation)) {
    return null;
  }

  const raw = annotations[annotation];
  const value = typeof raw === 'string' ? raw.trim().toLowerCase() : null;
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) {
    invalid.push({ annotation, value: String(raw), expected: `one of ${allowed.join(', ')}` });
    return null;
  }
  return match;
}

function readDataClasses(annotations: Readonly<Record<string, unknown>>, invalid: InvalidAnnotation[]): DataClass[] | null {
  if (!Object.hasOwn(annotations, DATA_CLASSES_ANNOTATION)) {
    return null;
  }

  const raw = annotations[DATA_CLASSES_ANNOTATION];
  const reject = (): null => {
    invalid.push({
      annotation: DATA_CLASSES_ANNOTATION,
      value: String(raw),
      expected: `a comma-separated list of ${DATA_CLASS_VALUES.join(', ')}, with none standing alone`,
    });
    return null;
  };

  if (typeof raw !== 'string') {
    return reject();
  }

  const names = raw.split(',').map((name) => name.trim().toLowerCase());
  const classes: DataClass[] = [];
  for (const name of names) {
    const dataClass = DATA_CLASS_VALUES.find((candidate) => candidate === name);
    if (dataClass === undefined) {
      return reject();
    }
    if (!classes.includes(dataClass)) {
      classes.push(dataClass);
    }
  }

  if (classes.includes('none') && classes.length > 1) {
    return reject();
  }
  return classes;
}

function readImages(annotations: Readonly<Record<string, unknown>>, invalid: InvalidAnnotation[]): string[] {
  if (!Object.hasOwn(annotations, IMAGES_ANNOTATION)) {
    return [];
  }

  const raw = annotations[IMAGES_ANNOTATION];
  if (typeof raw !== 'string') {
    invalid.push({ annotation: IMAGES_ANNOTATION, value: String(raw), expected: 'a comma-separated list of image references' });
    return [];
  }
  const images = raw
    .split(',')
    .map((reference) => reference.trim())
    .filter((reference) => reference.length > 0 && reference.length <= 512)
    .map(imageName);
  return [...new Set(images)];
}
