import { describe, expect, it } from 'vitest';
import { dueFor, meetingAfter, reviewedAtMeeting } from '../../bot/rules/meetings.ts';

const calendar = [{ date: '2023-04-11' }, { date: '2023-03-14', next: '2023-04-18' }, { date: '2023-05-09' }];

describe('the board calendar', () => {
  it('finds the next meeting whatever the order', () => {
    expect(meetingAfter(calendar, '2023-03-14')?.date).toBe('2023-04-11');
    expect(meetingAfter(calendar, '2023-05-09')).toBeUndefined();
  });

  it('is due by the next meeting the minutes named, else the next in the calendar', () => {
    expect(dueFor(calendar, '2023-03-14')).toBe('2023-04-18');
    expect(dueFor(calendar, '2023-04-11')).toBe('2023-05-09');
    expect(dueFor(calendar, '2023-05-09')).toBeUndefined();
  });

  it('knows whether a later meeting has been held', () => {
    expect(reviewedAtMeeting(calendar, '2023-03-14', '2023-04-10')).toBe(false);
    expect(reviewedAtMeeting(calendar, '2023-03-14', '2023-04-11')).toBe(true);
    expect(reviewedAtMeeting(calendar, '2023-05-09', '2023-12-01')).toBe(false);
  });
});
