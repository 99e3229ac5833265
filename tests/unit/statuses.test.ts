import { describe, expect, it } from 'vitest';
import { parseStatusWord } from '../../bot/rules/statuses.ts';

describe('parseStatusWord', () => {
  it.each([
    ['Completed', 'completed'],
    ['Standing item', 'standing'],
    ['  in   progress ', 'in_progress'],
    ['Deferred', 'carried_forward'],
    ['Discharged.', 'discharged'],
    ['in_progress', 'in_progress'],
  ])('reads %j as %s', (word, status) => {
    expect(parseStatusWord(word)).toBe(status);
  });

  it('refuses words it does not know', () => {
    expect(parseStatusWord('Updated to: something')).toBeNull();
  });
});
