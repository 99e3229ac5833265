// A board's calendar as the secretariat keeps it: the next meeting, and each month's focus and
// deep-dive topic (one at a time from the chat, or the minutes' whole schedule).
import { londonToday } from '../rules/dates.ts';
import { parseDeepDive, parseDeepDiveSchedule, type ScheduleLine } from '../rules/deep-dives.ts';
import { lastMeetingHeld } from '../rules/meetings.ts';
import { mayEditRecord } from '../rules/permissions.ts';
import { RefusedError } from '../rules/refused.ts';
import { formatUkDate } from '../rules/refs.ts';
import type { Actor, DeepDiveSource, IsoDate, Meeting } from '../rules/types.ts';
import { saveMeeting } from './meetings.ts';
import type { BoardContext } from './board-context.ts';

function mustKeepRecord(actor: Actor): void {
  const ok = mayEditRecord(actor);
  if (!ok.ok) throw new RefusedError('the calendar is kept by the secretariat');
}

/** Sets the next meeting, and makes it the "next" of the latest meeting held. */
export async function setNextMeeting(t: BoardContext, actor: Actor, next: Meeting): Promise<Meeting> {
  mustKeepRecord(actor);
  const today = londonToday(t.now());
  if (next.date < today)
    throw new RefusedError(`${formatUkDate(next.date)} has passed: the next meeting is on or after today`);
  const { meeting } = await saveMeeting(t, next);
  const held = lastMeetingHeld(await t.stores.meetings.list(t.scope), today);
  if (held && held < next.date) await saveMeeting(t, { date: held, next: next.date });
  return meeting;
}

/** A deep dive set by hand (the chat, the CLI): the minutes never replace it without saying so. */
export function setByHand(t: BoardContext, actor: Actor): DeepDiveSource {
  return { how: 'hand', by: actor.name, at: t.now().toISOString() };
}

export interface DeepDiveResult {
  line: number;
  result: 'set' | 'skipped' | 'error';
  meeting?: IsoDate;
  reason?: string;
}

async function applyLine(t: BoardContext, actor: Actor, line: ScheduleLine): Promise<DeepDiveResult> {
  if (line.kind !== 'entry') return { line: line.line, result: line.kind, reason: line.reason };
  const meeting = (await t.stores.meetings.list(t.scope))
    .filter((m) => m.date.startsWith(line.month))
    .sort((a, b) => a.date.localeCompare(b.date))[0];
  if (!meeting) {
    const [y, m] = line.month.split('-');
    return { line: line.line, result: 'error', reason: `no meeting in ${m}/${y} in the calendar: add it first` };
  }
  try {
    await saveMeeting(t, {
      date: meeting.date,
      ...(line.topic !== undefined ? { deepDive: line.topic, deepDiveSet: setByHand(t, actor) } : {}),
      ...(line.focus ? { focus: line.focus } : {}),
    });
  } catch (err) {
    // A topic that cannot be kept is this line's error; the schedule's other lines go on.
    if (err instanceof RefusedError) return { line: line.line, result: 'error', reason: err.message };
    throw err;
  }
  return { line: line.line, result: 'set', meeting: meeting.date };
}

/** `deep dive April: Repeat Victims`. */
export async function setDeepDive(t: BoardContext, actor: Actor, text: string): Promise<DeepDiveResult> {
  mustKeepRecord(actor);
  const result = await applyLine(t, actor, parseDeepDive(text, londonToday(t.now())));
  if (result.result !== 'set') throw new RefusedError(result.reason ?? 'not understood');
  return result;
}

/** The minutes' Schedule of Deep Dive Subjects, a line a month. */
export async function importDeepDives(t: BoardContext, actor: Actor, text: string): Promise<DeepDiveResult[]> {
  mustKeepRecord(actor);
  const results: DeepDiveResult[] = [];
  for (const line of parseDeepDiveSchedule(text, londonToday(t.now()))) results.push(await applyLine(t, actor, line));
  return results;
}

/** The calendar as people ask for it: the meetings from today on (soonest first), and those held (latest first). */
export async function calendarOf(t: BoardContext): Promise<{ coming: Meeting[]; held: Meeting[] }> {
  const today = londonToday(t.now());
  const all = [...(await t.stores.meetings.list(t.scope))].sort((a, b) => a.date.localeCompare(b.date));
  return { coming: all.filter((m) => m.date >= today), held: all.filter((m) => m.date < today).reverse() };
}

/** Meetings from today on, soonest first. */
export async function upcomingMeetings(t: BoardContext): Promise<Meeting[]> {
  return (await calendarOf(t)).coming;
}

/** Why there is no meeting to prepare for, and what to type: the next meeting's date, or a meeting held. */
export function noNextMeeting(held: readonly Meeting[], command: string): string {
  const last = held[0] ? formatUkDate(held[0].date) : undefined;
  return `no next meeting is in the calendar${last ? ` (the last held was ${last})` : ''}: the chair or the secretariat sets it with "next meeting dd/MM/yyyy"; or name the meeting: "${command} ${last ?? 'dd/MM/yyyy'}"`;
}
