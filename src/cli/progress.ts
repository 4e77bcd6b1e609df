/** Progress on stderr, only on a terminal and never with --json. */
import type { CliIo } from './io.js';

const MIN_INTERVAL_MS = 100;

export function createProgress(io: CliIo, enabled: boolean): { update: (done: number, total: number) => void; clear: () => void } {
  if (!enabled || !io.stderrIsTty) return { update: () => {}, clear: () => {} };
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = io.now();
      if (done < total && now - last < MIN_INTERVAL_MS) return;
      last = now;
      shown = true;
      io.stderr(`\r\u001b[2Kquarantine: fetched ${done}/${total} packages`);
    },
    clear() {
      if (shown) io.stderr('\r\u001b[2K');
    },
  };
}
