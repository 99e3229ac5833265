// Hostile card actions (Action.Execute invokes, and the Action.Submit fallback): forged action and
// question ids, other people's actions, callers whose `from` is not the owner, forged inputs and
// boards, oversized notes and responses, deeply nested data. Each is answered with a card that
// says what was wrong, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDS, closeBoard, say, textOf } from '../helpers/bot-board.ts';
import {
  adaptiveCardInvoke,
  cardSubmit,
  groupChatId,
  teamsUser,
  type TeamsContext,
  type TeamsUser,
} from '../helpers/teams-activities.ts';
import { chars, itLeftTheBoardUnchanged, nestedJson, withRawJson } from './hostile.ts';
import {
  expectRefusedCleanly,
  hostileTeamsBoard,
  postInvokeActivity,
  postMessage,
  type HostileTeamsBoard,
} from './teams-board.ts';

const NO_ACTION = /does not name an action I know|no longer exists/;
const NO_QUESTION = /does not name a question I know|no longer exists/;
const NOT_OWNER = /only the action’s owners, the chair and the secretariat/;
const REUSED = /Not (?:saved|done): this request id was already used for another change/;
const STALE = /changed since this card was drawn/;

/** Action ids nobody could have been given on a card. */
const FORGED_IDS: Array<[string, unknown]> = [
  ['empty', ''],
  ['an OData string', "' or 1 eq 1"],
  ['a real id with an OData tail', `${IDS.JD}' or 1 eq 1`],
  ['a path', '../../2023-03-14.n001'],
  ['a slash', '2023-03-14.n001/'],
  ['a backslash', '2023-03-14\\n001'],
  ['a hash', '2023-03-14#n001'],
  ['a question mark', '2023-03-14.n001?x=1'],
  ['the key separator', `${IDS.JD}|h|1`],
  ['a percent-encoded slash', '2023-03-14%2Fn001'],
  ['a NUL', `${IDS.JD}\u0000`],
  ['a control character', '\u0007\u001b'],
  ['an unpaired surrogate', `${IDS.JD}\ud800`],
  ['an id of 201 characters', chars(201)],
  ['an id of 200 characters', chars(200)],
  ['an action that does not exist', '2023-03-14.n099'],
  ['the reference instead of the id', '01.14/03/2023'],
  ['a date that does not exist', '2023-02-31.n001'],
  ['a number', 20230314],
  ['null', null],
  ['an object', { $ne: '' }],
  ['a list', [IDS.JD]],
  ['true', true],
];

const FORGED_QUESTION_IDS: Array<[string, unknown]> = [
  ['empty', ''],
  ['an OData string', "' or 1 eq 1"],
  ['a path', '../2023-04-11.q1'],
  ['a hash and query', '2023-04-11.q1#?'],
  ['an unpaired surrogate', '2023-04-11.q1\udfff'],
  ['201 characters', chars(201)],
  ['a question that does not exist', '2023-04-11.q99'],
  ['an object', { id: '2023-04-11.q1' }],
];

