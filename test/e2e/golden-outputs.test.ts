/**
 * The outputs users see are unchanged since before the layering of issue 13: `check --json`,
 * `check`, `why --json` and `ls --json` on the demo and the lockfile fixtures, and the Action's
 * stdout (annotations), step summary, outputs file, JSON report, SARIF and comment, compared with
 * test/fixtures/golden/ (written from commit 9a6b040 by `node scripts/compare-outputs.mjs --write`).
 * Normalised: registry and stub API ports, temp folders, the tree's path, GITHUB_OUTPUT delimiters.
 */
import { collectOutputs } from '../../scripts/lib/output-cases.mjs';
import { readGolden } from '../../scripts/compare-outputs.mjs';
import { REPO_ROOT } from '../support/cli.js';

const golden = readGolden();
let actual: Map<string, string>;

beforeAll(async () => {
  actual = await collectOutputs(REPO_ROOT);
}, 300_000);

test('the same output files are produced', () => {
  expect([...actual.keys()].sort()).toEqual([...golden.keys()].sort());
});

test.each([...golden.keys()].sort())('%s is unchanged', (file) => {
  expect(actual.get(file)).toBe(golden.get(file));
});
