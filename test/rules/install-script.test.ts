import type { InstallScriptName, VersionRecord } from '../../src/model/types.js';
import { installScriptRule } from '../../src/rules/install-script.js';
import { daysAgo, makeHistory, makeUnpublishedVersion, makeVersion } from '../support/history.js';
import { ruleContextFor } from '../support/rule-context.js';

const params = { severity: 'block' } as const;

function evaluate(versions: VersionRecord[], locked: string) {
  return installScriptRule.evaluate(ruleContextFor(makeHistory({ versions }), locked), params);
}

function withScripts(version: string, installScripts: InstallScriptName[], ageDays = 100): VersionRecord {
  return makeVersion({ version, installScripts, publishedAt: daysAgo(ageDays) });
}

describe('install-script', () => {
  test('a script the previous version did not have is reported', () => {
    expect(evaluate([withScripts('1.0.0', [], 20), withScripts('1.0.1', ['postinstall'], 10)], '1.0.1')).toEqual([
      { rule: 'install-script', severity: 'block', eligibleAt: null, scripts: ['postinstall'], previousVersion: '1.0.0' },
    ]);
  });

  test('only the scripts that are new are reported', () => {
    const findings = evaluate([withScripts('1.0.0', ['install'], 20), withScripts('1.1.0', ['install', 'preinstall'], 10)], '1.1.0');
    expect(findings).toEqual([expect.objectContaining({ scripts: ['preinstall'] })]);
  });

  test('a package that always had the script is quiet', () => {
    expect(evaluate([withScripts('1.0.0', ['postinstall'], 20), withScripts('1.0.1', ['postinstall'], 10)], '1.0.1')).toEqual([]);
  });

  test('the previous version is by semver, not by publish time', () => {
    // 2.0.0 (with the script) was published between 1.5.0 and the maintenance release 1.5.1.
    const versions = [withScripts('1.5.0', [], 30), withScripts('2.0.0', ['postinstall'], 20), withScripts('1.5.1', ['postinstall'], 10)];
    expect(evaluate(versions, '1.5.1')).toEqual([expect.objectContaining({ previousVersion: '1.5.0' })]);

    const reversed = [withScripts('1.5.0', ['postinstall'], 30), withScripts('2.0.0', [], 20), withScripts('1.5.1', ['postinstall'], 10)];
    expect(evaluate(reversed, '1.5.1')).toEqual([]);
  });

  test('the previous version is the highest lower one, even when a backport was published later', () => {
    const versions = [
      withScripts('1.0.0', ['postinstall'], 30),
      withScripts('1.1.0', [], 25),
      withScripts('1.0.1', ['postinstall'], 20),
      withScripts('1.2.0', ['postinstall'], 1),
    ];
    expect(evaluate(versions, '1.2.0')).toEqual([expect.objectContaining({ previousVersion: '1.1.0' })]);
  });

  test('unpublished versions are not the previous version', () => {
    const versions = [withScripts('1.0.0', ['postinstall'], 30), makeUnpublishedVersion('1.0.1', daysAgo(20)), withScripts('1.0.2', ['postinstall'], 10)];
    expect(evaluate(versions, '1.0.2')).toEqual([]);
  });

  test('the first version has nothing to compare with', () => {
    expect(evaluate([withScripts('1.0.0', ['postinstall'])], '1.0.0')).toEqual([]);
  });
});