describe('hostile card actions', () => {
  let board: HostileTeamsBoard;
  let questionId: string;
  beforeAll(async () => {
    board = await hostileTeamsBoard();
    const [report] = await say(
      board,
      board.users.PN,
      'scrutiny for 11/04/2023\nQ1. Could a breakdown of violence without injury be provided? - KP',
    );
    if (!textOf(report).includes('1 added')) throw new Error(`question not entered: ${textOf(report)}`);
    await board.bot.teams.sender.drain();
    const [q] = await board.bot.stores.questions.listAll(board.t.scope);
    if (!q) throw new Error('no question stored');
    questionId = q.id;
    board.unchanged.reset();
    await board.unchanged.ready();
  });
  afterAll(async () => closeBoard(board));

  /** An Action.Execute from `user` with `data` (the card's data and inputs merged, as Teams sends them). */
  const invoke = (user: TeamsUser, verb: string, data: Record<string, unknown>) =>
    postInvokeActivity(board, adaptiveCardInvoke(user, { verb, data: { board: 'PAM', ...data } }, board.dm));

  describe('forged action ids', () => {
    it.each(FORGED_IDS)('a reply to %s', async (_name, actionId) => {
      await expectRefusedCleanly(board, NO_ACTION, () =>
        invoke(board.users.JD, 'action.reply', { actionId, version: 1, status: 'completed', note: 'done' }),
      );
    });
    it.each(FORGED_IDS)('the history of %s', async (_name, actionId) => {
      await expectRefusedCleanly(board, NO_ACTION, () => invoke(board.users.JD, 'action.history', { actionId }));
    });
    it.each(FORGED_IDS.slice(0, 8))('the chair discharging %s', async (_name, actionId) => {
      await expectRefusedCleanly(board, /does not name an action I know|no longer exists|not changed/, () =>
        invoke(board.users.MH, 'action.discharge', { actionId }),
      );
    });
    it.each(FORGED_IDS.slice(0, 8))('the chair reopening %s', async (_name, actionId) => {
      await expectRefusedCleanly(board, /does not name an action I know|no longer exists|not reopened/i, () =>
        invoke(board.users.MH, 'action.reopen', { actionId }),
      );
    });
    itLeftTheBoardUnchanged(() => board.unchanged);
  });

  describe('other people’s actions, and callers who are not who they say', () => {
    const cases: Array<{
      name: string;
      user: () => TeamsUser;
      verb: string;
      data: Record<string, unknown>;
      expect: RegExp;
    }> = [
      {
        name: 'another owner replies to Jane’s action',
        user: () => board.users.SCL,
        verb: 'action.reply',
        data: { actionId: IDS.JD, version: 1, status: 'completed', note: 'Not mine' },
        expect: NOT_OWNER,
      },
      {
        name: 'a visitor replies to Jane’s action',
        user: () => board.visitor,
        verb: 'action.reply',
        data: { actionId: IDS.JD, version: 1, status: 'completed' },
        expect: NOT_OWNER,
      },
      {
        name: 'Sam’s id with Jane’s name',
        user: () => ({ ...board.users.SCL, name: 'Jane Doe' }),
        verb: 'action.reply',
        data: { actionId: IDS.JD, version: 1, note: 'I am Jane' },
        expect: NOT_OWNER,
      },
      {
        name: 'Jane’s name and chat id, no Entra id',
        user: () => ({ ...board.users.JD, aadObjectId: '' }),
        verb: 'action.reply',
        data: { actionId: IDS.JD, version: 1, note: 'I am Jane' },
        expect: NOT_OWNER,
      },
      {
        name: 'Jane’s name with an unknown Entra id',
        user: () => teamsUser('Jane Doe', { email: 'jane.doe@example.police.uk' }),
        verb: 'action.reply',
        data: { actionId: IDS.JD, version: 1, note: 'I am Jane' },
        expect: NOT_OWNER,
      },
      {
        name: 'the chair’s name on a visitor',
        user: () => ({ ...board.visitor, name: 'Morgan Hale' }),
        verb: 'action.discharge',
        data: { actionId: IDS.JD },
        expect: /only the chair discharges/,
      },
      {
        name: 'an owner discharges their own action',
        user: () => board.users.JD,
        verb: 'action.discharge',
        data: { actionId: IDS.JD },
        expect: /only the chair discharges/,
      },
      {
        name: 'an owner carries their action forward',
        user: () => board.users.JD,
        verb: 'action.carryForward',
        data: { actionId: IDS.JD },
        expect: /not changed/,
      },
      {
        name: 'an owner reopens their own action',
        user: () => board.users.JD,
        verb: 'action.reopen',
        data: { actionId: IDS.JD },
        expect: /not reopened/,
      },
      {
        name: 'the chair reopens an action that is not discharged',
        user: () => board.users.MH,
        verb: 'action.reopen',
        data: { actionId: IDS.JD },
        expect: /not reopened: it is not discharged/,
      },
      {
        name: 'the chair carries forward to a date that is not one',
        user: () => board.users.MH,
        verb: 'action.carryForward',
        data: { actionId: IDS.JD, dueInput: 'carryTo_1', carryTo_1: '31/31/2023' },
        expect: /Not changed: "31\/31\/2023" is not a date/,
      },
      {
        name: 'the chair carries forward to a date long past',
        user: () => board.users.MH,
        verb: 'action.carryForward',
        data: { actionId: IDS.JD, dueInput: 'carryTo_1', carryTo_1: '1999-01-01' },
        expect: /01\/01\/1999 has passed/,
      },
      {
        name: 'a visitor carries an action forward',
        user: () => board.visitor,
        verb: 'action.carryForward',
        data: { actionId: IDS.JD },
        expect: /not changed/,
      },
      {
        name: 'another owner delegates Jane’s action',
        user: () => board.users.SCL,
        verb: 'action.delegate',
        data: { actionId: IDS.JD, delegateTo: 'sam-carter-lee' },
        expect: /Not done/,
      },
      {
        name: 'another owner takes Jane’s action back',
        user: () => board.users.KP,
        verb: 'action.takeBack',
        data: { actionId: IDS.JD },
        expect: /Not done/,
      },
      {
        name: 'Jane delegates to nobody in the directory',
        user: () => board.users.JD,
        verb: 'action.delegate',
        data: { actionId: IDS.JD, delegateTo: 'nobody-at-all' },
        expect: /Not done/,
      },
      {
        name: 'Jane delegates to an OData string',
        user: () => board.users.JD,
        verb: 'action.delegate',
        data: { actionId: IDS.JD, delegateTo: "' or 1 eq 1" },
        expect: /Not done/,
      },
      {
        name: 'Jane delegates to a path',
        user: () => board.users.JD,
        verb: 'action.delegate',
        data: { actionId: IDS.JD, delegateTo: '../priya-nair' },
        expect: /Not done/,
      },
      {
        name: 'Jane delegates to herself',
        user: () => board.users.JD,
        verb: 'action.delegate',
        data: { actionId: IDS.JD, delegateTo: 'jane-doe' },
        expect: /Not done/,
      },
      {
        name: 'Jane takes back what was never delegated',
        user: () => board.users.JD,
        verb: 'action.takeBack',
        data: { actionId: IDS.JD },
        expect: /Not done/,
      },
      {
        name: 'a member applies a review',
        user: () => board.users.JD,
        verb: 'review.apply',
        data: { meeting: '2023-03-14', items: IDS.JD, review_0: 'discharged' },
        expect: /chair or the secretariat/,
      },
      {
        name: 'a member opens the outstanding view',
        user: () => board.users.JD,
        verb: 'outstanding.view',
        data: {},
        expect: /The outstanding view is for the chair/,
      },
      {
        name: 'another board by name (nobody there knows Jane)',
        user: () => board.users.JD,
        verb: 'action.reply',
        data: { board: 'OTHER', actionId: IDS.JD, version: 1, note: 'wrong board' },
        expect: NO_ACTION,
      },
    ];
    it.each(cases)('$name', async ({ user, verb, data, expect }) => {
      await expectRefusedCleanly(board, expect, () => invoke(user(), verb, data));
    });
    itLeftTheBoardUnchanged(() => board.unchanged);
  });

  const own = { actionId: IDS.JD, version: 1 };
  describe('forged inputs on the owner’s own card', () => {
    const cases: Array<{ name: string; verb?: string; data: Record<string, unknown>; expect: RegExp }> = [
      {
        name: 'a status an owner cannot give',
        data: { status: 'discharged' },
        expect: /"discharged" is not a status an owner can give/,
      },
      {
        name: 'an OData status',
        data: { status: "completed' or 1 eq 1" },
        expect: /is not a status an owner can give/,
      },
      {
        name: 'a script as status',
        data: { status: '<script>alert(1)</script>' },
        expect: /is not a status an owner can give/,
      },
      { name: 'a status in capitals', data: { status: 'COMPLETED' }, expect: /is not a status an owner can give/ },
      { name: 'nothing at all', data: {}, expect: /nothing to save/ },
      { name: 'a blank note', data: { note: ' \n\t ' }, expect: /nothing to save/ },
      { name: 'a note that is an object', data: { note: { text: 'x' } }, expect: /nothing to save/ },
      { name: 'a status that is a list', data: { status: ['completed'] }, expect: /nothing to save/ },
      { name: 'a note of 4,001 characters', data: { note: chars(4_001) }, expect: /limit is 4,000/ },
      { name: 'a note of 4,001 emoji', data: { note: chars(8_002, '🚓') }, expect: /limit is 4,000/ },
      {
        name: 'a note of 300,000 characters',
        data: { note: chars(300_000, 'lorem ipsum ') },
        expect: /limit is 4,000/,
      },
      { name: 'a note with a NUL', data: { note: 'done\u0000' }, expect: /control character/ },
      { name: 'a note with an escape sequence', data: { note: '\u001b[2Jdone' }, expect: /control character/ },
      {
        name: 'a note with an unpaired surrogate',
        data: { note: 'done \ud83d' },
        expect: /a broken character \(U\+D83D\)/,
      },
      {
        name: 'a status input that names a path',
        data: { statusInput: '../status', status: 'completed' },
        expect: /names inputs I do not know/,
      },
      {
        name: 'a note input with spaces',
        data: { noteInput: 'the note', note: 'x' },
        expect: /names inputs I do not know/,
      },
      {
        name: 'a note input that is __proto__',
        data: { noteInput: '__proto__' },
        expect: /names inputs I do not know|nothing to save/,
      },
      {
        name: 'a verb nobody offers',
        verb: 'action.delete',
        data: {},
        expect: /asked for "action.delete", which I don't know/,
      },
      { name: 'a verb that is a prototype key', verb: 'constructor', data: {}, expect: /which I don't know/ },
      { name: 'an empty verb', verb: '', data: {}, expect: /which I don't know/ },
      { name: 'a verb with a script', verb: '<script>alert(1)</script>', data: {}, expect: /which I don't know/ },
      {
        name: 'a review for a meeting that is a path',
        verb: 'review.apply',
        data: { meeting: '../2023-03-14', items: IDS.JD },
        expect: /does not say which meeting/,
      },
      {
        name: 'a review of 201 actions',
        verb: 'review.apply',
        data: { meeting: '2023-03-14', items: Array.from({ length: 201 }, (_, i) => `x${i}`).join(' ') },
        expect: /does not say which meeting/,
      },
    ];
    it.each(cases)('$name', async ({ verb, data, expect }) => {
      await expectRefusedCleanly(board, expect, () =>
        invoke(board.users.JD, verb ?? 'action.reply', { ...own, ...data }),
      );
    });
    itLeftTheBoardUnchanged(() => board.unchanged);
  });

  // Teams never nests card data; a forged request may, deeper than any recursive code can walk.
  it.each([100, 10_000, 100_000])('card data nested %i deep', async (depth) => {
    const activity = adaptiveCardInvoke(
      board.users.JD,
      { verb: 'action.reply', data: { board: 'PAM', ...own, status: 'nonsense', extra: 'NESTED' } },
      board.dm,
    );
    await expectRefusedCleanly(board, /is not a status an owner can give|too deeply nested|not understood/i, () =>
      postInvokeActivity(board, withRawJson(activity, 'NESTED', nestedJson(depth))),
    );
  });

  describe('question cards', () => {
    it.each(FORGED_QUESTION_IDS)('a response to %s', async (_name, id) => {
      await expectRefusedCleanly(board, NO_QUESTION, () =>
        invoke(board.users.KP, 'question.submit', { questionId: id, version: 1, response: 'Here it is' }),
      );
    });
    const cases: Array<{
      name: string;
      user: () => TeamsUser;
      verb: string;
      data: Record<string, unknown>;
      expect: RegExp;
    }> = [
      {
        name: 'someone else answers Kim’s question',
        user: () => board.users.SCL,
        verb: 'question.submit',
        data: { response: 'I will answer' },
        expect: /Not saved/,
      },
      {
        name: 'a visitor saves a draft',
        user: () => board.visitor,
        verb: 'question.draft',
        data: { response: 'draft' },
        expect: /Not saved/,
      },
      {
        name: 'a response of 8,001 characters',
        user: () => board.users.KP,
        verb: 'question.submit',
        data: { response: chars(8_001) },
        expect: /limit is 8,000/,
      },
      {
        name: 'an empty response',
        user: () => board.users.KP,
        verb: 'question.submit',
        data: { response: '   ' },
        expect: /Not saved/,
      },
      {
        name: 'a response that is an object',
        user: () => board.users.KP,
        verb: 'question.submit',
        data: { response: { text: 'x' } },
        expect: /Not saved/,
      },
      {
        name: 'a response with a NUL',
        user: () => board.users.KP,
        verb: 'question.submit',
        data: { response: 'answer\u0000' },
        expect: /control character/,
      },
      {
        name: 'the respondent marks it answered',
        user: () => board.users.KP,
        verb: 'question.answered',
        data: {},
        expect: /Not saved/,
      },
      {
        name: 'a visitor carries it forward',
        user: () => board.visitor,
        verb: 'question.carryForward',
        data: {},
        expect: /Not saved/,
      },
      {
        name: 'the respondent delegates to nobody',
        user: () => board.users.KP,
        verb: 'question.delegate',
        data: { delegateTo: 'nobody-at-all' },
        expect: /Not saved/,
      },
      {
        name: 'someone else delegates it',
        user: () => board.users.JD,
        verb: 'question.delegate',
        data: { delegateTo: 'jane-doe' },
        expect: /Not saved/,
      },
    ];
    it.each(cases)('$name', async ({ user, verb, data, expect }) => {
      await expectRefusedCleanly(board, expect, () => invoke(user(), verb, { questionId, version: 1, ...data }));
    });
    itLeftTheBoardUnchanged(() => board.unchanged);
  });

  describe('the Action.Submit fallback', () => {
    const cases: Array<{ name: string; value: Record<string, unknown>; expect: RegExp }> = [
      {
        name: 'a forged id',
        value: { verb: 'action.reply', actionId: "' or 1 eq 1", status: 'completed' },
        expect: NO_ACTION,
      },
      {
        name: 'an id with every key-forbidden character',
        value: { verb: 'action.reply', actionId: 'a/b\\c#d?e', note: 'x' },
        expect: NO_ACTION,
      },
      {
        name: 'someone else’s action',
        value: { verb: 'action.reply', actionId: IDS.SCL_I, version: 1, status: 'completed' },
        expect: NOT_OWNER,
      },
      {
        name: 'an oversized note',
        value: { verb: 'action.reply', actionId: IDS.JD, version: 1, note: chars(4_001) },
        expect: /limit is 4,000/,
      },
      { name: 'a verb nobody offers', value: { verb: 'action.purge', actionId: IDS.JD }, expect: /which I don't know/ },
      {
        name: 'a board that is a path',
        value: { verb: 'action.reply', board: '../../OTHER', actionId: IDS.JD, status: 'discharged' },
        expect: /is not a status an owner can give/,
      },
    ];
    it.each(cases)('$name', async ({ value, expect }) => {
      const jane = board.users.JD;
      await expectRefusedCleanly(board, expect, () =>
        postMessage(board, jane, cardSubmit(jane, { board: 'PAM', ...value }, board.dm)),
      );
    });
    itLeftTheBoardUnchanged(() => board.unchanged);
  });

  // Each case stores its first request on purpose; the board is read again after it, so the
  // refusal that follows is proved to leave exactly the first change stored.
  describe('one request id for two different changes', () => {
    /** An Action.Execute under a chosen activity id (Teams' request id, scoped by the conversation). */
    const invokeAs = (
      user: TeamsUser,
      activityId: string,
      verb: string,
      data: Record<string, unknown>,
      ctx: TeamsContext = board.dm,
    ) =>
      postInvokeActivity(board, {
        ...adaptiveCardInvoke(user, { verb, data: { board: 'PAM', ...data } }, ctx),
        id: activityId,
      });
    const version = async (id: string): Promise<number> =>
      (await board.bot.stores.actions.get(board.t.scope, id))?.action.version ?? NaN;
    const notes = async (id: string): Promise<Array<string | undefined>> =>
      (await board.bot.stores.actions.history(board.t.scope, id)).map((h) => h.note);
    /** The first request, saved; then the board as it left it is what every refusal must leave. */
    async function firstSaved(answer: Promise<{ texts: string[] }>, phrase: RegExp): Promise<void> {
      expect((await answer).texts.join('\n')).toMatch(phrase);
      await board.bot.teams.sender.drain();
      board.unchanged.reset();
      await board.unchanged.ready();
    }

    it('across two actions: Sam’s reply to his second action under his first reply’s id is refused', async () => {
      const sam = board.users.SCL;
      const [first, second] = [await notes(IDS.SCL_I), await notes(IDS.SCL_II)];
      await firstSaved(
        invokeAs(sam, 'reuse-two-actions', 'action.reply', {
          actionId: IDS.SCL_I,
          version: await version(IDS.SCL_I),
          note: 'Rates are in the Q1 report',
        }),
        /Saved: /,
      );
      await expectRefusedCleanly(board, REUSED, async () =>
        invokeAs(sam, 'reuse-two-actions', 'action.reply', {
          actionId: IDS.SCL_II,
          version: await version(IDS.SCL_II),
          status: 'blocked',
          note: 'Waiting for the model',
        }),
      );
      await board.unchanged.expectUnchanged();
      expect(await notes(IDS.SCL_I)).toEqual([...first, 'Rates are in the Q1 report']);
      expect(await notes(IDS.SCL_II)).toEqual(second);
    });

    it('across two people in one group chat: the second owner’s reply under the first’s id is refused', async () => {
      const chat: TeamsContext = { ...board.dm, groupChatId: groupChatId() };
      const before = await notes(IDS.CO_AW);
      await firstSaved(
        invokeAs(
          board.users.CO,
          'reuse-two-people',
          'action.reply',
          { actionId: IDS.CO_AW, version: await version(IDS.CO_AW), note: 'Visit booked for 03/04/2023' },
          chat,
        ),
        /Saved: /,
      );
      // The same words from the other owner, and another person's own action: neither is the first request.
      await expectRefusedCleanly(board, REUSED, async () =>
        invokeAs(
          board.users.AW,
          'reuse-two-people',
          'action.reply',
          { actionId: IDS.CO_AW, version: await version(IDS.CO_AW), note: 'Visit booked for 03/04/2023' },
          chat,
        ),
      );
      await expectRefusedCleanly(board, REUSED, async () =>
        invokeAs(
          board.users.JD,
          'reuse-two-people',
          'action.reply',
          { actionId: IDS.JD, version: await version(IDS.JD), note: 'Circulated' },
          chat,
        ),
      );
      await board.unchanged.expectUnchanged();
      const history = await board.bot.stores.actions.history(board.t.scope, IDS.CO_AW);
      expect(history.map((h) => h.note)).toEqual([...before, 'Visit booked for 03/04/2023']);
      expect(history.at(-1)?.byName).toBe('Chidi Okafor');
    });

    it('on one action: another note, or another status, under the same id is refused', async () => {
      const jane = board.users.JD;
      const before = await notes(IDS.JD);
      const v = await version(IDS.JD);
      await firstSaved(
        invokeAs(jane, 'reuse-one-action', 'action.reply', {
          actionId: IDS.JD,
          version: v,
          status: 'in_progress',
          note: 'Draft terms with legal',
        }),
        /Saved: In progress/,
      );
      await expectRefusedCleanly(board, REUSED, () =>
        invokeAs(jane, 'reuse-one-action', 'action.reply', {
          actionId: IDS.JD,
          version: v + 1,
          status: 'in_progress',
          note: 'Terms circulated',
        }),
      );
      await expectRefusedCleanly(board, REUSED, () =>
        invokeAs(jane, 'reuse-one-action', 'action.reply', {
          actionId: IDS.JD,
          version: v + 1,
          status: 'completed',
          note: 'Draft terms with legal',
        }),
      );
      await board.unchanged.expectUnchanged();
      expect(await notes(IDS.JD)).toEqual([...before, 'Draft terms with legal']);
      expect((await board.bot.stores.actions.get(board.t.scope, IDS.JD))?.action).toMatchObject({
        status: 'in_progress',
        version: v + 1,
      });
    });

    it('a genuine retry (the same request again) is answered as saved and stored once', async () => {
      const jane = board.users.JD;
      const before = await notes(IDS.JD);
      const v = await version(IDS.JD);
      const send = () =>
        invokeAs(jane, 'a-genuine-retry', 'action.reply', {
          actionId: IDS.JD,
          version: v,
          note: 'Sent to all attendees',
        });
      await firstSaved(send(), /Saved: /);
      await expectRefusedCleanly(board, /Saved: /, send);
      await board.unchanged.expectUnchanged();
      expect(await notes(IDS.JD)).toEqual([...before, 'Sent to all attendees']);
    });

    it('a hand-over, and a decision, under an id already used for something else are refused', async () => {
      const jane = board.users.JD;
      await firstSaved(
        invokeAs(jane, 'reuse-delegation', 'action.delegate', { actionId: IDS.JD, delegateTo: 'alex-wong' }),
        /Handed to AW/,
      );
      await expectRefusedCleanly(board, REUSED, () =>
        invokeAs(jane, 'reuse-delegation', 'action.takeBack', { actionId: IDS.JD }),
      );
      const chair = board.users.MH;
      await firstSaved(
        invokeAs(chair, 'reuse-decision', 'action.carryForward', { actionId: IDS.SCL_I }),
        /Carried forward/,
      );
      await expectRefusedCleanly(board, /not changed: this request id was already used for another change/, () =>
        invokeAs(chair, 'reuse-decision', 'action.carryForward', { actionId: IDS.SCL_II }),
      );
      await board.unchanged.expectUnchanged();
      expect((await board.bot.stores.actions.get(board.t.scope, IDS.JD))?.action.delegate).toMatchObject({
        label: 'AW',
      });
      expect((await board.bot.stores.actions.get(board.t.scope, IDS.SCL_II))?.action.status).not.toBe(
        'carried_forward',
      );
    });

    it('a question: a draft under the id of a submitted response is refused, the response kept', async () => {
      const kim = board.users.KP;
      const v = (await board.bot.stores.questions.get(board.t.scope, questionId))?.question.version ?? NaN;
      await firstSaved(
        invokeAs(kim, 'reuse-question', 'question.submit', {
          questionId,
          version: v,
          response: 'The breakdown is attached.',
        }),
        /Response submitted/,
      );
      await expectRefusedCleanly(board, REUSED, () =>
        invokeAs(kim, 'reuse-question', 'question.draft', { questionId, version: v + 1, response: 'Something else' }),
      );
      await board.unchanged.expectUnchanged();
      const q = (await board.bot.stores.questions.get(board.t.scope, questionId))?.question;
      expect(q).toMatchObject({ response: 'The breakdown is attached.', version: v + 1 });
      expect(q?.draft).toBeUndefined();
    });
  });

  // Whoever may not reply is refused as such, even with a card drawn before the item changed.
  describe('permission before staleness', () => {
    it('a reply to someone else’s action from an old card is refused as not theirs, not as stale', async () => {
      const before = (await board.bot.stores.actions.get(board.t.scope, IDS.CO_AW))?.action.version ?? NaN;
      const moved = await invokeStatus(board.users.CO, IDS.CO_AW, before, 'blocked');
      expect(moved).toMatch(/Saved: Blocked/);
      await board.bot.teams.sender.drain();
      board.unchanged.reset();
      await board.unchanged.ready();
      for (const user of [board.users.SCL, board.visitor]) {
        const answer = await expectRefusedCleanly(board, NOT_OWNER, () =>
          invoke(user, 'action.reply', { actionId: IDS.CO_AW, version: before, status: 'completed' }),
        );
        expect(answer.texts.join('\n')).not.toMatch(STALE);
      }
      // The owner's own old card is still told it is out of date.
      await expectRefusedCleanly(board, STALE, () =>
        invoke(board.users.AW, 'action.reply', { actionId: IDS.CO_AW, version: before, status: 'completed' }),
      );
      await board.unchanged.expectUnchanged();
    });

    it('a response to someone else’s question from an old card is refused as not theirs, not as stale', async () => {
      const q = (await board.bot.stores.questions.get(board.t.scope, questionId))?.question;
      expect(q?.version).toBeGreaterThan(1); // responded to above: a card at version 1 is out of date
      for (const user of [board.users.SCL, board.visitor]) {
        const answer = await expectRefusedCleanly(
          board,
          /only the question’s respondent, the chair and the secretariat/,
          () => invoke(user, 'question.submit', { questionId, version: 1, response: 'I will answer' }),
        );
        expect(answer.texts.join('\n')).not.toMatch(/changed since this card was drawn/);
      }
      await expectRefusedCleanly(board, /changed since this card was drawn/, () =>
        invoke(board.users.KP, 'question.submit', { questionId, version: 1, response: 'A second go' }),
      );
    });
    itLeftTheBoardUnchanged(() => board.unchanged);
  });

  async function invokeStatus(user: TeamsUser, actionId: string, version: number, status: string): Promise<string> {
    return (await invoke(user, 'action.reply', { actionId, version, status })).texts.join('\n');
  }
});
