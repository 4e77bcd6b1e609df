// Bundles the command line (src/cli/main.ts) into dist/cli/main.js, over what tsc wrote there
// (`npm run build` runs tsc first): one file instead of ~380 modules, so a run starts about
// 0.2 s sooner (decision 0053). The library API, the hooks and every other file in dist/ stay
// tsc's. Not committed; `prepare` builds it on install from git.
import { bundle } from './lib/bundle.mjs';

await bundle('src/cli/main.ts', 'dist/cli/main.js');
