// A board's calendar: adding meetings and saying when the next one is.
import { isAlreadyExists, isConflict } from '../../storage/errors.ts';
import type { StoredMeeting } from '../../storage/meetings.ts';
import { keptLine } from '../rules/limits.ts';
import { RefusedError } from '../rules/refused.ts';
import type { Meeting } from '../rules/types.ts';
import type { BoardContext } from './board-context.ts';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The meeting on that date, created with what is known if the board has none yet. */
export async function ensureMeeting(t: BoardContext, meeting: Meeting): Promise<Meeting> {
  const existing = await t.stores.meetings.get(t.scope, meeting.date);
  if (existing) return existing.meeting;
  try {
    return (await t.stores.meetings.save(t.scope, meeting)).meeting;
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
    return (await t.stores.meetings.get(t.scope, meeting.date))?.meeting ?? meeting;
  }
}

/**
 * Adds a meeting, or updates the one on that date with the details given (details not given are
 * kept). Naming the next meeting also puts that one in the calendar.
 */
export async function saveMeeting(t: BoardContext, given: Meeting): Promise<{ meeting: Meeting; created: boolean }> {
  if (given.time !== undefined && !TIME.test(given.time))
    throw new RefusedError(`time must be HH:mm (24-hour), not "${given.time}"`);
  if (given.next !== undefined && given.next <= given.date)
    throw new RefusedError('the next meeting must come after this one');
  const details: Meeting = {
    ...given,
    ...(given.location !== undefined ? { location: keptLine('the location', given.location) } : {}),
    ...(given.focus !== undefined ? { focus: keptLine('the focus', given.focus) } : {}),
    ...(given.deepDive !== undefined ? { deepDive: keptLine('the deep-dive topic', given.deepDive) } : {}),
  };
  for (let attempt = 1; ; attempt++) {
    const current: StoredMeeting | null = await t.stores.meetings.get(t.scope, details.date);
    const next: Meeting = { ...current?.meeting, ...stripUndefined(details), date: details.date };
    try {
      await t.stores.meetings.save(t.scope, next, current ?? undefined);
      if (next.next) await ensureMeeting(t, { date: next.next });
      return { meeting: next, created: !current };
    } catch (err) {
      if (!(isConflict(err) || isAlreadyExists(err)) || attempt >= 5) throw err;
    }
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
