/** What one settings planner returns; the data types of init's report live in model/init.ts. */
import type { NativeNote, NativeStatus } from '../model/init.js';

/** The result of one planner: status, current value, the edited text and notes. */
export interface FilePlan {
  status: NativeStatus;
  current: string | null;
  newText: string | null;
  notes: NativeNote[];
}
