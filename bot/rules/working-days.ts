// Working days and London wall-clock times, for what runs on a timetable before a meeting: the
// digest goes out `digestLeadDays` working days before the meeting, the chasers `chaseLeadDays`
// working days before the digest, both at `digestTime` in London whatever the season.
// A working day is Monday to Friday and not an England and Wales bank holiday.
import { TZDate } from '@date-fns/tz';
import { isBankHoliday } from './bank-holidays.ts';
import { LONDON } from './dates.ts';
import type { IsoDate } from './types.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 86_400_000;

/** The calendar date as a UTC midnight (calendar arithmetic only; no time zone involved). */
function calendar(date: IsoDate): Date {
  const m = ISO_DATE.exec(date);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!d || d.toISOString().slice(0, 10) !== date) throw new RangeError(`"${date}" is not a date (yyyy-MM-dd)`);
  return d;
}

const isoOf = (d: Date): IsoDate => d.toISOString().slice(0, 10);

/** Monday to Friday, and not a bank holiday in England and Wales. */
export function isWorkingDay(date: IsoDate): boolean {
  const day = calendar(date).getUTCDay();
  return day !== 0 && day !== 6 && !isBankHoliday(date);
}

/** The date `n` working days before `date` (`date` itself not counted; n = 0 gives `date`). */
export function subtractWorkingDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`a number of working days must be a whole number >= 0, not ${n}`);
  let d = calendar(date);
  for (let left = n; left > 0;) {
    d = new Date(d.getTime() - DAY_MS);
    if (isWorkingDay(isoOf(d))) left--;
  }
  return isoOf(d);
}

/**
 * The instant at which London's clocks show `time` ('HH:mm') on `date`: 09:00 is 09:00 UTC in
 * winter (GMT) and 08:00 UTC in summer (BST). A time that does not exist (01:30 on the last
 * Sunday of March) comes out an hour later, as the clocks then read it; one that happens twice
 * (01:30 on the last Sunday of October) is the second, in GMT. Neither is ever on a working day.
 */
export function londonInstant(date: IsoDate, time: string): Date {
  const d = calendar(date);
  const t = TIME.exec(time);
  if (!t) throw new RangeError(`"${time}" is not a time (HH:mm, 24-hour)`);
  const wall = new TZDate(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), Number(t[1]), Number(t[2]), LONDON);
  return new Date(wall.getTime());
}

/** The timetable the rules need (bot/config.ts reads it from the environment and passes it in). */
export interface Timetable {
  digestLeadDays: number;
  chaseLeadDays: number;
  /** 'HH:mm', London. */
  digestTime: string;
}

/** When the digest and the chasers for the meeting on `meeting` are due. */
export function digestTimes(
  meeting: IsoDate,
  cfg: Timetable,
): { digestAt: Date; chaseAt: Date; digestDay: IsoDate; chaseDay: IsoDate } {
  const digestDay = subtractWorkingDays(meeting, cfg.digestLeadDays);
  const chaseDay = subtractWorkingDays(digestDay, cfg.chaseLeadDays);
  return {
    digestAt: londonInstant(digestDay, cfg.digestTime),
    chaseAt: londonInstant(chaseDay, cfg.digestTime),
    digestDay,
    chaseDay,
  };
}
