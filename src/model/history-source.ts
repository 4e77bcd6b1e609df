/**
 * How the engine asks for a package's release history. The registry adapter implements it over
 * HTTP; tests implement it over in-memory data. Transport failures that leave the gate unable
 * to decide (auth refused, registry down after retries) are thrown as QuarantineError;
 * a package the registry does not know is an answer, not an error.
 */
import type { ReleaseHistory } from './types.js';

export type HistoryResult =
  | { status: 'found'; history: ReleaseHistory }
  | { status: 'not-found'; name: string; registry: string };

export interface HistorySource {
  fetchHistory(name: string): Promise<HistoryResult>;
}
