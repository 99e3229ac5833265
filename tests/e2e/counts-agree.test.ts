// One board, four surfaces, the same counts: the chair's `outstanding` in the chat, the digest for
// the next meeting, the dashboard tab's API, and the channel summaries of the meetings that raised
// the actions. Actions and scrutiny questions are counted apart, as at the same day, and a
// discharged action (long past its due date) is overdue on none of them. The cards count as the
// papers do (flags.ts shownCounts): what is outstanding apart from what is completed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveMeeting } from '../../bot/services/meetings.ts';
import { shownCounts, type ShownCounts } from '../../bot/rules/flags.ts';
import type { ActionsAnswer, TabCounts } from '../../bot/tab/api-types.ts';
import {
  EVERYONE,
  IDS,
  clockAt,
  closeBoard,
  execute,
  fixture,
  installedBoard,
  say,
  textOf,
  type Board,
} from '../helpers/bot-board.ts';

type Counts = ShownCounts;

/** The count columns a card shows (a number over its words), by their words. */
function countColumns(card: unknown): Map<string, number> {
  const out = new Map<string, number>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    const items = o.items as Array<Record<string, unknown>> | undefined;
    if (o.type === 'Column' && items?.length === 2 && /^\d[\d,]*$/.test(String(items[0]?.text)))
      out.set(String(items[1]?.text), Number(String(items[0]?.text).replace(/,/g, '')));
    Object.values(o).forEach(visit);
  };
  visit(card);
  return out;
}

/** The actions' counts from a card's columns. */
function actionCounts(card: unknown): Counts {
  const c = countColumns(card);
  const get = (label: string): number => {
    const n = c.get(label);
    if (n === undefined) throw new Error(`no "${label}" count on the card: ${[...c.keys()].join(', ')}`);
    return n;
  };
  return {
    outstanding: get('Outstanding'),
    readyToDischarge: get('Completed, awaiting discharge'),
    overdue: get('Overdue'),
    noReply: get('No reply since the meeting'),
  };
}

/** The questions' counts from a card's line 'Scrutiny questions: Outstanding 2 · Answered, to be marked 1 · ...'. */
function questionCounts(card: unknown): Counts {
  const m =
    /Scrutiny questions: Outstanding (\d+) · Answered, to be marked (\d+) · Overdue (\d+) · Awaiting a response (\d+)/.exec(
      textOf(card),
    );
  if (!m) throw new Error(`no question counts on the card: ${textOf(card).slice(0, 300)}`);
  return { outstanding: Number(m[1]), readyToDischarge: Number(m[2]), overdue: Number(m[3]), noReply: Number(m[4]) };
}

/** The tab's counts (as flagged) in the cards' terms, by the same rule. */
const asShown = (c: TabCounts): Counts => shownCounts(c);

const sum = (a: Counts, b: Counts): Counts => ({
  outstanding: a.outstanding + b.outstanding,
  overdue: a.overdue + b.overdue,
  noReply: a.noReply + b.noReply,
  readyToDischarge: a.readyToDischarge + b.readyToDischarge,
});

