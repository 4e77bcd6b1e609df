/**
 * Nothing below the shells reads the world on its own: no `process` (environment, working
 * directory, platform, signals, exit), no wall clock (`Date.now`, `new Date()` without an
 * argument), no `os.homedir()`. The shells (src/cli/, src/action/, src/hooks/, src/index.ts)
 * read them once and pass them down (`now`, and a Host: issue 13). The import layers themselves
 * are checked by dependency-cruiser (`npm run lint:imports`, .dependency-cruiser.cjs).
 *
 * The scan reads the syntax tree, so a word in a comment or a string does not count, and a
 * parameter called `homedir` is not a call to `os.homedir()`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const REPO = fileURLToPath(new URL('../', import.meta.url));
// src/host-node.ts builds the process's Host, and only the shells import it (.dependency-cruiser.cjs).
const SHELLS = /^src\/(cli|action|hooks)\/|^src\/index\.ts$|^src\/host-node\.ts$/;

type Offence = 'process' | 'Date.now' | 'new Date()' | 'os.homedir';

/**
 * Modules below the shells that may still read the world themselves: none since the Host of
 * issue 13 (src/model/host.ts) is built in each entry point and passed down. Keep it empty; an
 * entry that no longer offends fails the test, so the list can only shrink.
 */
const NOT_YET_HOSTED: Record<string, readonly Offence[]> = {};

const OS_MODULES = new Set(['os', 'node:os']);
const PROCESS_MODULES = new Set(['process', 'node:process']);

/** What one module's text touches, in source order, each kind once. */
function worldReads(fileName: string, text: string): Offence[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found = new Set<Offence>();
  const osNames = new Set<string>();

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const from = node.moduleSpecifier.text;
      const clause = node.importClause;
      if (PROCESS_MODULES.has(from)) found.add('process');
      if (OS_MODULES.has(from) && clause) {
        if (clause.name) osNames.add(clause.name.text);
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) osNames.add(bindings.name.text);
        if (bindings && ts.isNamedImports(bindings)) {
          for (const element of bindings.elements) {
            if ((element.propertyName ?? element.name).text === 'homedir') found.add('os.homedir');
          }
        }
      }
      return;
    }
    if (ts.isIdentifier(node) && node.text === 'process' && readsGlobal(node)) found.add('process');
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const object = node.expression.text;
      const property = node.name.text;
      if (object === 'Date' && property === 'now') found.add('Date.now');
      if (osNames.has(object) && property === 'homedir') found.add('os.homedir');
    }
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Date' && (node.arguments?.length ?? 0) === 0) {
      found.add('new Date()');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...found];
}

/** `process` as a value: not a property name (`x.process`, `{ process: 1 }`) nor a declared name. */
function readsGlobal(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isMethodDeclaration(parent)) && parent.name === node) return false;
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent)) && parent.name === node) return false;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) return false;
  return true;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function belowTheShells(): Map<string, Offence[]> {
  const reads = new Map<string, Offence[]>();
  for (const path of sourceFiles(join(REPO, 'src'))) {
    const name = relative(REPO, path).split(sep).join('/');
    if (SHELLS.test(name)) continue;
    const offences = worldReads(name, readFileSync(path, 'utf8'));
    if (offences.length > 0) reads.set(name, offences.sort());
  }
  return reads;
}

describe('worldReads', () => {
  test('finds process, the wall clock and the home directory', () => {
    expect(worldReads('a.ts', 'const e = process.env["HOME"];')).toEqual(['process']);
    expect(worldReads('a.ts', 'import { env } from "node:process";')).toEqual(['process']);
    expect(worldReads('a.ts', 'const clock = options.clock ?? Date.now;')).toEqual(['Date.now']);
    expect(worldReads('a.ts', 'const t = new Date().getTime();')).toEqual(['new Date()']);
    expect(worldReads('a.ts', 'const t = new Date;')).toEqual(['new Date()']);
    expect(worldReads('a.ts', 'import { homedir } from "node:os"; homedir();')).toEqual(['os.homedir']);
    expect(worldReads('a.ts', 'import os from "os"; os.homedir();')).toEqual(['os.homedir']);
    expect(worldReads('a.ts', 'import * as os from "node:os"; os.homedir();')).toEqual(['os.homedir']);
  });

  test('leaves comments, strings, property names, parameters and given instants alone', () => {
    const text = [
      '// process.env and Date.now() in a comment',
      'const words = "process.exit() new Date()";',
      'const d = new Date(now);',
      'function f(homedir: string, process: number) { return { process: 1, homedir }; }',
      'interface P { process: string }',
      'const x = job.process;',
      'import { tmpdir } from "node:os";',
    ].join('\n');
    expect(worldReads('a.ts', text)).toEqual([]);
  });
});

describe('below the shells', () => {
  const reads = belowTheShells();

  test('no module outside cli/, action/, hooks/ and index.ts reads process, the clock or the home directory', () => {
    const unexpected = [...reads].flatMap(([file, offences]) =>
      offences.filter((offence) => !(NOT_YET_HOSTED[file] ?? []).includes(offence)).map((offence) => `${file}: ${offence}`),
    );
    expect(unexpected).toEqual([]);
  });

  test('the not-yet-hosted list only shrinks: an entry that no longer offends must be removed', () => {
    const stale = Object.entries(NOT_YET_HOSTED).flatMap(([file, offences]) =>
      offences.filter((offence) => !(reads.get(file) ?? []).includes(offence)).map((offence) => `${file}: ${offence}`),
    );
    expect(stale).toEqual([]);
  });
});
