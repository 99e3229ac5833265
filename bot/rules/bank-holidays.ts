// Bank holidays in England and Wales: the days the OPCC and the force's headquarters are closed,
// which the scheduler does not count as working days. They come from date-holidays (GB, region
// ENG; England and Wales share one list): its standing rules with weekend substitutes, and the
// one-off days GOV.UK announced (VE Day 2020, the Platinum Jubilee and the moved Spring bank
// holiday of 2022, the State Funeral of 2022-09-19, the Coronation of 2023-05-08). A one-off day
// announced after the installed release of date-holidays needs a newer release of it; the tests
// pin the published years against GOV.UK (https://www.gov.uk/bank-holidays).
import Holidays from 'date-holidays';
import type { IsoDate } from './types.ts';

// Built on first use: the library reads its rule tables when constructed. Computation only, no I/O.
let calendar: Holidays | undefined;
const byYear = new Map<number, ReadonlySet<IsoDate>>();

/**
 * The bank holidays of `year` that fall on a weekday, sorted: where Christmas falls on a Saturday,
 * the Monday and Tuesday substitutes are listed, not the Saturday (closed anyway).
 */
export function bankHolidays(year: number): readonly IsoDate[] {
  return [...holidaySet(year)];
}

/** Whether `date` (yyyy-MM-dd) is a bank holiday in England and Wales. */
export function isBankHoliday(date: IsoDate): boolean {
  return holidaySet(Number(date.slice(0, 4))).has(date);
}

function holidaySet(year: number): ReadonlySet<IsoDate> {
  const known = byYear.get(year);
  if (known) return known;
  calendar ??= new Holidays('GB', 'ENG', { types: ['public', 'bank'] });
  // `date` is the local date in London ('2025-12-25 00:00:00'), whatever the process's time zone.
  const days = calendar
    .getHolidays(year)
    .filter((h) => h.type === 'public' || h.type === 'bank')
    .map((h) => h.date.slice(0, 10))
    .filter((d) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()))
    .sort();
  const set: ReadonlySet<IsoDate> = new Set(days);
  byYear.set(year, set);
  return set;
}
