/** pnpm 10.16+ `pnpm-workspace.yaml` `minimumReleaseAge: <minutes>` (a top-level key). */
import type { FilePlan } from './types.js';
import { planYamlKey } from './yaml-key.js';

export const PNPM_WORKSPACE_FILE = 'pnpm-workspace.yaml';

export function planPnpmWorkspace(text: string | null, minutes: number): FilePlan {
  return planYamlKey(text, { file: PNPM_WORKSPACE_FILE, key: 'minimumReleaseAge', value: minutes });
}
