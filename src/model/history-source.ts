/**
 * How the engine asks for a package's release history. The registry adapter implements it over
 * HTTP; tests implement it over in-memory data. Transport failures that leave the gate unable
 * to decide (auth refused, registry down after retries) are thrown as QuarantineError;
 * a package the registry does not know is an answer, not an error.
 */
import type { Instant, ReleaseHistory } from './types.js';

export type HistoryResult =
  | {
      status: 'found';
      history: ReleaseHistory;
      /**
       * Hosts (`host[:port]`) the configuration names as a registry for this package (see
       * HistorySource.registryHostsOf). When absent: the history's registry host and the
       * public npm hosts.
       */
      registryHosts?: readonly string[];
    }
  | { status: 'not-found'; name: string; registry: string };

export interface HistorySource {
  fetchHistory(name: string): Promise<HistoryResult>;
  /**
   * Hosts the configuration names as a registry for `name`: its registry's (the `@scope`
   * mapping's, else the default's) and, when no scope mapping applies, the public npm hosts.
   * A lockfile URL on one of them is a registry tarball, whatever its path looks like
   * (GitHub Packages, GitLab). Optional: a source without configuration (tests) leaves it out.
   */
  registryHostsOf?(name: string): readonly string[];
  /**
   * The history of `name` as another registry (a policy's `historyFrom`, a URL ending with
   * `/`) serves it, with the credentials the configuration gives that URL. Optional: a source
   * without it cannot take history from another registry (the gate then fails closed).
   */
  fetchHistoryFrom?(name: string, registry: string): Promise<HistoryResult>;
  /**
   * The package as its abbreviated document tells it (ReleaseHistory.abbreviated), or its full
   * history when the registry answered with a full document. With `settledBefore`, an
   * abbreviated document modified after it may be answered with its `modified` alone
   * (ReleaseHistory.partial): the package is not settled, and projecting its versions would be
   * work for nothing. Optional: a source without it is always asked for full histories
   * (engine/settled.ts).
   */
  fetchAbbreviated?(name: string, settledBefore?: Instant): Promise<HistoryResult>;
}
