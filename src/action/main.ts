/** The Action's entry point (bundled into dist/action/index.js): builds the Host, runs, sets the exit code. */
import { createNodeHost } from '../host-node.js';
import { runAction } from './action.js';

process.exitCode = await runAction({ ...createNodeHost(), chdir: (dir) => process.chdir(dir) });
