// A board's calendar: adding meetings and saying when the next one is. A meeting added to the
// calendar takes its month's focus and deep dive from the stored schedule (storage/deep-dives.ts).
import { ConcurrentChangeError, isAlreadyExists, isConflict } from '../../storage/errors.ts';
import type { StoredMeeting } from '../../storage/meetings.ts';
import { keptLine } from '../rules/limits.ts';
import { RefusedError } from '../rules/refused.ts';
import type { IsoDate, Meeting } from '../rules/types.ts';
import type { BoardContext } from './board-context.ts';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A time as the calendar keeps it: 'HH:mm', 24-hour. */
export const isMeetingTime = (time: string): boolean => TIME.test(time);
const MAX_ATTEMPTS = 5;

/** A new meeting with its month's focus and deep dive from the schedule, where it has none of its own. */
async function withScheduledDeepDive(t: BoardContext, meeting: Meeting): Promise<Meeting> {
  if (meeting.deepDive !== undefined && meeting.focus !== undefined) return meeting;
  const row = (await t.stores.deepDives.get(t.scope, meeting.date.slice(0, 7)))?.month;
  if (!row) return meeting;
  const takesTopic = meeting.deepDive === undefined && row.topic !== undefined;
  return {
    ...meeting,
    ...(meeting.focus === undefined && row.focus !== undefined ? { focus: row.focus } : {}),
    ...(takesTopic ? { deepDive: row.topic, deepDiveSet: row.set } : {}),
  };
}

/**
 * Reads the meeting on `date`, applies `change` (null: nothing to change) and writes the result
 * only if nobody wrote it since it was read; on a concurrent write it reads again and re-applies.
 */
export async function changeMeeting(
  t: BoardContext,
  date: IsoDate,
  change: (current: Meeting | null) => Meeting | null,
): Promise<{ meeting: Meeting | null; created: boolean; changed: boolean }> {
  for (let attempt = 1; ; attempt++) {
    const current: StoredMeeting | null = await t.stores.meetings.get(t.scope, date);
    const wanted = change(current?.meeting ?? null);
    if (!wanted) return { meeting: current?.meeting ?? null, created: false, changed: false };
    const next = current ? wanted : await withScheduledDeepDive(t, wanted);
    try {
      await t.stores.meetings.save(t.scope, { ...next, date }, current ?? undefined);
      return { meeting: { ...next, date }, created: !current, changed: true };
    } catch (err) {
      if (!(isConflict(err) || isAlreadyExists(err))) throw err;
      if (attempt >= MAX_ATTEMPTS)
        throw new ConcurrentChangeError(`the meeting of ${date} kept changing under us; tried ${attempt} times`);
    }
  }
}

/** The meeting on that date, created with what is known if the board has none yet. */
export async function ensureMeeting(t: BoardContext, meeting: Meeting): Promise<Meeting> {
  const { meeting: found } = await changeMeeting(t, meeting.date, (current) => (current ? null : meeting));
  return found ?? meeting;
}

/**
 * Adds a meeting, or updates the one on that date with the details given (details not given are
 * kept). Naming the next meeting also puts that one in the calendar.
 */
export async function saveMeeting(t: BoardContext, given: Meeting): Promise<{ meeting: Meeting; created: boolean }> {
  for (const [what, time] of [
    ['time', given.time],
    ['end time', given.end],
  ] as const)
    if (time !== undefined && !TIME.test(time))
      throw new RefusedError(`${what} must be HH:mm (24-hour), not "${time}"`);
  if (given.next !== undefined && given.next <= given.date)
    throw new RefusedError('the next meeting must come after this one');
  const details: Meeting = {
    ...given,
    ...(given.location !== undefined ? { location: keptLine('the location', given.location) } : {}),
    ...(given.focus !== undefined ? { focus: keptLine('the focus', given.focus) } : {}),
    ...(given.deepDive !== undefined ? { deepDive: keptLine('the deep-dive topic', given.deepDive) } : {}),
  };
  const { meeting, created } = await changeMeeting(t, details.date, (current) => ({
    ...current,
    ...stripUndefined(details),
    date: details.date,
  }));
  const saved = meeting ?? details;
  if (saved.next) await ensureMeeting(t, { date: saved.next });
  return { meeting: saved, created };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
