import type { CheckedPackage } from '../model/report.js';
import { printable, sanitize } from './sanitize.js';

/** What `quarantine install` says on stderr once the gate has decided and nothing was installed. */
export function installOutcomeLine(outcome: 'blocked' | 'dry-run'): string {
  return outcome === 'blocked'
    ? 'quarantine: install refused; package.json and the lockfile are unchanged\n'
    : 'quarantine: --dry-run: nothing installed; package.json and the lockfile are unchanged\n';
}

/** Blocked versions that were in the lockfile before and that the install keeps: named, with what to do. */
export function keptBlockedLines(kept: readonly Pick<CheckedPackage, 'name' | 'version'>[]): string {
  if (kept.length === 0) return '';
  const shown = kept.slice(0, 10).map((pkg) => `${sanitize(pkg.name)}@${sanitize(pkg.version)}`);
  const more = kept.length > shown.length ? `, and ${kept.length - shown.length} more` : '';
  const count = kept.length === 1 ? '1 blocked version was' : `${kept.length} blocked versions were`;
  return `quarantine: ${count} already in the lockfile and this install keeps ${kept.length === 1 ? 'it' : 'them'}: ${shown.join(', ')}${more}. \`quarantine check\` explains them; \`quarantine fix\` moves the age-blocked ones.\n`;
}

/** The package manager found no version old enough for what is asked; the gate will say which. */
export function ageSettingDroppedLine(command: string): string {
  return `quarantine: nothing old enough satisfies what is asked; resolving again without the age setting (${printable(command)}) so the gate can say what is blocked\n`;
}
