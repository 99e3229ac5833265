import { describe, expect, it } from 'vitest';
import { formatLondon, formatLondonDate, londonToday } from '../../bot/rules/dates.ts';

describe('London dates', () => {
  it.each([
    // Winter (GMT): London's date is UTC's.
    ['2023-01-15T23:59:59.000Z', '2023-01-15', '15/01/2023'],
    // Summer (BST): an hour after 23:00 UTC is the next day in London.
    ['2023-06-30T22:59:59.000Z', '2023-06-30', '30/06/2023'],
    ['2023-06-30T23:00:00.000Z', '2023-07-01', '01/07/2023'],
    // Either side of the spring and autumn clock changes.
    ['2023-03-26T00:59:59.000Z', '2023-03-26', '26/03/2023'],
    ['2023-03-25T23:30:00.000Z', '2023-03-25', '25/03/2023'],
    ['2023-10-28T23:30:00.000Z', '2023-10-29', '29/10/2023'],
    ['2023-10-29T23:30:00.000Z', '2023-10-29', '29/10/2023'],
    // New Year in BST never happens; in GMT it is UTC's.
    ['2024-12-31T23:59:59.999Z', '2024-12-31', '31/12/2024'],
    ['2025-01-01T00:00:00.000Z', '2025-01-01', '01/01/2025'],
  ])('%s is %s in London', (instant, iso, uk) => {
    expect(londonToday(new Date(instant))).toBe(iso);
    expect(formatLondonDate(instant)).toBe(uk);
    expect(formatLondon(instant).slice(0, 10)).toBe(uk);
  });
});
