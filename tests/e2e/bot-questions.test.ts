// Scrutiny questions end to end through the bot over HTTP: the scrutiny lead pastes the list, each
// respondent gets a card, writes a long answer as a draft and submits it; a stale card and every
// other person are refused; the chair raises an action from a question and sees the states in
// `outstanding` and the digest, whose Word document carries the response.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestDocx } from '../../bot/digest/docx.ts';
import { buildDigest } from '../../bot/services/digest.ts';
import { saveMeeting } from '../../bot/services/meetings.ts';
import type { Question } from '../../bot/rules/types.ts';
import {
  EVERYONE,
  clockAt,
  closeBoard,
  dmOf,
  execute,
  inputValue,
  installedBoard,
  say,
  textOf,
  validCards,
  type Board,
} from '../helpers/bot-board.ts';
import { unzip } from '../helpers/unzip.ts';
import { executeActions } from '../helpers/validate-card.ts';

const LIST = [
  'scrutiny for 27/04/2021',
  'Q1. Could a breakdown of violence without injury by district be provided? - JD',
  'Q1b. Is the CHI concept being considered for the force? (JD)',
  'Q2 (Drug offences): What is the current risk position in respect of county lines? - SCL',
  'Q3a/Q3b What is the charge rate, and how does it compare with our peers? (KP)',
  'Q4. What happened to the rest of the data?',
].join('\n');

/** Three paragraphs, about 7,000 characters: a real written response. */
const ANSWER = [
  'The breakdown by district is attached.',
  'x'.repeat(3_400),
  'Second paragraph: '.concat('y'.repeat(3_400)),
].join('\n\n');

const questionIdOf = (card: unknown): string | undefined => {
  const id = executeActions(card).find((a) => a.verb.startsWith('question.'))?.data.questionId;
  return typeof id === 'string' ? id : undefined;
};

async function stored(board: Board, id: string): Promise<{ question: Question | undefined; history: number }> {
  const q = await board.bot.stores.questions.get(board.t.scope, id);
  return { question: q?.question, history: (await board.bot.stores.questions.history(board.t.scope, id)).length };
}

