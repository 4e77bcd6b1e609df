/**
 * `registries[mirror].historyFrom`: behind a mirror that strips publisher data, the history
 * comes from the registry it mirrors (with the token the project's .npmrc gives that URL),
 * while the lockfile stays bound to the mirror's tarballs. Two registries on 127.0.0.1.
 */
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { isolatedEnv, runCli } from '../support/cli.js';
import { makePackument, FIXTURE_NOW, daysBefore, type RawPackument } from '../support/packument.js';
import { MIRROR_NOW, mirrorProject, stripped, upstreamDocuments } from '../support/stripping-mirror.js';

const TOKEN = 'npm_historyFromToken0123456789abcdef';
let upstream: FixtureRegistry;
let mirror: FixtureRegistry;
let mirrorDocs: Map<string, RawPackument>;
const { documents, locked } = upstreamDocuments();
const oldLocked = locked.filter((entry) => entry.name !== 'fresh');

beforeAll(async () => {
  upstream = await startFixtureRegistry({ documents: new Map([...documents].map(([name, doc]) => [name, JSON.stringify(doc)])) });
  mirror = await startFixtureRegistry({ documents: new Map() });
  mirrorDocs = new Map([...documents].map(([name, doc]) => [name, stripped(doc, mirror.url)]));
  // Only the mirror has it: a private package behind a virtual repository.
  mirrorDocs.set('@corp/private', makePackument({ name: '@corp/private', versions: [{ version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 100), publisher: null, maintainers: null }] }));
  mirror.setDocuments(new Map([...mirrorDocs].map(([name, doc]) => [name, JSON.stringify(doc)])));
});
afterAll(async () => {
  await upstream.close();
  await mirror.close();
});
beforeEach(() => {
  upstream.resetStats();
  mirror.resetStats();
  for (const name of documents.keys()) upstream.setRoute(name, null);
});

function project(entries: ReadonlyArray<{ name: string; version: string }>, policy: object = { registries: { [mirror.url]: { historyFrom: upstream.url } } }): string {
  const npmrc = `registry=${mirror.url}\n${upstream.url.replace(/^http:/, '')}:_authToken=${TOKEN}\n`;
  return mirrorProject(mirrorDocs, entries, { '.npmrc': npmrc, 'quarantine.json': JSON.stringify(policy) });
}

const check = (dir: string, ...args: string[]) => runCli(['check', dir, '--now', MIRROR_NOW, '--json', ...args], { env: isolatedEnv() });

interface JsonPackage {
  name: string;
  verdict: string;
  findings: Array<{ rule: string; kind?: string; historyRegistry?: string }>;
}

test("old packages pass on the upstream history, asked with the token .npmrc gives the upstream URL; the mirror's bytes stay bound", async () => {
  const result = await check(project(oldLocked));
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(upstream.requestsFor('acorn').map((request) => request.headers['authorization'])).toEqual([`Bearer ${TOKEN}`]);
  expect(mirror.requestsFor('acorn').map((request) => request.headers['authorization'])).toEqual([undefined]);
  expect(result.stdout).not.toContain(TOKEN);
});

test('a day-old release is still blocked, on the upstream publish time', async () => {
  const result = await check(project(locked));
  expect(result.code).toBe(1);
  const packages = (JSON.parse(result.stdout) as { packages: JsonPackage[] }).packages;
  expect(packages.filter((entry) => entry.verdict === 'block').map((entry) => [entry.name, entry.findings.map((f) => f.rule)])).toEqual([['fresh', ['release-age']]]);
});

test('the mirror serving other bytes than upstream published blocks that package (lockfile-binding), fail closed', async () => {
  const tampered = JSON.parse(JSON.stringify(mirrorDocs.get('old-07'))) as { versions: Record<string, { dist: Record<string, string> }> };
  tampered.versions['1.2.0']!.dist['integrity'] = `sha512-${Buffer.alloc(64, 7).toString('base64')}`;
  const docs = new Map(mirrorDocs).set('old-07', tampered);
  const dir = mirrorProject(docs, oldLocked, {
    '.npmrc': `registry=${mirror.url}\n`,
    'quarantine.json': JSON.stringify({ registries: { [mirror.url]: { historyFrom: upstream.url } } }),
  });
  mirror.setDocument('old-07', JSON.stringify(tampered));
  try {
    const result = await check(dir);
    expect(result.code).toBe(1);
    const blocked = (JSON.parse(result.stdout) as { packages: JsonPackage[] }).packages.filter((entry) => entry.verdict === 'block');
    expect(blocked).toEqual([expect.objectContaining({ name: 'old-07', findings: [expect.objectContaining({ rule: 'lockfile-binding', kind: 'history-integrity', historyRegistry: upstream.url })] })]);
    const text = await runCli(['check', dir, '--now', MIRROR_NOW], { env: isolatedEnv() });
    expect(text.stdout).toMatch(/BLOCK {2}old-07@1\.2\.0 .*lockfile-binding: .* serves other bytes .* than http:\/\/127\.0\.0\.1:\d+\/, where the policy takes its history from/);
    expect(text.stdout).not.toContain('relock');
  } finally {
    mirror.setDocument('old-07', JSON.stringify(mirrorDocs.get('old-07')));
  }
});

test("a package upstream does not have (404) is judged on the mirror's own facts", async () => {
  const result = await check(project([...oldLocked, { name: '@corp/private', version: '1.0.0' }]));
  expect(result.code).toBe(0);
  expect(upstream.requestsFor('@corp/private').map((request) => request.status)).toEqual([404]);
});

test('upstream refusing the token is could-not-decide (exit 2), one line, no token', async () => {
  upstream.setRoute('acorn', { status: 401 });
  const result = await runCli(['check', project(oldLocked), '--now', MIRROR_NOW], { env: isolatedEnv() });
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/acorn/);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(`${result.stdout}${result.stderr}`).not.toContain(TOKEN);
});

test('without historyFrom the mirror is the only source: no request reaches upstream', async () => {
  const result = await check(project(oldLocked, {}));
  expect(result.code).toBe(0);
  expect(upstream.requests).toEqual([]);
});
