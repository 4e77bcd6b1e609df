/**
 * YAML lockfiles are read by js-yaml first and by the yaml library whenever js-yaml might read
 * differently (yaml-quick.ts, decision 0052). A comment holding `&` forces the yaml library's
 * reading without changing the data, so each reading can be compared with the other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA } from 'js-yaml';
import { parseBerryDocument } from '../../src/lockfile/yarn-berry-document.js';
import { linesOnDemand, readYamlQuickly } from '../../src/lockfile/yaml-quick.js';

const BERRY = join(import.meta.dirname, '..', 'fixtures', 'lockfiles', 'yarn-berry');
const FULL_READING = '\n# &the yaml library reads this\n';

function outcome(read: () => unknown): unknown {
  try {
    return { value: read() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('Yarn Berry lockfiles', () => {
  const fixtures = readdirSync(BERRY, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map(({ name }) => [name, readFileSync(join(BERRY, name, 'yarn.lock'), 'utf8')] as const);

  test.each(fixtures)('%s: js-yaml reads the same entries as the yaml library', (_, text) => {
    expect(readYamlQuickly(text, CORE_SCHEMA)).not.toBeNull();
    expect(readYamlQuickly(text + FULL_READING, CORE_SCHEMA)).toBeNull();
    expect(parseBerryDocument(text, 'yarn.lock')).toEqual(parseBerryDocument(text + FULL_READING, 'yarn.lock'));
  });

  test.each(fixtures)('%s: a message about an entry names the same line on both readings', (_, text) => {
    const broken = text.replace(/\n {2}resolution: [^\n]*/, '');
    const quick = outcome(() => parseBerryDocument(broken, 'yarn.lock'));
    expect(quick).toEqual({ error: expect.stringMatching(/entry has no "resolution" \(line \d+\)$/) });
    expect(quick).toEqual(outcome(() => parseBerryDocument(broken + FULL_READING, 'yarn.lock')));
  });

  test.each([
    ['a duplicate key', '__metadata:\n  version: 8\n"a@npm:1":\n  version: 1.0.0\n"a@npm:1":\n  version: 1.0.0\n'],
    ['two documents', '__metadata:\n  version: 8\n---\n"a@npm:1":\n  version: 1.0.0\n'],
    ['not a mapping', '- a\n- b\n'],
    ['bad indentation', '__metadata:\n  version: 8\n "a@npm:1":\n  version: 1.0.0\n'],
  ])('%s: the yaml library reports it, as before', (_, text) => {
    expect(outcome(() => parseBerryDocument(text, 'yarn.lock'))).toEqual(outcome(() => parseBerryDocument(text + FULL_READING, 'yarn.lock')));
  });
});

describe('linesOnDemand', () => {
  test('builds the lines once, on the first question', () => {
    let builds = 0;
    const lineOf = linesOnDemand(() => {
      builds += 1;
      return (key: string) => (key === 'a' ? 3 : null);
    });
    expect(builds).toBe(0);
    expect([lineOf('a'), lineOf('b'), lineOf('a')]).toEqual([3, null, 3]);
    expect(builds).toBe(1);
  });

  test('a text the yaml library refuses has no lines, and the message stays the one about the data', () => {
    const lineOf = linesOnDemand<string>(() => {
      throw new Error('invalid YAML');
    });
    expect(lineOf('a')).toBeNull();
  });
});
