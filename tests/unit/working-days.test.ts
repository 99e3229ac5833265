import { describe, expect, it } from 'vitest';
import { bankHolidays, isBankHoliday } from '../../bot/rules/bank-holidays.ts';
import {
  digestTimes,
  isWorkingDay,
  londonInstant,
  subtractWorkingDays,
  type Timetable,
} from '../../bot/rules/working-days.ts';

const cfg: Timetable = { digestLeadDays: 5, digestTime: '09:00', chaseLeadDays: 3 };

describe('isWorkingDay', () => {
  it('is Monday to Friday, without bank holidays', () => {
    expect(isWorkingDay('2025-05-02')).toBe(true); // Friday
    expect(isWorkingDay('2025-05-03')).toBe(false); // Saturday
    expect(isWorkingDay('2025-05-04')).toBe(false); // Sunday
    expect(isWorkingDay('2025-05-05')).toBe(false); // Early May bank holiday
    expect(isWorkingDay('2025-05-06')).toBe(true);
  });

  it('knows the substitute days and the one-off ones', () => {
    for (const d of [
      '2020-05-08',
      '2020-12-28',
      '2021-12-27',
      '2021-12-28',
      '2022-01-03',
      '2022-06-02',
      '2022-06-03',
      '2022-09-19',
      '2022-12-27',
      '2023-01-02',
      '2023-05-08',
      '2026-12-28',
      '2027-12-27',
      '2027-12-28',
      '2028-01-03',
    ]) {
      expect(isWorkingDay(d), d).toBe(false);
    }
    // The early May Monday of 2020 moved to VE Day, and the 2022 Spring bank holiday to June.
    expect(isWorkingDay('2020-05-04')).toBe(true);
    expect(isWorkingDay('2022-05-30')).toBe(true);
  });

  it('refuses what is not a date', () => {
    expect(() => isWorkingDay('2025-02-30')).toThrow(/not a date/);
    expect(() => isWorkingDay('13/05/2025')).toThrow(/not a date/);
  });
});

describe('the bank holidays', () => {
  const years = Array.from({ length: 13 }, (_, k) => 2018 + k);

  it('are sorted, without duplicates, weekdays only, eight or more a year, 2018-2030', () => {
    for (const y of years) {
      const list = bankHolidays(y);
      expect([...list].sort(), String(y)).toEqual(list);
      expect(new Set(list).size, String(y)).toBe(list.length);
      for (const d of list) {
        expect(d.startsWith(`${y}-`), d).toBe(true);
        expect([0, 6], d).not.toContain(new Date(`${d}T12:00:00Z`).getUTCDay());
      }
      expect(list.length, String(y)).toBeGreaterThanOrEqual(8);
    }
  });

  it('follow the standing rules in every year but the announced exceptions', () => {
    const exceptions = {
      list: ['2020-05-08', '2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08'],
      rules: ['2020-05-04', '2022-05-30'],
    };
    const byRule = years.flatMap(standingRules);
    const list = years.flatMap(bankHolidays);
    expect(list.filter((d) => !byRule.includes(d))).toEqual(exceptions.list);
    expect(byRule.filter((d) => !list.includes(d))).toEqual(exceptions.rules);
  });

  // As published at https://www.gov.uk/bank-holidays (England and Wales).
  it.each([
    [
      2025,
      ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
    ],
    [
      2026,
      ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
    ],
    [
      2027,
      ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
    ],
  ])('are the dates GOV.UK published for %i', (year, published) => {
    expect(bankHolidays(year)).toEqual(published);
    for (const d of published) expect(isBankHoliday(d), d).toBe(true);
  });

  it('do not run out: this year and the next three each have New Year, Easter, Christmas and Boxing Day (or their substitutes)', () => {
    const thisYear = new Date().getUTCFullYear();
    for (let y = thisYear; y <= thisYear + 3; y++) {
      const list = bankHolidays(y);
      expect(list.length, String(y)).toBeGreaterThanOrEqual(8);
      // standingRules: New Year, Good Friday, Easter Monday, three Mondays, then Christmas and Boxing Day.
      const [newYear, goodFriday, easterMonday, , , , christmas, boxingDay] = standingRules(y);
      for (const d of [newYear, goodFriday, easterMonday, christmas, boxingDay])
        expect(list, `${y}: ${d}`).toContain(d);
    }
  });

  it('leave out ordinary days, a Christmas on a Saturday and the moved Spring bank holiday of 2022', () => {
    expect(isBankHoliday('2025-05-06')).toBe(false);
    expect(isBankHoliday('2027-12-25')).toBe(false); // a Saturday: the holiday is Monday 27th
    expect(isBankHoliday('2022-05-30')).toBe(false); // the Spring bank holiday moved to 2 June
  });
});

