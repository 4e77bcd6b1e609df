// Loads the demo's registry snapshot (examples/demo/registry/*.json) for the fixture registry.
import { readdirSync, readFileSync } from 'node:fs';

export const DEMO_NOW = '2026-11-20T12:00:00Z';

export function loadDemoDocuments(dir = new URL('../../examples/demo/registry/', import.meta.url)) {
  const documents = new Map();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
    const text = readFileSync(new URL(file, dir), 'utf8');
    documents.set(JSON.parse(text).name, text);
  }
  return documents;
}
