/** The demo's registry snapshot served on 127.0.0.1 for the duration of a test file. */
// @ts-expect-error plain JS helper shared with the demo script
import { DEMO_NOW as DEMO_NOW_JS, loadDemoDocuments } from '../../scripts/lib/demo-registry.mjs';
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';

export const DEMO_NOW = DEMO_NOW_JS as string;

/** The demo registry's documents by package name (JSON text). */
export function demoDocuments(): Map<string, string> {
  return loadDemoDocuments() as Map<string, string>;
}

/** Starts the registry in beforeAll, closes it in afterAll; call the result inside tests. */
export function useDemoRegistry(): () => FixtureRegistry {
  let registry: FixtureRegistry | undefined;
  beforeAll(async () => {
    registry = await startFixtureRegistry({ documents: demoDocuments() });
  });
  afterAll(async () => {
    await registry?.close();
  });
  return () => {
    if (!registry) throw new Error('the demo registry is not running');
    return registry;
  };
}

/** `--registry <url> --now <demo instant>` plus the given arguments. */
export function demoArgs(registry: FixtureRegistry, ...args: string[]): string[] {
  return ['--registry', registry.url, '--now', DEMO_NOW, ...args];
}