describe('subtractWorkingDays', () => {
  it('counts back over weekends, the date itself not counted', () => {
    expect(subtractWorkingDays('2025-05-13', 0)).toBe('2025-05-13');
    expect(subtractWorkingDays('2025-05-13', 1)).toBe('2025-05-12');
    expect(subtractWorkingDays('2025-05-12', 1)).toBe('2025-05-09'); // Monday -> Friday
    expect(subtractWorkingDays('2025-05-13', 5)).toBe('2025-05-06');
  });

  it('skips the bank holidays in the window', () => {
    // Early May bank holiday (Monday 5 May 2025)
    expect(subtractWorkingDays('2025-05-06', 3)).toBe('2025-04-30');
    // Good Friday and Easter Monday 2025
    expect(subtractWorkingDays('2025-04-22', 1)).toBe('2025-04-17');
    expect(subtractWorkingDays('2025-04-23', 4)).toBe('2025-04-15');
    // Christmas 2027: Christmas and Boxing Day substituted on Monday 27 and Tuesday 28
    expect(subtractWorkingDays('2027-12-29', 1)).toBe('2027-12-24');
  });

  it('from a date that is not a working day, the first step lands on the last working day', () => {
    expect(subtractWorkingDays('2025-05-05', 1)).toBe('2025-05-02');
    expect(subtractWorkingDays('2025-05-04', 1)).toBe('2025-05-02');
  });

  it('refuses a negative or fractional count', () => {
    expect(() => subtractWorkingDays('2025-05-13', -1)).toThrow(RangeError);
    expect(() => subtractWorkingDays('2025-05-13', 1.5)).toThrow(RangeError);
  });
});

describe('londonInstant', () => {
  it('is GMT in winter and BST in summer', () => {
    expect(londonInstant('2025-01-14', '09:00').toISOString()).toBe('2025-01-14T09:00:00.000Z');
    expect(londonInstant('2025-07-15', '09:00').toISOString()).toBe('2025-07-15T08:00:00.000Z');
  });

  it('is right on both sides of the change to summer time (last Sunday of March 2025: 30 March)', () => {
    expect(londonInstant('2025-03-28', '09:00').toISOString()).toBe('2025-03-28T09:00:00.000Z'); // Friday, GMT
    expect(londonInstant('2025-03-30', '00:30').toISOString()).toBe('2025-03-30T00:30:00.000Z'); // before 01:00 GMT
    expect(londonInstant('2025-03-30', '09:00').toISOString()).toBe('2025-03-30T08:00:00.000Z'); // after, BST
    expect(londonInstant('2025-03-31', '09:00').toISOString()).toBe('2025-03-31T08:00:00.000Z'); // Monday, BST
  });

  it('is right on both sides of the change back (last Sunday of October 2025: 26 October)', () => {
    expect(londonInstant('2025-10-24', '09:00').toISOString()).toBe('2025-10-24T08:00:00.000Z'); // Friday, BST
    expect(londonInstant('2025-10-26', '00:30').toISOString()).toBe('2025-10-25T23:30:00.000Z'); // still BST
    expect(londonInstant('2025-10-26', '09:00').toISOString()).toBe('2025-10-26T09:00:00.000Z'); // GMT again
    expect(londonInstant('2025-10-27', '09:00').toISOString()).toBe('2025-10-27T09:00:00.000Z'); // Monday, GMT
  });

  it('refuses a time that is not HH:mm', () => {
    expect(() => londonInstant('2025-05-06', '9:00')).toThrow(/not a time/);
    expect(() => londonInstant('2025-05-06', '24:00')).toThrow(/not a time/);
  });
});