describe('scrutiny questions through the bot', () => {
  let board: Board;
  const Q1 = '2021-04-27.q1';
  const Q1B = '2021-04-27.q1b';

  beforeAll(async () => {
    board = await installedBoard({ roster: EVERYONE, clock: clockAt('2021-04-06T09:00:00Z') });
    await saveMeeting(board.t, { date: '2021-03-23', next: '2021-04-27' });
  });
  afterAll(async () => closeBoard(board));

  it('the scrutiny lead pastes the list: each line parsed, the line without a respondent named, each respondent one card a question', async () => {
    const { bot, users } = board;
    const [report, ...more] = await say(board, users.TE, LIST);
    expect(more).toEqual([]);
    const text = textOf(report);
    expect(text).toContain('4 added, 0 updated, 0 unchanged, 1 not understood');
    expect(text).toContain('line 5 (Q4): not entered - Q4 has no respondent');
    expect(text).toContain('4 cards on the way to respondents.');
    const all = await bot.stores.questions.listForMeeting(board.t.scope, '2021-04-27');
    expect(all.map((q) => [q.number, q.theme ?? '', q.respondent.label, q.state, q.due])).toEqual([
      ['Q1', '', 'JD', 'awaiting', '2021-04-20'],
      ['Q1b', '', 'JD', 'awaiting', '2021-04-20'],
      ['Q2', 'Drug offences', 'SCL', 'awaiting', '2021-04-20'],
      ['Q3a/Q3b', '', 'KP', 'awaiting', '2021-04-20'],
    ]);
    await bot.teams.sender.drain();
    const jdCards = validCards(bot.channel.sent(dmOf(users.JD)));
    expect(jdCards.map(questionIdOf).sort()).toEqual([Q1, Q1B]);
    expect(validCards(bot.channel.sent(dmOf(users.KP))).map(questionIdOf)).toEqual(['2021-04-27.q3a-q3b']);

    // Entering the same list again changes nothing and sends nothing new.
    const [again] = await say(board, users.TE, LIST);
    expect(textOf(again)).toContain('0 added, 0 updated, 4 unchanged, 1 not understood');
    await bot.teams.sender.drain();
    expect(validCards(bot.channel.sent(dmOf(users.JD))).length).toBe(2);
  });

  it('a member cannot put questions, one at a time or as a list', async () => {
    const { users, bot } = board;
    for (const text of [LIST, 'ask Q9 JD - Anything?']) {
      const [card] = await say(board, users.SCL, text);
      expect(textOf(card)).toContain('questions are put by the scrutiny lead, the secretariat or the chair');
    }
    expect((await bot.stores.questions.listAll(board.t.scope)).length).toBe(4);
    const [asked] = await say(board, users.TE, 'ask Q5 AW - Is this information still sought?');
    expect(textOf(asked)).toContain('line 1 (Q5): added');
    expect((await stored(board, '2021-04-27.q5')).question).toMatchObject({
      respondent: { label: 'AW' },
      text: 'Is this information still sought?',
    });
  });

  it('the respondent saves a long answer as a draft, then submits it: line breaks kept, draft gone', async () => {
    const { users } = board;
    const card = validCards(board.bot.channel.sent(dmOf(users.JD))).find((c) => questionIdOf(c) === Q1);
    // The limit is said on the box; the bot refuses a longer response, saying so (never cut short by the card).
    expect(JSON.stringify(card)).toContain('"label":"Written response (up to 8,000 characters)"');
    expect(JSON.stringify(card)).not.toContain('maxLength');
    expect(JSON.stringify(card)).toContain('"isMultiline":true');
    const drafted = await execute(
      board,
      users.JD,
      'question.draft',
      { questionId: Q1, version: 1 },
      { response: ANSWER, partly: 'false' },
    );
    expect(textOf(drafted.card)).toContain('Draft saved. Submit it when it is ready.');
    expect(inputValue(drafted.card, 'response')).toBe(ANSWER);
    expect((await stored(board, Q1)).question).toMatchObject({ draft: ANSWER, state: 'awaiting', version: 2 });
    expect((await stored(board, Q1)).question?.response).toBeUndefined();

    // Submitted from the card the draft returned (version 2), marked partly answered.
    const submitted = await execute(
      board,
      users.JD,
      'question.submit',
      { questionId: Q1, version: 2 },
      { response: ANSWER.replace(/\n/g, '\r\n'), partly: 'true' },
    );
    expect(textOf(submitted.card)).toContain('Response submitted: Partly answered. Thank you.');
    const after = await stored(board, Q1);
    expect(after.question).toMatchObject({
      response: ANSWER,
      state: 'partly_answered',
      respondedBy: 'Jane Doe',
      version: 3,
    });
    expect(after.question?.draft).toBeUndefined();
    expect(after.history).toBe(3);
  });

  it('a stale card, an over-long answer and everyone else are refused, and nothing changes', async () => {
    const { users } = board;
    // The secretariat carries Q1b forward after Jane's card was drawn (version 1).
    const carried = await execute(board, users.PN, 'question.carryForward', { questionId: Q1B, version: 1 });
    expect(textOf(carried.card)).toContain('Q1b: Carried forward.');
    const before = await stored(board, Q1B);
    const stale = await execute(
      board,
      users.JD,
      'question.submit',
      { questionId: Q1B, version: 1 },
      { response: 'My answer\nin two lines' },
    );
    expect(textOf(stale.card)).toContain('This question changed since this card was drawn');
    expect(inputValue(stale.card, 'response')).toBe('My answer\nin two lines');
    expect(await stored(board, Q1B)).toEqual(before);

    const tooLong = await execute(
      board,
      users.JD,
      'question.submit',
      { questionId: Q1B, version: 2 },
      { response: 'z'.repeat(8_001) },
    );
    expect(textOf(tooLong.card)).toContain('the limit is 8,000');
    for (const who of [users.SCL, users.TE, users.AW]) {
      const other = await execute(
        board,
        who,
        'question.submit',
        { questionId: Q1B, version: 2 },
        { response: 'Not mine to answer' },
      );
      expect(textOf(other.card)).toContain(
        'only the question’s respondent, the chair and the secretariat can answer it',
      );
      const decide = await execute(board, who, 'question.answered', { questionId: Q1B, version: 2 });
      expect(textOf(decide.card)).toContain(
        'only the chair and the secretariat mark a question answered or carried forward',
      );
    }
    expect(await stored(board, Q1B)).toEqual(before);
  });

  it('the chair raises an action from a question: each shows the other', async () => {
    const { users, bot } = board;
    const [card] = await say(
      board,
      users.MH,
      'raise from Q1b JD - consider presenting the CHI concept at a future PAM',
    );
    expect(textOf(card)).toContain('Raised 01.23/03/2021 from Q1b.');
    expect(textOf(card)).toContain('Q1b, meeting of 27/04/2021');
    const action = (await bot.stores.actions.listForMeeting(board.t.scope, '2021-03-23'))[0];
    expect(action).toMatchObject({ questionId: Q1B, text: 'consider presenting the CHI concept at a future PAM' });
    expect((await stored(board, Q1B)).question?.actionIds).toEqual([action?.id]);
    const [question] = await say(board, users.MH, 'question Q1b');
    expect(textOf(question)).toContain('01.23/03/2021');
    // The chair may answer for the respondent: the form says whose response it is.
    expect(textOf(question)).toContain('Response on behalf of Jane Doe (JD)');
    const [own] = await say(board, users.JD, 'question Q1b');
    expect(textOf(own)).toContain('Your response');
    // A member may not.
    const [refused] = await say(board, users.JD, 'raise from Q1b JD - something else');
    expect(textOf(refused)).toContain('only the chair and the secretariat');
  });

  it('outstanding and questions show each question’s state; the digest lists them and its Word document has the response', async () => {
    const { users } = board;
    const cards = await say(board, users.MH, 'outstanding');
    const questions = cards.map(textOf).find((t) => t.includes('Scrutiny questions outstanding')) ?? '';
    for (const want of [
      'Q1: Could a breakdown',
      'Partly answered',
      'Q1b',
      'Carried forward',
      'Q2 (Drug offences)',
      'Awaiting response',
      'Q3a/Q3b',
    ])
      expect(questions).toContain(want);
    const [list] = await say(board, users.TE, 'questions');
    expect(textOf(list)).toContain('Scrutiny questions for 27/04/2021');
    // A respondent's `questions` are their own cards to answer.
    const mine = await say(board, users.KP, 'questions');
    expect(mine.map(questionIdOf)).toEqual(['2021-04-27.q3a-q3b']);

    const digest = await buildDigest(board.t, '2021-04-27');
    const group = digest.groups.find((g) => g.title === 'Scrutiny questions');
    expect(group?.items.map((i) => [i.ref, i.statusLabel])).toEqual([
      ['Q1', 'Partly answered'],
      ['Q1b', 'Carried forward'],
      ['Q2', 'Awaiting response'],
      ['Q3a/Q3b', 'Awaiting response'],
      ['Q5', 'Awaiting response'],
    ]);
    // Counted apart from the actions: five open, three awaiting a response (Q1 partly answered, Q1b carried forward).
    expect(digest.counts.questions).toEqual({ open: 5, overdue: 0, noReply: 3, readyToDischarge: 0 });
    const xml =
      unzip(await digestDocx(digest))
        .get('word/document.xml')
        ?.toString('utf8') ?? '';
    expect(xml).toContain('The breakdown by district is attached.');
    expect(xml).toContain('Second paragraph: yyy');
    const [preview] = await say(board, users.PN, 'digest');
    expect(textOf(preview)).toContain('Scrutiny questions');
  });

  it('the chair marks a question answered: it leaves the open list', async () => {
    const { users } = board;
    const answered = await execute(board, users.MH, 'question.answered', { questionId: Q1, version: 3 });
    expect(textOf(answered.card)).toContain('Q1: Answered.');
    expect((await stored(board, Q1)).question).toMatchObject({ state: 'answered', closedOn: '2021-04-06' });
    expect((await board.bot.stores.questions.listOpen(board.t.scope)).map((q) => q.number)).not.toContain('Q1');
  });
});
