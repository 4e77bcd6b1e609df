/**
 * Whether a name from a lockfile (or the command line) may become a registry request. The
 * rules validate-npm-package-name applies to every package, old ones included (upper case
 * and long names stay allowed): not empty, no leading `.` or `_`, no surrounding spaces, and
 * nothing a URL would have to escape, with one `/` between `@scope` and the name. So `.`,
 * `..` and `a/../b` can never walk a request up out of the registry's path. Pure.
 */
const isNamePart = (part: string): boolean =>
  part !== '' && !part.startsWith('.') && !part.startsWith('_') && encodeURIComponent(part) === part;

export function isRequestablePackageName(name: string): boolean {
  if (name !== name.trim()) return false;
  if (!name.startsWith('@')) return isNamePart(name);
  const slash = name.indexOf('/');
  return slash > 1 && isNamePart(name.slice(1, slash)) && isNamePart(name.slice(slash + 1));
}
