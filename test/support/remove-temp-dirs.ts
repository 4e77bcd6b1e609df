/** Jest `setupFilesAfterEnv`: the folders a test file made with makeTempDir go when it ends. */
import { removeTempDirs } from './temp.js';

afterAll(removeTempDirs);
