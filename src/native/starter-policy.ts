/** The starter policy `init` writes, and where an existing policy may already live. */

export const STARTER_POLICY_FILE = 'quarantine.json';

/** Files that hold a policy; package.json counts when it has a `quarantine` key. */
export const POLICY_FILES = ['quarantine.json', '.quarantine.json', 'quarantine.jsonc'] as const;

export const STARTER_POLICY_TEXT = `${JSON.stringify(
  { $schema: './node_modules/release-quarantine/policies/schema.json', extends: 'default' },
  null,
  2,
)}\n`;
