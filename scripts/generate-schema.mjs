// Writes policies/schema.json from the schema in src/config/schema.ts (via the build output).
import { writeFileSync } from 'node:fs';
import { toJsonSchema } from '../dist/config/schema.js';

const target = new URL('../policies/schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(toJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
