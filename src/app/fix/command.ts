/**
 * The lockfile-only, scripts-off command that resolves the blocked entries again, per package
 * manager (`quarantine fix`). Pure. npm and pnpm re-resolve the entries `fix` took out of the
 * lockfile (lockfile/forget-versions.ts); Yarn Berry (`up -R`) and Bun (`update`) move the
 * named packages within their ranges themselves and keep package.json as it is.
 */
import type { InstallFlavor } from '../install/plan.js';

export interface FixCommand {
  args: string[];
  /** Whether `fix` takes the blocked entries out of the lockfile first. */
  forgetsEntries: boolean;
  env: Record<string, string>;
}

export function fixCommandFor(flavor: Exclude<InstallFlavor, 'yarn-classic'>, names: readonly string[]): FixCommand {
  switch (flavor) {
    case 'npm':
      return { args: ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], forgetsEntries: true, env: {} };
    case 'pnpm':
      // CI=true makes pnpm default to --frozen-lockfile, which refuses the edited lockfile.
      // pnpm 12 trusts a snapshot as written: without --fix-lockfile it leaves out a
      // dependency whose reference `fix` took out instead of resolving it again (pnpm 10 and
      // 11 resolve it either way).
      return { args: ['install', '--lockfile-only', '--ignore-scripts', '--no-frozen-lockfile', '--fix-lockfile'], forgetsEntries: true, env: {} };
    case 'yarn-berry':
      // CI=true makes Yarn default to immutable installs, which refuse any lockfile change.
      return { args: ['up', '-R', ...names, '--mode=update-lockfile'], forgetsEntries: false, env: { YARN_ENABLE_IMMUTABLE_INSTALLS: 'false' } };
    case 'bun':
      return { args: ['update', ...names, '--lockfile-only', '--ignore-scripts'], forgetsEntries: false, env: {} };
  }
}
