// One esbuild bundle of an entry point into one ESM file: the GitHub Action (dist/action/index.js,
// committed) and the command line (dist/cli/main.js, over tsc's output of that file). Deterministic
// (no minify, no legal comments, no source map, no timestamps) so CI can rebuild the Action and
// fail when the committed file differs (`.ci/run`).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Bundles `entry` (relative to the repository) into `outfile`. */
export async function bundle(entry, outfile) {
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
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
    // CommonJS dependencies call require() (npm's agent and auth) and read __filename
    // (@yarnpkg/lockfile): give the ESM bundle both.
    banner: {
      js: [
        "import { createRequire as __quarantineCreateRequire } from 'node:module';",
        "import { fileURLToPath as __quarantineFileURLToPath } from 'node:url';",
        'const require = __quarantineCreateRequire(import.meta.url);',
        'const __filename = __quarantineFileURLToPath(import.meta.url);',
        "const __dirname = __quarantineFileURLToPath(new URL('.', import.meta.url));",
      ].join('\n'),
    },
  });
}
