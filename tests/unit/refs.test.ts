import { describe, expect, it } from 'vitest';
import type { ActionRef } from '../../bot/rules/types.ts';
import {
  formatRef,
  formatUkDate,
  minutesOrder,
  parseRef,
  parseUkDate,
  readRefAt,
  refCandidates,
  refKey,
} from '../../bot/rules/refs.ts';

describe('refCandidates', () => {
  const item: ActionRef = { shape: 'item', meeting: '2021-02-23', number: 3, sub: 'i' };
  const numbered: ActionRef = { ...item, shape: 'numbered' };

  it('reads a reference as the minutes write it first, then in the other shape', () => {
    expect(refCandidates('03 23/02/2021.i')).toEqual([item, numbered]);
    expect(refCandidates('03.23/02/2021.i')).toEqual([numbered, item]);
  });

  it('takes the dot and space variations people type', () => {
    for (const typed of [
      '03 23/02/2021 .i',
      '03 23/02/2021. i',
      '3  23/2/2021.i',
      '03 23/02/2021 i',
      ' 03 23/02/2021.I ',
    ])
      expect(refCandidates(typed), typed).toEqual([item, numbered]);
  });

  it('gives N/A alone, and nothing for what is not a reference', () => {
    expect(refCandidates('N/A')).toEqual([{ shape: 'none' }]);
    expect(refCandidates('03 31/02/2021.i')).toEqual([]);
    expect(refCandidates('outstanding')).toEqual([]);
  });
});

describe('parseRef', () => {
  it.each<[string, ActionRef]>([
    ['02.14/03/2023', { shape: 'numbered', meeting: '2023-03-14', number: 2 }],
    ['05 14/03/2023.ii', { shape: 'item', meeting: '2023-03-14', number: 5, sub: 'ii' }],
    ['06 14/03/2023', { shape: 'item', meeting: '2023-03-14', number: 6 }],
    ['04 14/03/2023.I', { shape: 'item', meeting: '2023-03-14', number: 4, sub: 'i' }],
    ['04 14/03/2023.XIV', { shape: 'item', meeting: '2023-03-14', number: 4, sub: 'xiv' }],
    ['02.14/03/2023.i', { shape: 'numbered', meeting: '2023-03-14', number: 2, sub: 'i' }],
    ['02 . 14/03/2023', { shape: 'numbered', meeting: '2023-03-14', number: 2 }],
    ['05 14/03/2023 . iii', { shape: 'item', meeting: '2023-03-14', number: 5, sub: 'iii' }],
    ['2.5/3/2023', { shape: 'numbered', meeting: '2023-03-05', number: 2 }],
    ['7 5/3/2023.v', { shape: 'item', meeting: '2023-03-05', number: 7, sub: 'v' }],
    ['05\u00a014/03/2023.ii', { shape: 'item', meeting: '2023-03-14', number: 5, sub: 'ii' }],
    ['  01.23/06/2020  ', { shape: 'numbered', meeting: '2020-06-23', number: 1 }],
    ['02.29/02/2024', { shape: 'numbered', meeting: '2024-02-29', number: 2 }],
    ['N/A', { shape: 'none' }],
    ['n/a', { shape: 'none' }],
    ['NA', { shape: 'none' }],
    ['N / A', { shape: 'none' }],
  ])('reads %j', (input, ref) => {
    expect(parseRef(input)).toEqual(ref);
  });

  it.each([
    ['31/02 is not a date', '02.31/02/2023'],
    ['2023 was not a leap year', '02.29/02/2023'],
    ['month 13', '02.14/13/2023'],
    ['day 0', '02.00/03/2023'],
    ['action 00', '00.14/03/2023'],
    ['a two-digit year', '02.14/03/23'],
    ['no number', '14/03/2023'],
    ['not a roman numeral', '05 14/03/2023.iiii'],
    ['a sub beyond xx', '05 14/03/2023.xxi'],
    ['a word after the sub', '05 14/03/2023.ii JD'],
    ['text', 'Item'],
    ['empty', ''],
    ['NAT is not N/A', 'NAT'],
  ])('refuses %s (%j)', (_why, input) => {
    expect(parseRef(input)).toBeNull();
  });
});

describe('readRefAt', () => {
  it('reads a reference followed by a single space and tells where it ended', () => {
    const line = '04 14/03/2023.i SCL - Consider';
    const read = readRefAt(line);
    expect(read?.ref).toEqual({ shape: 'item', meeting: '2023-03-14', number: 4, sub: 'i' });
    expect(line.slice(read?.end)).toBe(' SCL - Consider');
  });

  it('does not take the first letter of the task as a sub-reference', () => {
    const read = readRefAt('06 14/03/2023 I will check');
    expect(read?.ref).toEqual({ shape: 'item', meeting: '2023-03-14', number: 6 });
  });
});

describe('formatRef', () => {
  it.each<[ActionRef, string]>([
    [{ shape: 'numbered', meeting: '2023-03-14', number: 2 }, '02.14/03/2023'],
    [{ shape: 'numbered', meeting: '2023-03-14', number: 12, sub: 'i' }, '12.14/03/2023.i'],
    [{ shape: 'item', meeting: '2023-03-14', number: 5, sub: 'ii' }, '05 14/03/2023.ii'],
    [{ shape: 'item', meeting: '2023-03-05', number: 6 }, '06 05/03/2023'],
    [{ shape: 'none' }, 'N/A'],
  ])('writes %j as %s', (ref, text) => {
    expect(formatRef(ref)).toBe(text);
  });

  it.each(['02.14/03/2023', '02.14/03/2023.iv', '05 14/03/2023.ii', '06 14/03/2023', '12 01/12/2021.xx', 'N/A'])(
    'round-trips %s',
    (text) => {
      const ref = parseRef(text);
      expect(ref).not.toBeNull();
      if (!ref) return;
      expect(formatRef(ref)).toBe(text);
      expect(parseRef(formatRef(ref))).toEqual(ref);
    },
  );

  it('writes loosely typed references the way the minutes do', () => {
    const ref = parseRef('5 14/3/2023 . II');
    expect(ref && formatRef(ref)).toBe('05 14/03/2023.ii');
  });
});

