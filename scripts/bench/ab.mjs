// A/B of cold `check` runs on the benchmark corpus: one registry in this process, the CLIs
// given run alternately with an empty cache each, medians of wall time, CPU and peak RSS. For
// comparing two builds on a machine whose speed moves (`npm run bench` runs each row once).
//   node scripts/bench/ab.mjs <rounds> before=../old/dist/cli/main.js now=dist/cli/main.js [--calm | --project <dir>]
//   --calm     the project without its planted takeovers (`cold, no change of hands` in the benchmark)
//   --project  another project on the same corpus, e.g. the pnpm 12 one a `npm run bench -- --keep`
//              run leaves in <kept dir>/pnpm12-project (the anchor rows' pnpm-lock.yaml)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BENCH_NOW, buildModel, writeProjectWithoutTakeovers } from './generate.mjs';
import { childEnv, median, runMeasured, serveCorpus } from './measure.mjs';

const rounds = Number(process.argv[2]);
const clis = process.argv.slice(3).filter((a) => a.includes('=')).map((a) => {
  const at = a.indexOf('=');
  return [a.slice(0, at), resolve(a.slice(at + 1))];
});
const calm = process.argv.includes('--calm');
const projectAt = process.argv.indexOf('--project');
const otherProject = projectAt === -1 ? null : resolve(process.argv[projectAt + 1] ?? '');
if (!(Number.isInteger(rounds) && rounds >= 1) || clis.length === 0) {
  console.error('usage: node scripts/bench/ab.mjs <rounds> <label>=<cli main.js> [<label>=<cli main.js> ...] [--calm | --project <dir>]');
  process.exit(2);
}
const tmp = mkdtempSync(join(tmpdir(), 'quarantine-ab-'));
const model = buildModel({ packages: 2000, now: BENCH_NOW });
const projectDir = join(tmp, 'project');
const { registry } = await serveCorpus(model, projectDir, join(tmp, 'docs'));
const dir = otherProject ?? (calm ? join(tmp, 'calm') : projectDir);
if (calm) writeProjectWithoutTakeovers(model, projectDir, dir, registry.url);
const env = childEnv(tmp);
const results = new Map(clis.map(([label]) => [label, []]));
for (let r = 0; r < rounds; r++) {
  for (const [label, cli] of (r % 2 ? [...clis].reverse() : clis)) {
    const cache = join(tmp, `cache-${label}-${r}`);
    const res = await runMeasured({ script: cli, args: ['check', dir, '--registry', registry.url, '--now', BENCH_NOW, '--json', '--cache-dir', cache], env, cwd: tmp, usageFile: join(tmp, 'u.json') });
    rmSync(cache, { recursive: true, force: true });
    const cpu = (res.usage.userMs + res.usage.systemMs) / 1000;
    results.get(label).push({ wall: res.wallMs / 1000, cpu, rss: res.usage.maxRssKB / 1024, code: res.code });
  }
}
for (const [label, list] of results) {
  const m = (k) => median(list.map((x) => x[k])).toFixed(2);
  console.log(`${label.padEnd(10)} wall ${m('wall')} s  cpu ${m('cpu')} s  rss ${m('rss')} MiB  exits ${[...new Set(list.map((x) => x.code))]}  walls ${list.map((x) => x.wall.toFixed(2)).join(' ')}`);
}
await registry.close();
rmSync(tmp, { recursive: true, force: true });
