import { readFileSync } from 'node:fs';
import { parseJsoncText } from '../../src/model/json-text.js';
import { REFERENCE_END, REFERENCE_START, schemaKeyPaths, schemaReference } from '../../src/config/schema-docs.js';
import { policySchema, type MapSchema, type ObjectSchema } from '../../src/config/schema.js';
import { validatePolicy } from '../../src/config/validate-policy.js';

const docs = readFileSync(new URL('../../docs/policy.md', import.meta.url), 'utf8');

function expectValid(document: unknown): void {
  const result = validatePolicy(document);
  expect(result.ok ? [] : result.issues).toEqual([]);
}

test('the reference in docs/policy.md is generated from the schema (run `npm run schema` when this fails)', () => {
  const start = docs.indexOf(REFERENCE_START);
  const end = docs.indexOf(REFERENCE_END);
  expect(start).toBeGreaterThan(-1);
  expect(docs.slice(start, end + REFERENCE_END.length)).toBe(schemaReference());
});

test('every key the schema accepts is documented', () => {
  const paths = schemaKeyPaths();
  expect(paths).toEqual(expect.arrayContaining(['extends', 'rules.release-age.minReleaseAge', 'overrides[].risk', 'exceptions[].expires', 'registries["<registry URL>"].missingFacts']));
  for (const path of paths) expect(docs).toContain(`\`${path}\``);
});

test('every policy written out in docs/policy.md is valid', () => {
  const blocks = [...docs.matchAll(/```jsonc\n([\s\S]*?)```/g)].map((match) => match[1] as string);
  expect(blocks.length).toBeGreaterThanOrEqual(4);
  for (const block of blocks) {
    const parsed = parseJsoncText(block);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expectValid(parsed.value);
  }
});

test('every example in the schema is valid where it belongs', () => {
  const rules = policySchema.properties['rules'] as ObjectSchema;
  const overrides = (policySchema.properties['overrides'] as { items: ObjectSchema }).items;
  const exceptions = (policySchema.properties['exceptions'] as { items: ObjectSchema }).items;
  for (const example of rules.examples ?? []) expectValid({ rules: example });
  for (const example of overrides.examples ?? []) expectValid({ overrides: [example] });
  for (const example of (overrides.properties['rules'] as ObjectSchema).examples ?? []) expectValid({ overrides: [{ packages: ['x'], rules: example }] });
  for (const example of exceptions.examples ?? []) expectValid({ exceptions: [example] });
  const registries = policySchema.properties['registries'] as MapSchema;
  for (const example of registries.examples ?? []) expectValid({ registries: example });
  for (const example of registries.values.examples ?? []) expectValid({ registries: { 'https://npm.example.com/': example } });
  expect((registries.examples ?? []).length).toBeGreaterThan(0);
  expect((overrides.examples ?? []).length + (exceptions.examples ?? []).length).toBeGreaterThan(2);
});
