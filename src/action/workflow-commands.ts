/**
 * GitHub workflow commands (`::error file=...,line=...::message`) and the GITHUB_OUTPUT file
 * format, as text. Pure. Escaping follows the runner's rules: `%`, CR and LF in messages;
 * also `:` and `,` in properties.
 */
import { randomUUID } from 'node:crypto';
import { sanitize } from '../report/sanitize.js';

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  title?: string | undefined;
  file?: string | undefined;
  line?: number | null | undefined;
}

export function annotationCommand(annotation: Annotation): string {
  const properties = [
    annotation.file === undefined ? null : `file=${escapeProperty(annotation.file)}`,
    annotation.line === undefined || annotation.line === null ? null : `line=${annotation.line}`,
    annotation.title === undefined ? null : `title=${escapeProperty(sanitize(annotation.title))}`,
  ].filter((property): property is string => property !== null);
  const head = properties.length > 0 ? `${annotation.level} ${properties.join(',')}` : annotation.level;
  return `::${head}::${escapeData(sanitize(annotation.message.replace(/\r?\n/g, ' ')))}`;
}

/** GitHub shows at most 10 error and 10 warning annotations per step. */
export const ANNOTATION_LIMIT = 10;

/** The commands to print: at most ANNOTATION_LIMIT per level, then one notice for the rest. */
export function limitAnnotations(annotations: readonly Annotation[]): string[] {
  const shown: Annotation[] = [];
  let hidden = 0;
  const counts = { error: 0, warning: 0, notice: 0 };
  for (const annotation of annotations) {
    if (counts[annotation.level] < ANNOTATION_LIMIT) {
      counts[annotation.level]++;
      shown.push(annotation);
    } else hidden++;
  }
  const lines = shown.map(annotationCommand);
  if (hidden > 0) lines.push(annotationCommand({ level: 'notice', message: `${hidden} more blocked or warned lockfile entr${hidden === 1 ? 'y is' : 'ies are'} listed in the job summary (GitHub shows ${ANNOTATION_LIMIT} annotations of each kind per step).` }));
  return lines;
}

/** `name<<delimiter\nvalue\ndelimiter\n`: safe for any value, multiline included. */
export function outputEntry(name: string, value: string, delimiter = `ghadelimiter_${randomUUID()}`): string {
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}
