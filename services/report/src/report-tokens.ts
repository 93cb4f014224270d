export const FINDING_INDEX = Symbol('FINDING_INDEX');
