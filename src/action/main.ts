/** The Action's entry point (bundled into dist/action/index.js): runs, sets the exit code. */
import { runAction } from './action.js';

process.exitCode = await runAction(process.env, {
  stdout: (text) => process.stdout.write(text),
  clock: Date.now,
});
