/** What `quarantine install` says on stderr once the gate has decided and nothing was installed. */
export function installOutcomeLine(outcome: 'blocked' | 'dry-run'): string {
  return outcome === 'blocked'
    ? 'quarantine: install refused; package.json and the lockfile are unchanged\n'
    : 'quarantine: --dry-run: nothing installed; package.json and the lockfile are unchanged\n';
}
