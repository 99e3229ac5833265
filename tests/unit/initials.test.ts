import { describe, expect, it } from 'vitest';
import { initialsOf, RANKS, stripRank } from '../../bot/rules/initials.ts';

describe('initialsOf', () => {
  it.each([
    ['Jane Doe', 'JD'],
    ['Sam Carter-Lee', 'SCL'],
    ["Mary O'Neill", 'MO'],
    ['Mary O\u2019Neill', 'MO'],
    ['jane doe', 'JD'],
    ['  Jane\u00a0 Doe ', 'JD'],
    ['Supt Chidi Okafor', 'CO'],
    ['Ch Supt Jane Doe', 'JD'],
    ['Chief Superintendent Ben Smith', 'BS'],
    ['DCI Alex Wong', 'AW'],
    ['Insp. Kim Patel', 'KP'],
    ['T/Supt Kim Patel', 'KP'],
    ['ACC Kim Patel', 'KP'],
    ['Dr Priya Nair', 'PN'],
    ['Mrs Priya Nair', 'PN'],
    ['Alex Franklin-Smith', 'AFS'],
    ['Martin Jelley QPM', 'MJ'],
    ['Jane Doe (JD)', 'JD'],
    ['Philip Seccombe', 'PS'],
  ])('%j -> %s', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });

  it('only treats capital abbreviations as ranks, so Di keeps her first name', () => {
    expect(initialsOf('Di Smith')).toBe('DS');
    expect(initialsOf('DI Smith')).toBe('S');
  });

  it('keeps a rank that is the whole name', () => {
    expect(initialsOf('Supt')).toBe('S');
  });
});

describe('RANKS and stripRank', () => {
  it('lists the ranks and titles the minutes use', () => {
    for (const r of [
      'Supt',
      'Ch Supt',
      'Chief Superintendent',
      'DCI',
      'DI',
      'Insp',
      'Inspector',
      'Sgt',
      'ACC',
      'DCC',
      'Mr',
      'Mrs',
      'Ms',
      'Dr',
    ]) {
      expect(RANKS).toContain(r);
    }
  });

  it('prefers the longest rank', () => {
    expect(stripRank('Ch Supt Doe')).toEqual({ rank: 'Ch Supt', rest: 'Doe' });
    expect(stripRank('Chief Superintendent Ben Smith')).toEqual({ rank: 'Chief Superintendent', rest: 'Ben Smith' });
  });

  it('reads a rank abbreviated without its space, as the July 2020 minutes write it', () => {
    expect(stripRank('C.Supt Ben Smith')).toEqual({ rank: 'C. Supt', rest: 'Ben Smith' });
    expect(stripRank('Ch.Supt Ben Smith')).toEqual({ rank: 'Ch. Supt', rest: 'Ben Smith' });
    expect(initialsOf('Ch.Supt Ben Smith')).toBe('BS');
  });

  it('leaves a name without a rank alone', () => {
    expect(stripRank('Jane Doe')).toEqual({ rest: 'Jane Doe' });
  });
});
