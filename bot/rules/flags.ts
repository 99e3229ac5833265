// One meaning of overdue, no reply and ready to discharge, for actions and scrutiny questions, as
// at a stated date; and the counts of them that every surface shows (the chat's outstanding and
// questions, the digest in all its forms, the tab, the channel summary). Pure.
//
// A discharged action, and a question marked answered (closed), need nothing from anyone: never
// overdue, never waiting for a reply. Actions and questions are counted apart.
import { londonToday } from './dates.ts';
import { lastMeetingHeld } from './meetings.ts';
import { isOpen, owesUpdate } from './statuses.ts';
import type { Action, IsoDate, Meeting, Question } from './types.ts';

export interface Flags {
  /** Still on the list: an action not discharged, a question not marked answered. */
  open: boolean;
  /** Past its due date and still owed: an action not completed or standing, a question with no response. */
  overdue: boolean;
  /** An action: no reply from its owners since the meeting that last looked at it. A question: no response yet. */
  noReply: boolean;
  /** The owner says it is done (a question: answered): the meeting can discharge it (mark it answered). */
  readyToDischarge: boolean;
}

const CLOSED: Flags = { open: false, overdue: false, noReply: false, readyToDischarge: false };

/** An action's flags as at `asAt`, against the calendar of meetings held by then. */
export function actionFlags(
  a: Pick<Action, 'status' | 'due' | 'repliedAt' | 'meeting'>,
  meetings: readonly Meeting[],
  asAt: IsoDate,
): Flags {
  if (!isOpen(a.status)) return CLOSED;
  const held = lastMeetingHeld(meetings, asAt);
  const since = held && held > a.meeting ? held : a.meeting;
  return {
    open: true,
    overdue: owesUpdate(a.status) && a.due !== undefined && a.due < asAt,
    noReply: a.status !== 'standing' && (a.repliedAt === undefined || londonToday(new Date(a.repliedAt)) < since),
    readyToDischarge: a.status === 'completed',
  };
}

/** A scrutiny question's flags as at `asAt`. */
export function questionFlags(q: Pick<Question, 'closedOn' | 'state' | 'due'>, asAt: IsoDate): Flags {
  if (q.closedOn) return CLOSED;
  const awaiting = q.state === 'awaiting';
  return {
    open: true,
    overdue: awaiting && q.due !== undefined && q.due < asAt,
    noReply: awaiting,
    readyToDischarge: q.state === 'answered',
  };
}

export interface Counts {
  open: number;
  overdue: number;
  noReply: number;
  readyToDischarge: number;
}

export interface BoardCounts {
  /** The day the flags were read at. */
  asAt: IsoDate;
  actions: Counts;
  questions: Counts;
}

/** An item with its flags, as any surface holds it. */
export type Flagged = Flags & { kind: 'action' | 'question'; id: string };

/** Counts each item once (an action with two owners is listed twice by owner, counted once). */
export function countFlags(items: Iterable<Flagged>, asAt: IsoDate): BoardCounts {
  const zero = (): Counts => ({ open: 0, overdue: 0, noReply: 0, readyToDischarge: 0 });
  const counts: BoardCounts = { asAt, actions: zero(), questions: zero() };
  const seen = new Set<string>();
  for (const i of items) {
    const key = `${i.kind}:${i.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const c = i.kind === 'action' ? counts.actions : counts.questions;
    if (i.open) c.open++;
    if (i.overdue) c.overdue++;
    if (i.noReply) c.noReply++;
    if (i.readyToDischarge) c.readyToDischarge++;
  }
  return counts;
}

/** Still with its owners: open, less what they have completed (answered) for the meeting to discharge (mark). */
export function outstandingCount(c: Counts): number {
  return c.open - c.readyToDischarge;
}

/** The counts as the papers and the cards give them: what is outstanding told apart from what awaits the meeting. */
export interface ShownCounts {
  outstanding: number;
  readyToDischarge: number;
  overdue: number;
  noReply: number;
}

export function shownCounts(c: Counts): ShownCounts {
  return {
    outstanding: outstandingCount(c),
    readyToDischarge: c.readyToDischarge,
    overdue: c.overdue,
    noReply: c.noReply,
  };
}
