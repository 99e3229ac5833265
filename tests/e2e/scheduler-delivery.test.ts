// The scheduler's items through the bot's own sender to a loopback Teams channel: the chaser
// reaches each owner without a reply as one card they answer in place, and the digest reaches
// the chair, the secretariat and the board's channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../bot/log.ts';
import { importActions } from '../../bot/services/import-actions.ts';
import { saveMeeting } from '../../bot/services/meetings.ts';
import { reply } from '../../bot/services/reply.ts';
import { Scheduler } from '../../bot/services/scheduler.ts';
import { actorOf } from '../../bot/services/identity.ts';
import { digestTimes } from '../../bot/rules/working-days.ts';
import {
  clockAt,
  dmOf,
  execute,
  fixture,
  inputValue,
  installedBoard,
  textOf,
  validCards,
  type Board,
} from '../helpers/bot-board.ts';
import { executeActions } from '../helpers/validate-card.ts';

const HELD = '2025-04-15';
const NEXT = '2025-05-13';
const schedule = { digestLeadDays: 5, digestTime: '09:00', chaseLeadDays: 3 };
const { chaseAt, digestAt } = digestTimes(NEXT, schedule);

let board: Board;
let scheduler: Scheduler;

beforeAll(async () => {
  const clock = clockAt(`${HELD}T12:00:00Z`);
  board = await installedBoard({ roster: ['MH', 'PN', 'JD', 'SCL', 'KP', 'CO'], clock });
  const t = board.t;
  await saveMeeting(t, { date: HELD, time: '10:00', next: NEXT });
  await saveMeeting(t, { date: NEXT, time: '10:00' });
  const table = fixture('actions-arising-example.txt')
    .replaceAll('14/03/2023', '15/04/2025')
    .replaceAll('28/03/2023', '29/04/2025');
  expect(
    (await importActions(t, table, { actor: { id: 'test', name: 'Test secretariat', channel: 'cli' } })).counts.error,
  ).toBe(0);
  const stores = board.bot.stores;
  scheduler = new Scheduler({
    stores,
    schedule,
    now: clock.now,
    instanceId: 'e2e',
    scopes: async () => [t.scope],
    log: createLogger('error', () => undefined),
    onQueued: () => void board.bot.teams.sender.drain(),
  });
  // Jane Doe replies after the meeting; nobody else does.
  clock.set('2025-04-22T10:00:00Z');
  const jane = (await stores.people.list(t.scope)).find((p) => p.person.initials === 'JD')!.person;
  expect((await reply(t, actorOf(jane, 'teams'), { actionId: `${HELD}.n001`, status: 'in_progress' })).kind).toBe(
    'saved',
  );
});

afterAll(async () => {
  await scheduler?.stop();
  await board?.bot.close();
});

describe('the scheduler through the Teams channel', () => {
  it('sends each owner without a reply one chaser, which they answer in place', async () => {
    board.clock!.set(chaseAt.toISOString());
    const report = await scheduler.tick();
    expect(report.runs.filter((r) => r.meeting === NEXT)).toEqual([
      expect.objectContaining({ kind: 'chase', queued: 3 }),
    ]);
    await board.bot.teams.sender.drain();
    const { channel } = board.bot;
    const { users } = board;
    expect(validCards(channel.sent(dmOf(users.JD)))).toEqual([]); // replied since the meeting
    for (const who of ['KP', 'CO'] as const) expect(validCards(channel.sent(dmOf(users[who])))).toHaveLength(1);
    const [chaser] = validCards(channel.sent(dmOf(users.SCL)));
    expect(textOf(chaser)).toMatch(/Actions awaiting your update/);
    const buttons = executeActions(chaser);
    expect(buttons.map((b) => b.data.actionId)).toEqual([`${HELD}.i004.i`, `${HELD}.i004.ii`]);

    // Sam answers the first item; the answer is the chaser, redrawn with what he said.
    const answer = await execute(board, users.SCL, 'action.reply', buttons[0]!.data, {
      status_1: 'completed',
      note_1: 'Added to the Q1 report',
      status_2: '',
      note_2: 'still drafting',
    });
    expect(textOf(answer.card)).toMatch(/04 15\/04\/2025\.i: Saved: Completed, with your note/);
    expect(inputValue(answer.card, 'status_1')).toBe('completed');
    expect(inputValue(answer.card, 'note_2')).toBe('still drafting');
    expect((await board.bot.stores.actions.get(board.t.scope, `${HELD}.i004.i`))!.action).toMatchObject({
      status: 'completed',
      latestNote: 'Added to the Q1 report',
    });
  });

  it('sends the digest to the chair, the secretariat and the channel, once', async () => {
    board.clock!.set(new Date(digestAt.getTime() - 60_000).toISOString());
    expect((await scheduler.tick()).runs).toEqual([]);
    board.clock!.set(digestAt.toISOString());
    expect((await scheduler.tick()).runs).toEqual([expect.objectContaining({ kind: 'digest', queued: 3 })]);
    await board.bot.teams.sender.drain();
    const { channel } = board.bot;
    for (const to of [dmOf(board.users.MH), dmOf(board.users.PN), board.team.id]) {
      const cards = validCards(channel.sent(to)).filter(
        (c) => textOf(c).includes('13/05/2025') && !executeActions(c).some((a) => a.verb === 'summary.view'),
      );
      expect(cards, to).toHaveLength(1);
      expect(textOf(cards[0])).toMatch(/06\/05\/2025 09:00/); // compiled when sent, 09:00 London on the digest day
    }
    const failed = (await board.bot.stores.outbox.list('failed')).filter((i) => i.id.includes(NEXT));
    expect(failed).toEqual([]);
  });
});
