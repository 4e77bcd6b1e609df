// Writes policies/schema.json and the key reference in docs/policy.md from the schema in
// src/config/schema.ts (via the build output). Tests fail when either is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { toJsonSchema } from '../dist/config/schema.js';
import { withFreshReference } from '../dist/config/schema-docs.js';

const schemaFile = new URL('../policies/schema.json', import.meta.url);
writeFileSync(schemaFile, `${JSON.stringify(toJsonSchema(), null, 2)}\n`);
console.log(`wrote ${schemaFile.pathname}`);

const docsFile = new URL('../docs/policy.md', import.meta.url);
writeFileSync(docsFile, withFreshReference(readFileSync(docsFile, 'utf8')));
console.log(`updated the reference in ${docsFile.pathname}`);
