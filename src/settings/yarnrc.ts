/**
 * Yarn 4.10+ `.yarnrc.yml` `npmMinimalAgeGate`. Written as a bare integer, which every Yarn 4
 * release reads as minutes: 4.10 and 4.11 declare the setting a NUMBER in minutes (a string
 * such as `7d` is read as 7 minutes, yarnpkg/berry#6991), 4.12+ a DURATION whose unitless
 * value is minutes. A current value with a unit suffix is therefore reported as different.
 */
import type { FilePlan } from './types.js';
import { planYamlKey } from './yaml-key.js';

export const YARNRC_FILE = '.yarnrc.yml';

export function planYarnrc(text: string | null, minutes: number): FilePlan {
  const plan = planYamlKey(text, { file: YARNRC_FILE, key: 'npmMinimalAgeGate', value: minutes });
  const suffixed = plan.status === 'different' && plan.current !== null && /^["']?\s*\d+(\.\d+)?\s*[a-z]+\s*["']?$/i.test(plan.current);
  return suffixed ? { ...plan, notes: [...plan.notes, 'yarn-unit-suffix'] } : plan;
}