describe('refKey', () => {
  const text = 'Confirm the number of staff in the Harm Hub';

  it('keys numbered and item references by date, shape and padded number', () => {
    expect(refKey({ shape: 'numbered', meeting: '2023-03-14', number: 2 }, '2023-03-14', text)).toBe('2023-03-14.n002');
    expect(refKey({ shape: 'numbered', meeting: '2023-03-14', number: 2, sub: 'ii' }, '2023-03-14', text)).toBe(
      '2023-03-14.n002.ii',
    );
    expect(refKey({ shape: 'item', meeting: '2023-03-14', number: 5, sub: 'ii' }, '2023-03-14', text)).toBe(
      '2023-03-14.i005.ii',
    );
    expect(refKey({ shape: 'item', meeting: '2023-03-14', number: 6 }, '2023-03-14', text)).toBe('2023-03-14.i006');
  });

  it("uses the reference's own date, not the meeting it was entered against", () => {
    expect(refKey({ shape: 'numbered', meeting: '2020-06-23', number: 1 }, '2020-07-21', text)).toBe('2020-06-23.n001');
  });

  it('keys N/A actions by meeting and a hash of the normalised text', () => {
    const key = refKey({ shape: 'none' }, '2023-03-14', text);
    // sha256('confirm the number of staff in the harm hub'), first 10 hex characters
    expect(key).toBe('2023-03-14.xebaf609350');
    expect(refKey({ shape: 'none' }, '2023-03-14', '  confirm\u00a0the NUMBER of staff  in the Harm Hub ')).toBe(key);
    expect(refKey({ shape: 'none' }, '2023-03-14', 'Confirm the number of officers')).not.toBe(key);
    expect(refKey({ shape: 'none' }, '2023-04-11', text)).not.toBe(key);
  });

  it('never contains characters Table Storage forbids', () => {
    const keys = [
      refKey({ shape: 'none' }, '2023-03-14', 'a/b\\c#d?e\u0001'),
      refKey({ shape: 'item', meeting: '2023-03-14', number: 5, sub: 'ii' }, '2023-03-14', '/'),
    ];
    for (const k of keys) expect(k).toMatch(/^[0-9a-z.-]+$/);
  });

  it('sorts by meeting date, then shape, then number', () => {
    const keys = [
      refKey({ shape: 'numbered', meeting: '2023-03-14', number: 10 }, '', ''),
      refKey({ shape: 'none' }, '2023-02-14', 'x'),
      refKey({ shape: 'numbered', meeting: '2023-03-14', number: 2 }, '', ''),
      refKey({ shape: 'item', meeting: '2023-03-14', number: 12 }, '', ''),
      refKey({ shape: 'item', meeting: '2023-03-14', number: 5, sub: 'ii' }, '', ''),
      refKey({ shape: 'numbered', meeting: '2022-12-01', number: 99 }, '', ''),
    ];
    expect([...keys].sort()).toEqual([
      '2022-12-01.n099',
      keys[1],
      '2023-03-14.i005.ii',
      '2023-03-14.i012',
      '2023-03-14.n002',
      '2023-03-14.n010',
    ]);
  });

  it('refuses a meeting that is not an ISO date', () => {
    expect(() => refKey({ shape: 'none' }, '14/03/2023', 'x')).toThrow(RangeError);
  });
});

describe('UK dates', () => {
  it.each([
    ['14/03/2023', '2023-03-14'],
    ['5/3/2023', '2023-03-05'],
    ['05/03/2023', '2023-03-05'],
    ['29/02/2024', '2024-02-29'],
    [' 31/12/2020\u00a0', '2020-12-31'],
  ])('parses %j', (input, iso) => {
    expect(parseUkDate(input)).toBe(iso);
  });

  it.each(['31/04/2023', '29/02/2023', '14/13/2023', '2023-03-14', '14/03/23', '14-03-2023', ''])(
    'refuses %j',
    (input) => {
      expect(parseUkDate(input)).toBeNull();
    },
  );

  it('formats ISO dates as dd/MM/yyyy', () => {
    expect(formatUkDate('2023-03-05')).toBe('05/03/2023');
    expect(formatUkDate('2020-12-31')).toBe('31/12/2020');
  });

  it('throws on a value that is not an ISO date', () => {
    expect(() => formatUkDate('05/03/2023')).toThrow(RangeError);
    expect(() => formatUkDate('2023-02-30')).toThrow(RangeError);
  });
});

describe('minutesOrder', () => {
  it('sorts as the minutes do: meeting, number, numeral, N/A last', () => {
    const mk = (s: string, meeting = '2023-03-14', id = s) => ({ ref: parseRef(s)!, meeting, id });
    const shuffled = [
      mk('N/A'),
      mk('10 14/03/2023'),
      mk('04 14/03/2023.ix'),
      mk('04 14/03/2023.v'),
      mk('01.14/03/2023'),
      mk('04 14/03/2023.ii'),
      mk('02.14/02/2023', '2023-02-14'),
    ];
    expect(shuffled.sort(minutesOrder).map((x) => formatRef(x.ref))).toEqual([
      '02.14/02/2023',
      '01.14/03/2023',
      '04 14/03/2023.ii',
      '04 14/03/2023.v',
      '04 14/03/2023.ix',
      '10 14/03/2023',
      'N/A',
    ]);
  });
});
