// Delegation end to end through the bot: an owner hands an action (and a respondent a question)
// to a colleague from the directory, who then replies; the owner stays accountable, the history
// and the digest say so, the owner takes it back; everyone else is refused and nothing changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../bot/services/digest.ts';
import { saveMeeting } from '../../bot/services/meetings.ts';
import type { Action } from '../../bot/rules/types.ts';
import {
  EVERYONE,
  actionIdOf,
  clockAt,
  closeBoard,
  dmOf,
  execute,
  fixture,
  IDS,
  installedBoard,
  say,
  textOf,
  validCards,
  type Board,
} from '../helpers/bot-board.ts';
import { executeActions } from '../helpers/validate-card.ts';

async function snapshot(board: Board, id: string): Promise<{ action: Action | undefined; history: number }> {
  const stored = await board.bot.stores.actions.get(board.t.scope, id);
  return { action: stored?.action, history: (await board.bot.stores.actions.history(board.t.scope, id)).length };
}

const verbs = (card: unknown): string[] => executeActions(card).map((a) => a.verb);

describe('delegation through the bot', () => {
  let board: Board;
  let alex = '';
  let jane = '';

  beforeAll(async () => {
    board = await installedBoard({ roster: EVERYONE, clock: clockAt('2023-03-20T10:00:00Z') });
    await saveMeeting(board.t, { date: '2023-03-14', next: '2023-04-11' });
    await say(board, board.users.PN, `import\n${fixture('actions-arising-example.txt')}`);
    await board.bot.teams.sender.drain();
    const people = (await board.bot.stores.people.list(board.t.scope)).map((p) => p.person);
    alex = people.find((p) => p.initials === 'AW')?.id ?? '';
    jane = people.find((p) => p.initials === 'JD')?.id ?? '';
  });
  afterAll(async () => closeBoard(board));

  it('the owner hands an action to a colleague; the delegate gets the card and replies; history and digest say so', async () => {
    const { users, bot } = board;
    const card = validCards(bot.channel.sent(dmOf(users.JD))).find((c) => actionIdOf(c) === IDS.JD);
    expect(JSON.stringify(card)).toContain('"id":"delegateTo"');
    expect(JSON.stringify(card)).toContain('Alex Wong (AW)');
    const handed = await execute(
      board,
      users.JD,
      'action.delegate',
      { actionId: IDS.JD, version: 1 },
      { delegateTo: alex },
    );
    expect(textOf(handed.card)).toContain('Handed to AW: they can reply; you stay accountable.');
    expect(textOf(handed.card)).toContain('Alex Wong (AW)');
    expect(verbs(handed.card)).toContain('action.takeBack');
    expect((await snapshot(board, IDS.JD)).action?.delegate).toEqual({ personId: alex, label: 'AW', byPersonId: jane });

    await bot.teams.sender.drain();
    const delegateCard = validCards(bot.channel.sent(dmOf(users.AW))).find((c) => actionIdOf(c) === IDS.JD);
    expect(verbs(delegateCard)).toContain('action.reply');
    const replied = await execute(
      board,
      users.AW,
      'action.reply',
      { actionId: IDS.JD, version: 2 },
      { status: 'in_progress', note: 'Drafting the terms for Jane' },
    );
    expect(textOf(replied.card)).toContain('Saved: In progress');
    const after = await snapshot(board, IDS.JD);
    expect(after.action).toMatchObject({
      status: 'in_progress',
      latestNoteBy: 'Alex Wong',
      owners: [{ label: 'JD', personId: jane }],
    });
    const history = await bot.stores.actions.history(board.t.scope, IDS.JD);
    expect(history.slice(-2).map((h) => [h.byName, h.changes.map((c) => c.field).join(',')])).toEqual([
      ['Jane Doe', 'delegate'],
      ['Alex Wong', 'status,note'],
    ]);
    const [historyCard] = [await execute(board, users.JD, 'action.history', { actionId: IDS.JD, version: 3 })];
    expect(textOf(historyCard.card)).toContain('Delegated to AW');
    // Alex's `mine` has it; the papers name both.
    expect((await say(board, users.AW, 'mine')).map(actionIdOf)).toContain(IDS.JD);
    const item = (await buildDigest(board.t, '2023-04-11')).groups.flatMap((g) => g.items).find((i) => i.id === IDS.JD);
    expect(item?.owners).toEqual(['Jane Doe (JD) (delegated to AW)']);
  });

  it('nobody else may delegate, pass it on or take it back, and nothing changes', async () => {
    const { users } = board;
    const before = await snapshot(board, IDS.JD);
    const tries: Array<[keyof typeof users, string, Record<string, unknown>, string]> = [
      ['SCL', 'action.delegate', { delegateTo: alex }, 'only its owner can hand it to a colleague'],
      ['TE', 'action.delegate', { delegateTo: alex }, 'only its owner can hand it to a colleague'],
      ['AW', 'action.delegate', { delegateTo: users.KP.id }, 'only its owner can hand it to a colleague'],
      ['KP', 'action.takeBack', {}, 'only its owner, the chair and the secretariat can take it back'],
      ['AW', 'action.takeBack', {}, 'only its owner, the chair and the secretariat can take it back'],
      [
        'KP',
        'action.reply',
        { note: 'Not mine' },
        'only the action’s owners, the chair and the secretariat can add a note',
      ],
    ];
    for (const [who, verb, inputs, reason] of tries) {
      const answer = await execute(board, users[who], verb, { actionId: IDS.JD, version: 3 }, inputs);
      expect(textOf(answer.card), `${who} ${verb}`).toContain(reason);
      expect(verbs(answer.card), who).not.toContain('action.takeBack');
    }
    // Nor to someone outside the directory, nor to an owner.
    const outside = await execute(
      board,
      users.JD,
      'action.delegate',
      { actionId: IDS.JD, version: 3 },
      { delegateTo: 'nobody' },
    );
    expect(textOf(outside.card)).toContain('that person is not in the directory');
    expect(await snapshot(board, IDS.JD)).toEqual(before);
  });

  it('the owner takes it back: the delegate can no longer reply', async () => {
    const { users } = board;
    const back = await execute(board, users.JD, 'action.takeBack', { actionId: IDS.JD, version: 3 });
    expect(textOf(back.card)).toContain('Taken back: it is yours to reply to again.');
    expect((await snapshot(board, IDS.JD)).action?.delegate).toBeUndefined();
    const refused = await execute(board, users.AW, 'action.reply', { actionId: IDS.JD, version: 4 }, { note: 'More' });
    expect(textOf(refused.card)).toContain('only the action’s owners, the chair and the secretariat can add a note');
    expect((await say(board, users.AW, 'mine')).map(actionIdOf)).not.toContain(IDS.JD);
  });

  it('a respondent hands a question to a colleague, who answers it; the digest names both; taken back', async () => {
    const { users, bot } = board;
    await say(board, users.TE, 'ask Q1 JD - Could a breakdown by district be provided?');
    const id = '2023-04-11.q1';
    const refusedOther = await execute(
      board,
      users.KP,
      'question.delegate',
      { questionId: id, version: 1 },
      { delegateTo: alex },
    );
    expect(textOf(refusedOther.card)).toContain('only its owner can hand it to a colleague');
    const handed = await execute(
      board,
      users.JD,
      'question.delegate',
      { questionId: id, version: 1 },
      { delegateTo: alex },
    );
    expect(textOf(handed.card)).toContain('Handed to AW');
    await bot.teams.sender.drain();
    expect(validCards(bot.channel.sent(dmOf(users.AW))).some((c) => JSON.stringify(c).includes(id))).toBe(true);
    const answered = await execute(
      board,
      users.AW,
      'question.submit',
      { questionId: id, version: 2 },
      { response: 'Attached, by district.' },
    );
    expect(textOf(answered.card)).toContain('Response submitted: Answered.');
    expect((await bot.stores.questions.get(board.t.scope, id))?.question).toMatchObject({
      respondedBy: 'Alex Wong',
      respondent: { personId: jane },
    });
    const item = (await buildDigest(board.t, '2023-04-11')).groups.flatMap((g) => g.items).find((i) => i.id === id);
    expect(item?.owners).toEqual(['Jane Doe (JD) (delegated to AW)']);
    const back = await execute(board, users.JD, 'question.takeBack', { questionId: id, version: 3 });
    expect(textOf(back.card)).toContain('Taken back');
    const late = await execute(board, users.AW, 'question.draft', { questionId: id, version: 4 }, { response: 'more' });
    expect(textOf(late.card)).toContain('only the question’s respondent, the chair and the secretariat can answer it');
  });
});
