/** Where a project's policy may live (pure constants shared by discovery, allow and init). */

/** Policy files looked for in the project directory, in this order. */
export const POLICY_FILE_NAMES = ['quarantine.json', '.quarantine.json', 'quarantine.jsonc'] as const;

/** The `package.json` key that may hold the policy instead of a file. */
export const PACKAGE_JSON_KEY = 'quarantine';

/** The file `init` and `allow` create when a project has no policy. */
export const STARTER_POLICY_FILE = 'quarantine.json';
