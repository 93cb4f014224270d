import { CreateCoreTables1764892800000 } from './1764892800000-CreateCoreTables.js';
import { AddRiskContext1764990000000 } from './1764990000000-AddRiskContext.js';

/** Every migration in order. The same list runs on PGlite and on PostgreSQL. */
export const MIGRATIONS = [CreateCoreTables1764892800000, AddRiskContext1764990000000];
