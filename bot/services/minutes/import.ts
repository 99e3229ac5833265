// Importing a meeting's minutes: what reading them found (bot/minutes), matched to the store, shown
// as a preview, then applied as one change per record with history ("from the minutes of dd/MM/yyyy").
// Importing the same minutes again changes nothing; a corrected version updates what changed.
// Both run the same code (a file a section in this folder): a preview works each record out and
// writes nothing; applying writes each record as it is worked out, through the versioned stores.
import type { MinutesRecord, MinutesSection, Unplaced } from '../../minutes/record.ts';
import { MAX_IMPORT_LINES } from '../../rules/limits.ts';
import { fromTheMinutes, minutesMeeting, type DateWords } from '../../rules/minutes-plan.ts';
import { mayImportMinutes } from '../../rules/permissions.ts';
import { RefusedError } from '../../rules/refused.ts';
import type { Actor, IsoDate } from '../../rules/types.ts';
import type { NotifyReport } from '../../outbox/queue.ts';
import type { BoardContext } from '../board-context.ts';
import { notifyOwners } from '../import-actions.ts';
import { actionsSection, reviewSection } from './actions.ts';
import { deepDiveSection } from './deep-dives.ts';
import { meetingSections, nextMeetingSection } from './meeting.ts';
import { questionsSection } from './questions.ts';
import { personLabel, personOf, type MinutesRun } from './run.ts';

export interface MinutesImportOptions {
  actor: Actor;
  /** The meeting, when the minutes do not say (or to correct what they say). */
  meeting?: IsoDate;
  /** How the caller gives that date, for the refusals about it (the CLI's --meeting by default). */
  dateWords?: DateWords;
}

/** One record the import would add, update or leave, in words a secretariat reads ('01.14/03/2023 JD - Circulate ...'). */
export interface PlannedRecord {
  /** 'error': the record cannot be kept as the minutes give it (too long, a bad character, refused); the rest goes on. */
  result: 'add' | 'update' | 'unchanged' | 'kept' | 'error';
  label: string;
  /** For an update: what changes ('status Open -> Discharged'); for 'kept': why the store's value stays; for an error: why. */
  detail?: string;
  warnings: string[];
  /** The stored record's id (an action's or a question's), where it has one. */
  id?: string;
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
  counts: { add: number; update: number; unchanged: number; kept: number; error: number };
  /** Who put the scrutiny questions, as written, with the directory's name where it knows them. */
  questionsPutBy?: string;
  /** Names and initials the minutes use that the directory does not know: listed, never guessed or added. */
  notInDirectory: string[];
}

/** Sections in the order the minutes have them, for the preview. */
const ORDER: readonly MinutesSection[] = [
  'meeting',
  'attendees',
  'apologies',
  'items',
  'review',
  'questions',
  'exempt',
  'actions',
  'deep-dives',
  'next-meeting',
];

function size(record: MinutesRecord): number {
  return (
    record.attendees.length +
    record.apologies.length +
    record.items.length +
    record.reviewed.length +
    record.questions.length +
    record.actionsArising.length +
    record.itemColumnActions.length +
    record.deepDives.length
  );
}

/**
 * Works through every section against the store as it is now: a preview (`dryRun`) works out what
 * each record would become and writes nothing; otherwise each record is written as it is worked
 * out, in an order where what a later section needs is already there (the meeting, then the
 * schedule, so that the next meeting takes its month's deep dive when it is added, then the
 * actions, due by that next meeting).
 */
async function work(
  t: BoardContext,
  record: MinutesRecord,
  opts: MinutesImportOptions,
  dryRun: boolean,
): Promise<{ preview: MinutesPreview; touched: string[] }> {
  const allowed = mayImportMinutes(opts.actor);
  if (!allowed.ok) throw new RefusedError(allowed.reason);
  const meeting = minutesMeeting(record.meeting.date, opts.meeting, opts.dateWords);
  const records = size(record);
  if (records > MAX_IMPORT_LINES)
    throw new RefusedError(
      `the minutes hold ${records.toLocaleString('en-GB')} records; the limit is ${MAX_IMPORT_LINES.toLocaleString('en-GB')}`,
    );
  const run: MinutesRun = {
    t,
    actor: opts.actor,
    record,
    meeting,
    remark: fromTheMinutes(meeting),
    directory: (await t.stores.people.list(t.scope)).map((p) => p.person),
    // A copy: the import adds to it, and a request's shared read must stay as storage gave it.
    calendar: [...(await t.stores.meetings.list(t.scope))],
    dryRun,
    exemptItems: new Map(),
    notInDirectory: new Set(),
    touched: [],
    unplaced: [],
  };
  const sections = [
    ...(await meetingSections(run)),
    await deepDiveSection(run),
    await nextMeetingSection(run),
    await reviewSection(run),
    await actionsSection(run),
    await questionsSection(run),
  ].sort((a, b) => ORDER.indexOf(a.section) - ORDER.indexOf(b.section));
  const counts = { add: 0, update: 0, unchanged: 0, kept: 0, error: 0 };
  for (const s of sections) for (const r of s.records) counts[r.result]++;
  const putBy = record.questionsPutBy ? personOf(run, record.questionsPutBy) : undefined;
  return {
    preview: {
      meeting,
      sections,
      unplaced: [...record.unplaced, ...run.unplaced],
      counts,
      ...(putBy ? { questionsPutBy: personLabel(run, putBy.person) } : {}),
      notInDirectory: [...run.notInDirectory],
    },
    touched: run.touched,
  };
}

/** What the minutes would change; writes nothing. Throws RefusedError for minutes that cannot be imported at all. */
export async function previewMinutes(
  t: BoardContext,
  record: MinutesRecord,
  opts: MinutesImportOptions,
): Promise<MinutesPreview> {
  return (await work(t, record, opts, true)).preview;
}

/** Applies the minutes (a fresh plan against the store as it is now) and queues the owners' cards. */
export async function applyMinutes(
  t: BoardContext,
  record: MinutesRecord,
  opts: MinutesImportOptions,
): Promise<{ applied: MinutesPreview; notified: NotifyReport }> {
  const { preview, touched } = await work(t, record, opts, false);
  // As `actions import` does: every action added or updated, each owner a card (queued once).
  return { applied: preview, notified: await notifyOwners(t, touched) };
}

/** True when the minutes change nothing in the store. */
export const nothingToChange = (p: MinutesPreview): boolean => p.counts.add + p.counts.update === 0;
