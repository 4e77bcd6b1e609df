// Bundles the GitHub Action (src/action/main.ts) into one ESM file, dist/action/index.js,
// which is committed: `uses: <owner>/release-quarantine@v1` runs it without `npm install`.
// CI rebuilds it and fails when the committed file differs (`.ci/run`).
import { bundle } from './lib/bundle.mjs';

await bundle('src/action/main.ts', 'dist/action/index.js');
