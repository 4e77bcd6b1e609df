/**
 * install-script: the locked version declares install-time scripts (preinstall, install,
 * postinstall) that the previous version by semver did not have.
 *
 * Why: a payload needs a way to run, and an install script that appears in a patch release is
 * the classic one (`is` 2025). Comparing with the previous version (highest published version
 * lower than the locked one) keeps packages that always had a build step (esbuild, sharp)
 * quiet. With no previous version there is nothing to compare with, so no finding. Never
 * lapses by itself. The same comparison is a change-of-hands signal (new-publisher.ts).
 */
import type { ChangeSignal, ReleaseHistory, VersionRecord } from '../model/types.js';
import { previousBySemver } from './history-queries.js';
import type { Rule } from '../model/rule.js';

type AddedScripts = Extract<ChangeSignal, { signal: 'install-script' }>;

export function addedInstallScripts(history: ReleaseHistory, record: VersionRecord): AddedScripts | null {
  if (record.installScripts.length === 0) return null;
  const previous = previousBySemver(history, record.version);
  if (!previous) return null;
  const scripts = record.installScripts.filter((s) => !previous.installScripts.includes(s));
  return scripts.length === 0 ? null : { signal: 'install-script', scripts, previousVersion: previous.version };
}

export const installScriptRule: Rule<'install-script'> = {
  id: 'install-script',
  evaluate({ target }, { severity }) {
    if (severity === 'off' || !target) return [];
    const added = addedInstallScripts(target.history, target.record);
    if (!added) return [];
    return [{ rule: 'install-script', severity, eligibleAt: null, scripts: added.scripts, previousVersion: added.previousVersion }];
  },
};
