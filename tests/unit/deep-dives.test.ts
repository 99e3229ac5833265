import { describe, expect, it } from 'vitest';
import { parseDeepDive, parseDeepDiveSchedule, readDeepDiveRows, resolveMonth } from '../../bot/rules/deep-dives.ts';

describe('deep-dive schedule', () => {
  it('resolves a month to its next occurrence', () => {
    expect(resolveMonth('April', undefined, '2021-03-23')).toBe('2021-04');
    expect(resolveMonth('Feb', undefined, '2021-03-23')).toBe('2022-02');
    expect(resolveMonth('March', undefined, '2021-03-23')).toBe('2021-03');
    expect(resolveMonth('Sept', 2020, '2021-03-23')).toBe('2020-09');
    expect(resolveMonth('Smarch', undefined, '2021-03-23')).toBeNull();
  });

  it('reads the lines of the standing item as the minutes write them', () => {
    const from = '2020-07-21';
    expect(parseDeepDive('July Q1 - Learning and Development deferred to August', from)).toEqual({
      line: 1,
      kind: 'entry',
      month: '2020-07',
      focus: 'P&P Q1',
      topic: 'Learning and Development deferred to August',
    });
    expect(parseDeepDive('August - L&D / Domestic Violence focus', from)).toMatchObject({
      month: '2020-08',
      topic: 'L&D / Domestic Violence focus',
    });
    expect(parseDeepDive('October Q2: Roads Policing', from)).toMatchObject({
      month: '2020-10',
      focus: 'P&P Q2',
      topic: 'Roads Policing',
    });
    expect(parseDeepDive('TBA - Health and Wellbeing', from)).toMatchObject({
      kind: 'error',
      reason: '"TBA" is not a month',
    });
  });

  it('reads a pasted table with a focus column', () => {
    const table =
      'Schedule of Deep Dive Subjects\nMonth\tFocus\tDeep dive\nApril 2021\tR&R\tHate Crime\nJune 2021\tP&P Q1\tRepeat Victims\n';
    expect(parseDeepDiveSchedule(table, '2021-03-23')).toEqual([
      { line: 1, kind: 'skipped', reason: 'heading' },
      { line: 2, kind: 'skipped', reason: 'heading' },
      { line: 3, kind: 'entry', month: '2021-04', focus: 'R&R', topic: 'Hate Crime' },
      { line: 4, kind: 'entry', month: '2021-06', focus: 'P&P Q1', topic: 'Repeat Victims' },
    ]);
  });
});

describe('the schedule table as the minutes have it', () => {
  // Extra columns (Performance Month, OPCC Publish), an unheaded quarter column, 'Nil', a year on January rows only.
  const table = [
    'PAM Month\tPerformance Month\t\tPerformance Focus\tOPCC Publish\tDeep Dive Topic to be agreed',
    'Nov\tOct\t\tR&R\t\tNil',
    'Dec\tNov\t\tE&E\t\tNil',
    'Jan 2023\tDec\tQ3\tP&P\t\tNeighbourhood Policing',
    'Feb\tJan\t\tR&R\tR&R\tStop & Search',
    'Dec\tNov\t\tE&E\t\tDigital Forensics',
    'Jan 2024\tDec\tQ3\tP&P\t\tFraud',
    'Feb\tJan\t\tR&R\tR&R\tStop & Search / U of F',
  ].join('\n');

  it('takes the topic only from its column, the quarter from its unheaded column, and carries the year both ways', () => {
    expect(parseDeepDiveSchedule(table, '2026-12-03')).toEqual([
      { line: 1, kind: 'skipped', reason: 'heading' },
      { line: 2, kind: 'entry', month: '2022-11', focus: 'R&R' },
      { line: 3, kind: 'entry', month: '2022-12', focus: 'E&E' },
      { line: 4, kind: 'entry', month: '2023-01', focus: 'P&P Q3', topic: 'Neighbourhood Policing' },
      { line: 5, kind: 'entry', month: '2023-02', focus: 'R&R', topic: 'Stop & Search' },
      { line: 6, kind: 'entry', month: '2023-12', focus: 'E&E', topic: 'Digital Forensics' },
      { line: 7, kind: 'entry', month: '2024-01', focus: 'P&P Q3', topic: 'Fraud' },
      { line: 8, kind: 'entry', month: '2024-02', focus: 'R&R', topic: 'Stop & Search / U of F' },
    ]);
  });

  it('reads the same rows by what their cells hold when the header is missing', () => {
    const rows = table.split('\n').slice(1).join('\n');
    expect(parseDeepDiveSchedule(rows, '2026-12-03').map((l) => l.kind === 'entry' && [l.month, l.topic])).toEqual([
      ['2022-11', undefined],
      ['2022-12', undefined],
      ['2023-01', 'Neighbourhood Policing'],
      ['2023-02', 'Stop & Search'],
      ['2023-12', 'Digital Forensics'],
      ['2024-01', 'Fraud'],
      ['2024-02', 'Stop & Search / U of F'],
    ]);
  });

  it('reports a garbled row and goes on', () => {
    const lines = parseDeepDiveSchedule(
      `${table}\n00000731 (7003\t\t\t\t00/00/0005\t\nMar\tFeb\t\tE&E\t\tBudget`,
      '2026-12-03',
    );
    expect(lines.slice(-2)).toEqual([
      { line: 9, kind: 'error', reason: '"00000731 (7003" is not a month' },
      { line: 10, kind: 'entry', month: '2024-03', focus: 'E&E', topic: 'Budget' },
    ]);
  });

  it('places a schedule that writes no year: pasted, from the next such month; in minutes, around their date', () => {
    const rows = [
      { line: 1, cells: ['Nov', 'R&R', 'Hate Crime'] },
      { line: 2, cells: ['Mar', 'E&E', 'Budget'] },
    ];
    expect(readDeepDiveRows(rows, '2023-03-14', 'next').map((r) => r.kind === 'entry' && r.month)).toEqual([
      '2023-11',
      '2024-03',
    ]);
    expect(readDeepDiveRows(rows, '2023-03-14', 'around').map((r) => r.kind === 'entry' && r.month)).toEqual([
      '2022-11',
      '2023-03',
    ]);
    expect(readDeepDiveRows(rows, undefined)[0]).toMatchObject({
      kind: 'error',
      reason: expect.stringContaining('no year'),
    });
  });

  it('keeps focus and quarter apart for the minutes', () => {
    expect(readDeepDiveRows([{ line: 1, cells: ['July 2020', 'P&P Q1', 'Roads Policing'] }], '2020-07-21')).toEqual([
      { line: 1, kind: 'entry', month: '2020-07', focus: 'P&P', quarter: 'Q1', topic: 'Roads Policing' },
    ]);
  });
});
