import { beforeAll, describe, expect, it } from 'vitest';
import { importDeepDives, setDeepDive, setNextMeeting, upcomingMeetings } from '../../bot/services/calendar.ts';
import { saveMeeting } from '../../bot/services/meetings.ts';
import { createStores, createBoardContext, type Stores } from '../../bot/services/board-context.ts';
import { RefusedError } from '../../bot/rules/refused.ts';
import type { Actor } from '../../bot/rules/types.ts';
import { testTables } from '../helpers/tables.ts';

const secretariat: Actor = { id: 'pn', name: 'Priya Nair', personId: 'pn', role: 'secretariat', channel: 'teams' };
const member: Actor = { id: 'jd', name: 'Jane Doe', personId: 'jd', role: 'member', channel: 'teams' };
let stores: Stores;
let n = 0;
const board = () =>
  createBoardContext(stores, { tenant: 't-cal', board: `C${++n}` }, () => new Date('2021-03-24T10:00:00Z'));

beforeAll(async () => {
  stores = createStores(await testTables());
});

describe('the calendar', () => {
  it('sets the next meeting and links it from the latest meeting held', async () => {
    const t = board();
    await saveMeeting(t, { date: '2021-03-23' });
    await setNextMeeting(t, secretariat, { date: '2021-04-27', time: '10:00', location: 'Gold Room' });
    expect(await upcomingMeetings(t)).toEqual([{ date: '2021-04-27', time: '10:00', location: 'Gold Room' }]);
    expect((await stores.meetings.get(t.scope, '2021-03-23'))?.meeting.next).toBe('2021-04-27');
  });

  it('refuses a member, and a date in the past', async () => {
    const t = board();
    await expect(setNextMeeting(t, member, { date: '2021-04-27' })).rejects.toThrow(/kept by the secretariat/);
    await expect(setNextMeeting(t, secretariat, { date: '2021-03-01' })).rejects.toThrow(RefusedError);
  });

  it('puts a deep dive on the meeting of that month, and says when there is none', async () => {
    const t = board();
    await saveMeeting(t, { date: '2021-04-27' });
    await expect(setDeepDive(t, secretariat, 'April Q1: Repeat Victims')).resolves.toMatchObject({
      result: 'set',
      meeting: '2021-04-27',
    });
    expect((await stores.meetings.get(t.scope, '2021-04-27'))?.meeting).toMatchObject({
      deepDive: 'Repeat Victims',
      focus: 'P&P Q1',
    });
    await expect(setDeepDive(t, secretariat, 'May: County Lines')).rejects.toThrow(/no meeting in 05\/2021/);
  });

  it('imports the schedule a line a month, reporting each line', async () => {
    const t = board();
    await saveMeeting(t, { date: '2021-04-27' });
    await saveMeeting(t, { date: '2021-06-22' });
    const results = await importDeepDives(
      t,
      secretariat,
      'Schedule of Deep Dive Subjects\nApril - Hate Crime\nMay - County Lines\nJune Q1 - Domestic Abuse\n',
    );
    expect(results.map((r) => [r.line, r.result])).toEqual([
      [1, 'skipped'],
      [2, 'set'],
      [3, 'error'],
      [4, 'set'],
    ]);
    expect((await stores.meetings.get(t.scope, '2021-06-22'))?.meeting).toMatchObject({
      deepDive: 'Domestic Abuse',
      focus: 'P&P Q1',
    });
  });
});