describe('digestTimes', () => {
  it('digest 5 working days before the meeting, chase 3 before the digest, both 09:00 London', () => {
    // Meeting Tuesday 13 May 2025: digest Tuesday 6 May; chase Wednesday 30 April (Monday 5 May is a bank holiday).
    const t = digestTimes('2025-05-13', cfg);
    expect(t.digestDay).toBe('2025-05-06');
    expect(t.chaseDay).toBe('2025-04-30');
    expect(t.digestAt.toISOString()).toBe('2025-05-06T08:00:00.000Z');
    expect(t.chaseAt.toISOString()).toBe('2025-04-30T08:00:00.000Z');
  });

  it('digest on the Monday after the clocks go forward: 08:00 UTC; its chase the week before, in GMT: 09:00 UTC', () => {
    const t = digestTimes('2025-04-07', cfg);
    expect(t.digestDay).toBe('2025-03-31');
    expect(t.digestAt.toISOString()).toBe('2025-03-31T08:00:00.000Z');
    expect(t.chaseDay).toBe('2025-03-26');
    expect(t.chaseAt.toISOString()).toBe('2025-03-26T09:00:00.000Z');
  });

  it('digest on the Monday after the clocks go back: 09:00 UTC; its chase the week before, in BST: 08:00 UTC', () => {
    const t = digestTimes('2025-11-03', cfg);
    expect(t.digestDay).toBe('2025-10-27');
    expect(t.digestAt.toISOString()).toBe('2025-10-27T09:00:00.000Z');
    expect(t.chaseDay).toBe('2025-10-22');
    expect(t.chaseAt.toISOString()).toBe('2025-10-22T08:00:00.000Z');
  });

  it('over Easter and Christmas', () => {
    // Meeting Tuesday 29 April 2025: digest Tuesday 22 April; the chase skips Easter Monday and Good Friday.
    expect(digestTimes('2025-04-29', cfg).digestDay).toBe('2025-04-22');
    expect(digestTimes('2025-04-29', cfg).chaseDay).toBe('2025-04-15');
    // Meeting Tuesday 6 January 2026: back over New Year's Day, Boxing Day and Christmas Day.
    expect(digestTimes('2026-01-06', cfg).digestDay).toBe('2025-12-29');
    const long = digestTimes('2026-01-06', { ...cfg, digestLeadDays: 7, digestTime: '16:30' });
    expect(long.digestDay).toBe('2025-12-23');
    expect(long.digestAt.toISOString()).toBe('2025-12-23T16:30:00.000Z');
  });
});

/** The standing rules: New Year, Easter, May, August, Christmas, with weekend substitutes. */
function standingRules(y: number): string[] {
  const day = (m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));
  const iso = (d: Date): string => d.toISOString().slice(0, 10);
  const plus = (d: Date, n: number): Date => new Date(d.getTime() + n * 86_400_000);
  const monday = (from: Date, step: 1 | -1): Date => {
    let d = from;
    while (d.getUTCDay() !== 1) d = plus(d, step);
    return d;
  };
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher) for Easter Sunday.
  const a = y % 19,
    b = Math.floor(y / 100),
    c = y % 100,
    d = Math.floor(b / 4),
    e = b % 4;
  const f = Math.floor((b + 8) / 25),
    g = Math.floor((b - f + 1) / 3),
    h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4),
    k = c % 4,
    l = (32 + 2 * e + 2 * i - h - k) % 7,
    m = Math.floor((a + 11 * h + 22 * l) / 451);
  const easter = day(Math.floor((h + l - 7 * m + 114) / 31), ((h + l - 7 * m + 114) % 31) + 1);
  let newYear = day(1, 1);
  while ([0, 6].includes(newYear.getUTCDay())) newYear = plus(newYear, 1);
  const christmas = day(12, 25).getUTCDay();
  const xmas = christmas === 6 ? [27, 28] : christmas === 0 ? [26, 27] : christmas === 5 ? [25, 28] : [25, 26];
  return [
    iso(newYear),
    iso(plus(easter, -2)),
    iso(plus(easter, 1)),
    iso(monday(day(5, 1), 1)),
    iso(monday(day(5, 31), -1)),
    iso(monday(day(8, 31), -1)),
    ...xmas.map((x) => iso(day(12, x))),
  ];
}