describe('the counts agree across the chat, the digest, the tab and the channel summary', () => {
  let board: Board;

  beforeAll(async () => {
    // Before the 11/04/2023 meeting: the 14/03 actions come due on 11/04, the Force's on 28/03.
    board = await installedBoard({ roster: EVERYONE, clock: clockAt('2023-03-20T10:00:00Z'), tab: true });
    const { t, users } = board;
    await saveMeeting(t, { date: '2023-03-14', next: '2023-04-11' });
    await saveMeeting(t, { date: '2023-04-11', next: '2023-05-09' });
    await say(board, users.PN, `import\n${fixture('actions-arising-example.txt')}`);
    // Questions for the April meeting (due before it) and for May.
    await say(board, users.TE, 'scrutiny for 11/04/2023\nQ1. Could the charge rate be broken down? - KP');
    await say(
      board,
      users.TE,
      'scrutiny for 09/05/2023\nQ1. What is the county lines position? - JD\nQ2. Why are repeat victims rising? - SCL',
    );
    await board.bot.teams.sender.drain();
    // Jane's is done; Sam gives a note on one of his.
    await execute(board, users.JD, 'action.reply', { actionId: IDS.JD, version: 1 }, { status: 'completed' });
    await execute(board, users.SCL, 'action.reply', { actionId: IDS.SCL_I, version: 1 }, { note: 'Table drafted' });

    // After the April meeting: the chair discharges the Force's action (long overdue), and raises
    // one at that meeting; Sam answers his May question.
    board.clock?.set('2023-04-20T10:00:00Z');
    const force = (await t.stores.actions.get(t.scope, IDS.FORCE))?.action;
    const done = await execute(board, users.MH, 'action.discharge', { actionId: IDS.FORCE, version: force?.version });
    expect(textOf(done.card)).toContain('Discharged');
    await say(board, users.MH, 'raise AW - Report on the control room visit');
    await execute(
      board,
      users.SCL,
      'question.submit',
      { questionId: '2023-05-09.q2', version: 1 },
      { response: 'Repeat victims are rising because of better recording.', partly: 'false' },
    );
    await board.bot.teams.sender.drain();
  }, 60_000);
  afterAll(async () => closeBoard(board));

  it('gives the same actions’ and questions’ counts, as at the same day, on every surface', async () => {
    const { users, bot } = board;

    // The chat: the chair's outstanding view.
    const [outstanding, questionsCard] = await say(board, users.MH, 'outstanding');
    const chat = { actions: actionCounts(outstanding), questions: questionCounts(outstanding) };
    expect(textOf(outstanding)).toContain('as at 20/04/2023');
    // The questions listed with it say the same, and flag the overdue one as such.
    const listed = textOf(questionsCard);
    expect(listed).toContain(
      '3 questions · as at 20/04/2023: Outstanding 2 · Answered, to be marked 1 · Overdue 1 · Awaiting a response 2.',
    );
    expect(listed).toMatch(/Q1: Could the charge rate be broken down\?\n.*\nOverdue · Awaiting response/);
    // And the respondent's own card says it is overdue; an answered one does not.
    const [kims] = await say(board, users.KP, 'questions');
    expect(textOf(kims)).toMatch(/State: Awaiting response\nOverdue/);
    const [sams] = await say(board, users.SCL, 'questions');
    expect(textOf(sams)).not.toContain('Overdue');

    // The digest for the next meeting (09/05/2023).
    const [digestCard] = await say(board, users.MH, 'digest');
    expect(textOf(digestCard)).toContain('Action log for the meeting of 09/05/2023');
    expect(textOf(digestCard)).toContain('as at 20/04/2023');
    const digest = { actions: actionCounts(digestCard), questions: questionCounts(digestCard) };

    // The tab, signed in as the chair.
    const login = await fetch(`${bot.base}/api/tab/dev-login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ personId: 'morgan-hale' }),
    });
    const { token } = (await login.json()) as { token: string };
    const res = await fetch(`${bot.base}/api/tab/actions?view=all`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const tabAnswer = (await res.json()) as ActionsAnswer;
    expect(tabAnswer.counts.asAt).toBe('2023-04-20');
    const tab = { actions: asShown(tabAnswer.counts.actions), questions: asShown(tabAnswer.counts.questions) };

    // The channel: the summaries of the two meetings that raised actions, as drawn now.
    const summaries = await Promise.all(
      ['2023-03-14', '2023-04-11'].map(async (meeting) => {
        const { card } = await execute(board, users.MH, 'summary.view', { meeting });
        expect(textOf(card)).toContain('as at 20/04/2023');
        return card;
      }),
    );
    const channel = summaries.map(actionCounts).reduce(sum);
    // The discharged action is listed there, and not as overdue.
    const rows = textOf(summaries[0]);
    expect(rows).toMatch(/07 14\/03\/2023\nThe Force\nDischarged\n/);
    expect(rows).not.toContain('Discharged · overdue');

    // Something to count: every kind of flag is there at least once.
    // Six actions open, one of them completed: five outstanding; three questions open, one answered.
    expect(chat.actions).toEqual({ outstanding: 5, readyToDischarge: 1, overdue: 4, noReply: 6 });
    expect(chat.questions).toEqual({ outstanding: 2, readyToDischarge: 1, overdue: 1, noReply: 2 });
    expect(tabAnswer.counts.actions.open).toBe(6);
    for (const [name, surface] of Object.entries({ digest, tab })) expect(surface, name).toEqual(chat);
    expect(channel).toEqual(chat.actions);
  });
});
