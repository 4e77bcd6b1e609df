/** The lines that tell a reviewer a pull request changes the gate (src/report/gate-change.ts). */
import type { GateChange } from '../../src/model/report.js';
import { gateChanged, gateChangeLines } from '../../src/report/gate-change.js';

const unchanged: GateChange = { policyChanged: false, policyProblem: null, registryFiles: [], headPolicyTrusted: false, addedExceptions: [], policyDifference: [] };

describe('gateChangeLines', () => {
  test('nothing when the gate is unchanged', () => {
    expect(gateChanged(unchanged)).toBe(false);
    expect(gateChangeLines(unchanged)).toEqual([]);
    expect(gateChangeLines(undefined)).toEqual([]);
  });

  test('a policy that does not load, and registry files, said plainly; names in code spans', () => {
    const lines = gateChangeLines({ ...unchanged, policyProblem: 'quarantine.json: Unexpected token', registryFiles: ['.npmrc', 'a`b/.yarnrc.yml'] });
    expect(lines[0]).toBe('**This pull request changes the gate:** its policy and its registry configuration (`.npmrc`, ``a`b/.yarnrc.yml``).');
    expect(lines).toContain('Its policy does not load, so once merged every check fails: `quarantine.json: Unexpected token`.');
    expect(lines.at(-1)).toContain('the new registry configuration applies once merged');
  });

  test('trust-pr-policy: what the base policy would block; a long list is cut with a count', () => {
    const many = Array.from({ length: 25 }, (_, index) => `p${index}@1.0.0`);
    const lines = gateChangeLines({ ...unchanged, policyChanged: true, headPolicyTrusted: true, policyDifference: many });
    expect(lines[1]).toMatch(/^`trust-pr-policy` is on, so the pull request's own policy decided this verdict; the base branch's policy would block `p0@1\.0\.0`, .* and 5 more\.$/);
  });
});
