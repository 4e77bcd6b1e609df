/**
 * The root `preinstall` script as the pre-install gate. npm 12 and pnpm 12.6+ (11.28+ on the
 * 11 line) run it before they resolve or fetch anything, so a block stops the install with
 * nothing of the blocked release on disk (test/e2e/preinstall-gate.test.ts). Older versions run
 * it after the dependencies are installed, where it is only a tripwire, so init writes it only
 * for a project that pins one of those versions (model/package-manager-pin.ts).
 *
 * The command runs the gate through `npx --yes release-quarantine@<version>`: on a fresh clone
 * and under `npm ci` (which empties node_modules first) a devDependency is not installed yet
 * when `preinstall` runs. An existing preinstall that is not the gate is never replaced: init
 * prints what to put in front of it.
 */
import { applyEdits, findNodeAtLocation, getNodeValue, modify, parseTree } from 'jsonc-parser';
import { pinsAtLeast, type PackageManagerPin } from '../model/package-manager-pin.js';
import type { FilePlan } from './types.js';
import { formattingOf } from './json-format.js';
import { invalidFile } from './invalid-file.js';

export const PREINSTALL_KEY = 'scripts.preinstall';

/** The package manager whose root preinstall runs before any dependency is fetched, or null. */
export function preinstallGateManager(pin: PackageManagerPin | null): 'npm' | 'pnpm' | null {
  if (pinsAtLeast(pin, 'npm', '12.0.0')) return 'npm';
  if (pinsAtLeast(pin, 'pnpm', '12.6.0')) return 'pnpm';
  if (pinsAtLeast(pin, 'pnpm', '11.28.0') && !pinsAtLeast(pin, 'pnpm', '12.0.0')) return 'pnpm';
  return null;
}

export function preinstallCommand(selfVersion: string): string {
  return `npx --yes release-quarantine@${selfVersion} check`;
}

/** A preinstall that already runs the gate (any version, `npx` or a local `quarantine`). */
function runsTheGate(script: string): boolean {
  return /(^|[\s&;|(])(npx\s+(--yes\s+|-y\s+)?release-quarantine(@\S+)?|quarantine)\s+check\b/.test(script);
}

export function planPreinstall(text: string, command: string): FilePlan {
  const root = parseTree(text, [], { allowTrailingComma: false });
  if (!root || root.type !== 'object') throw invalidFile('package.json', 'expected a JSON object');
  const node = findNodeAtLocation(root, ['scripts', 'preinstall']);
  const current: unknown = node ? getNodeValue(node) : undefined;
  if (typeof current === 'string' && runsTheGate(current)) return { status: 'equal', current, newText: null, notes: [] };
  if (current !== undefined) {
    return { status: 'manual', current: typeof current === 'string' ? current : JSON.stringify(current), newText: null, notes: ['preinstall-exists'] };
  }
  const newText = applyEdits(text, modify(text, ['scripts', 'preinstall'], command, { formattingOptions: formattingOf(text) }));
  return { status: 'missing', current: null, newText, notes: [] };
}
