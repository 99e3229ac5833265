// Dates and times as the minutes write them: 'Tuesday 14th March 2023', '14/03/2023', 'dated 23/06/2020',
// '10:00 hrs to 11:45 hrs', 'Tuesday 11th April 10:00 hrs' (the year left to the reader).
import { monthIndex } from '../rules/deep-dives.ts';
import { parseUkDate } from '../rules/refs.ts';
import type { IsoDate } from '../rules/types.ts';
import { clean } from './text.ts';

const WEEKDAY = String.raw`(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?`;
const LONG = new RegExp(
  String.raw`\b${WEEKDAY}(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?,?(?:\s+(\d{4}))?\b`,
  'gi',
);
const UK = /\b(\d{1,2}\/\d{1,2}\/\d{4})\b/;

/** A day and month found in `text`, with the year when written. */
export function findDay(text: string): { day: number; month: number; year?: number; index: number } | null {
  const s = clean(text);
  const uk = UK.exec(s);
  const long = [...s.matchAll(LONG)].find((m) => monthIndex(m[2] ?? '') !== null);
  const ukDate = uk?.[1] ? parseUkDate(uk[1]) : null;
  const longMonth = long?.[2] ? monthIndex(long[2]) : null;
  if (long && longMonth !== null && (!ukDate || !uk || long.index < uk.index)) {
    return {
      day: Number(long[1]),
      month: longMonth + 1,
      ...(long[3] ? { year: Number(long[3]) } : {}),
      index: long.index,
    };
  }
  if (ukDate && uk) {
    const [y, m, d] = ukDate.split('-').map(Number) as [number, number, number];
    return { day: d, month: m, year: y, index: uk.index };
  }
  return null;
}

function iso(day: number, month: number, year: number): IsoDate | null {
  return parseUkDate(`${day}/${month}/${year}`);
}

/** The first whole date in `text` ('Tuesday 14 th March 2023', '23/06/2020'); null without a year. */
export function findDate(text: string): IsoDate | null {
  const d = findDay(text);
  return d?.year !== undefined ? iso(d.day, d.month, d.year) : null;
}

/**
 * A date whose year may be left out, as the next meeting is written ('Tuesday 11th April'): the
 * year of `after`, or the next one when that day would not come after it.
 */
export function findDateAfter(text: string, after: IsoDate | undefined): IsoDate | null {
  const d = findDay(text);
  if (!d) return null;
  if (d.year !== undefined) return iso(d.day, d.month, d.year);
  if (!after) return null;
  const year = Number(after.slice(0, 4));
  const same = iso(d.day, d.month, year);
  return same && same > after ? same : iso(d.day, d.month, year + 1);
}

const TIME = /\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|hrs|hours|h)?\b/gi;

/** The times in `text`, 24-hour 'HH:mm', in order ('10:00 hrs to 11:45 hrs' -> ['10:00', '11:45']). */
export function findTimes(text: string): string[] {
  const out: string[] = [];
  for (const m of clean(text).matchAll(TIME)) {
    const suffix = (m[3] ?? '').toLowerCase().replace(/\./g, '');
    // A bare number is a day or a count, not a time: a time has minutes or says am/pm.
    if (m[2] === undefined && !['am', 'pm'].includes(suffix)) continue;
    let hour = Number(m[1]);
    const minute = Number(m[2] ?? '0');
    if (suffix === 'pm' && hour < 12) hour += 12;
    if (suffix === 'am' && hour === 12) hour = 0;
    if (hour > 23 || minute > 59) continue;
    out.push(`${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);
  }
  return out;
}
