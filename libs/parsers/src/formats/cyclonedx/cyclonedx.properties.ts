import { arr, field, str } from '../../json-access.js';

/** Returns the value of the first properties[] entry with this name, such as Trivy's "aquasecurity:trivy:LayerDiffID". */
export function propertyValue(record: unknown, name: string): string | null {
  for (const property of arr(field(record, 'properties'))) {
    if (str(field(property, 'name')) === name) {
      return str(field(property, 'value'));
    }
  }
  return null;
}
