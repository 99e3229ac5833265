// Importing a meeting's minutes: what reading them found (bot/minutes), matched to the store, shown
// as a preview, then applied as one change per record with history ("from the minutes of dd/MM/yyyy").
// Importing the same minutes again changes nothing; a corrected version updates what changed.
// (Contract first; the planning and applying are filled in behind these signatures.)
import type { MinutesRecord, MinutesSection, Unplaced } from '../minutes/record.ts';
import type { Actor, IsoDate } from '../rules/types.ts';
import type { NotifyReport } from '../outbox/queue.ts';
import type { BoardContext } from './board-context.ts';

export interface MinutesImportOptions {
  actor: Actor;
  /** The meeting, when the minutes do not say (or to correct what they say). */
  meeting?: IsoDate;
}

/** One record the import would add, update or leave, in words a secretariat reads ('01.14/03/2023 JD - Circulate ...'). */
export interface PlannedRecord {
  result: 'add' | 'update' | 'unchanged' | 'kept';
  label: string;
  /** For an update: what changes ('status Open -> Discharged'); for 'kept': why the store's value stays. */
  detail?: string;
  warnings: string[];
}

export interface PlannedSection {
  section: MinutesSection;
  /** The section's heading as shown: 'Actions Arising', 'Review of the previous meeting's actions', ... */
  title: string;
  /** How many the minutes hold. */
  found: number;
  records: PlannedRecord[];
}

export interface MinutesPreview {
  meeting: IsoDate;
  sections: PlannedSection[];
  /** What no section could place, and why. */
  unplaced: Unplaced[];
  /** Totals over every section. */
  counts: { add: number; update: number; unchanged: number; kept: number };
}

/** What the minutes would change; writes nothing. Throws RefusedError for minutes that cannot be imported at all. */
export async function previewMinutes(
  _t: BoardContext,
  _record: MinutesRecord,
  _opts: MinutesImportOptions,
): Promise<MinutesPreview> {
  throw new Error('not built yet');
}

/** Applies the minutes (a fresh plan against the store as it is now) and queues the owners' cards. */
export async function applyMinutes(
  _t: BoardContext,
  _record: MinutesRecord,
  _opts: MinutesImportOptions,
): Promise<{ applied: MinutesPreview; notified: NotifyReport }> {
  throw new Error('not built yet');
}
