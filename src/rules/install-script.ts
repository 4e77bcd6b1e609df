/**
 * install-script: the locked version declares install-time scripts (preinstall, install,
 * postinstall) that the previous version by semver did not have.
 *
 * Why: a payload needs a way to run, and an install script that appears in a patch release is
 * the classic one. Comparing with the previous version (highest published version lower than
 * the locked one) keeps packages that always had a build step (esbuild, sharp) quiet. With no
 * previous version there is nothing to compare with, so no finding. Never lapses by itself.
 */
import { previousBySemver } from './history-queries.js';
import type { Rule } from '../model/rule.js';

export const installScriptRule: Rule<'install-script'> = {
  id: 'install-script',
  evaluate({ target }, { severity }) {
    if (severity === 'off' || !target || target.record.installScripts.length === 0) return [];
    const previous = previousBySemver(target.history, target.record.version);
    if (!previous) return [];
    const scripts = target.record.installScripts.filter((s) => !previous.installScripts.includes(s));
    if (scripts.length === 0) return [];
    return [
      { rule: 'install-script', severity, eligibleAt: null, scripts, previousVersion: previous.version },
    ];
  },
};
