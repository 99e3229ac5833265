import { describe, expect, it } from 'vitest';
import { parseDeepDive, parseDeepDiveSchedule, resolveMonth } from '../../bot/rules/deep-dives.ts';

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
