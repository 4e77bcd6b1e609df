/** `name`, or `@scope%2fname` for scoped names, as npm requests them (relative to the registry URL). */
export function packumentPath(name) {
  const slash = name.indexOf('/');
  if (name.startsWith('@') && slash > 0) {
    return `@${encodeURIComponent(name.slice(1, slash))}%2f${encodeURIComponent(name.slice(slash + 1))}`;
  }
  return encodeURIComponent(name);
}
