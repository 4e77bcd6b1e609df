/** What `quarantine allow` did: data only; report/allow.ts words it. */
import type { PolicyException } from './policy.js';

/** Where the exception was written and how. */
export interface AllowResult {
  path: string;
  /** `file`: a policy file; `package-json`: the `quarantine` key of package.json. */
  kind: 'file' | 'package-json';
  /** created: there was no policy, a new quarantine.json holds the exception. */
  action: 'created' | 'added' | 'updated';
  exception: PolicyException;
}
