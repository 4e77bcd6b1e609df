/** action.yml and the workflows users copy: consistent with each other, so they cannot rot. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/cli.js';

interface Step { uses?: string; with?: Record<string, unknown> }
interface Workflow { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> }
interface ActionYml { runs: { using: string; main: string }; inputs: Record<string, { default?: unknown; description: string }>; outputs: Record<string, unknown> }

const read = <T>(path: string): T => parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as T;
const action = read<ActionYml>('action.yml');

test('action.yml: node24, the committed bundle, every input described and without a default', () => {
  expect(action.runs).toEqual({ using: 'node24', main: 'dist/action/index.js' });
  expect(existsSync(join(REPO_ROOT, action.runs.main))).toBe(true);
  expect(Object.keys(action.inputs).sort()).toEqual(['comment', 'comment-author', 'fail-on', 'lockfiles', 'mode', 'policy', 'recheck-pull-requests', 'registry', 'sarif', 'token', 'trust-pr-policy']);
  for (const input of Object.values(action.inputs)) {
    expect(input.description.length).toBeGreaterThan(10);
    expect(input).not.toHaveProperty('default');
  }
  expect(Object.keys(action.outputs).sort()).toEqual(['allowed', 'blocked', 'report', 'warned']);
});

test.each(['examples/github/quarantine.yml', '.github/workflows/quarantine.yml'])('%s: full history, least privilege, only declared inputs', (path) => {
  const workflow = read<Workflow>(path);
  // Scheduled runs re-run pull requests' checks from the same workflow file (src/action/recheck.ts).
  expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['pull_request', 'schedule']));
  expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write', actions: 'write' });
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  expect(steps.find((step) => step.uses?.startsWith('actions/checkout'))?.with).toMatchObject({ 'fetch-depth': 0 });
  const gate = steps.find((step) => step.uses === './' || step.uses?.startsWith('release-quarantine/'));
  expect(gate).toBeDefined();
  for (const key of Object.keys(gate?.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
});
