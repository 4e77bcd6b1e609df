// The "fetch-and-parse" baseline: fetch every document once with plain fetch (16 in flight),
// JSON.parse it, drop it. The least any registry-backed gate has to do; run as a child of the
// benchmark, like the CLI, so its memory is measured the same way.
//
//   node baseline.mjs <registry-url> <names.json> [concurrency]
// Prints one JSON line: { documents, bytes, versions }.
import { readFileSync } from 'node:fs';
import { packumentPath } from './packument-path.mjs';

const [registry, namesFile, concurrencyArg] = process.argv.slice(2);
const names = JSON.parse(readFileSync(namesFile, 'utf8'));
const concurrency = Number(concurrencyArg ?? 16);

/**
 * fetch, sent again once when the registry closed a kept-alive socket as the request went out
 * (undici's "other side closed"): a race of keep-alive timers, not an answer. npm and our
 * client retry it too; without this the baseline failed about one run in four.
 */
async function get(url) {
  try {
    return await fetch(url);
  } catch (error) {
    if (error?.cause?.code !== 'UND_ERR_SOCKET') throw error;
    return fetch(url);
  }
}

let next = 0;
let documents = 0;
let bytes = 0;
let versions = 0;
async function worker() {
  while (next < names.length) {
    const name = names[next++];
    const response = await get(`${registry}${packumentPath(name)}`);
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
    const text = await response.text();
    bytes += Buffer.byteLength(text);
    const doc = JSON.parse(text);
    versions += Object.keys(doc.versions ?? {}).length;
    documents += 1;
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
console.log(JSON.stringify({ documents, bytes, versions }));
