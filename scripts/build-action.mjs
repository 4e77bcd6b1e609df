// Bundles the GitHub Action (src/github/main.ts) into one ESM file, dist/action/index.js,
// which is committed: `uses: <owner>/release-quarantine@v1` runs it without `npm install`.
// Deterministic (no minify, no legal comments, no source map, no timestamps) so CI can
// rebuild it and fail when the committed file differs (`.ci/run`).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['src/github/main.ts'],
  outfile: 'dist/action/index.js',
  bundle: true,
  format: 'esm',
  platform: 'node',
  // jsonc-parser's `main` is a UMD build whose dynamic requires esbuild cannot follow; its ESM build bundles.
  mainFields: ['module', 'main'],
  target: 'node20',
  minify: false,
  sourcemap: false,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
  // CommonJS dependencies (npm's agent and auth, yargs' helpers) call require(): give the
  // ESM bundle one.
  banner: {
    js: "import { createRequire as __quarantineCreateRequire } from 'node:module';\nconst require = __quarantineCreateRequire(import.meta.url);",
  },
});
