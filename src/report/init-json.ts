/** `init --json` (schemaVersion 1): the policy file action, the tools found and each native setting. */
import { JSON_SCHEMA_VERSION } from '../model/constants.js';
import { formatDuration } from '../model/duration.js';
import type { InitReport } from '../model/init.js';
import type { JsonValue } from './json-values.js';
import { printable } from './sanitize.js';
import { isoTime } from './time.js';

export function initReportToJson(report: InitReport): JsonValue {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    now: isoTime(report.now),
    dir: printable(report.dir),
    minReleaseAge: formatDuration(report.minReleaseAge),
    write: report.write,
    policy: { file: report.policy.file, action: report.policy.action },
    tools: report.tools.map((tool) => ({ tool: tool.tool, evidence: tool.evidence, supported: tool.tool !== 'yarn-classic' })),
    settings: report.settings.map((setting) => ({
      tool: setting.tool,
      file: setting.file,
      key: setting.key,
      value: setting.value,
      unit: setting.unit,
      status: setting.status,
      current: setting.current === null ? null : printable(setting.current),
      written: setting.written,
      createsFile: setting.createsFile,
      notes: setting.notes,
    })),
    botWindows: report.botWindows.map((shortfall) => ({
      bot: shortfall.bot,
      botWindow: formatDuration(shortfall.botWindow),
      tool: shortfall.tool,
      toolWindow: formatDuration(shortfall.toolWindow),
      fixedByWrite: shortfall.fixedByWrite,
    })),
  };
}
