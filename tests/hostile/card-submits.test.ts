// Hostile card actions (Action.Execute invokes, and the Action.Submit fallback): forged action and
// question ids, other people's actions, callers whose `from` is not the owner, forged inputs and
// boards, oversized notes and responses, deeply nested data. Each is answered with a card that
// says what was wrong, and changes nothing.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { IDS, closeBoard, say, textOf } from '../helpers/bot-board.ts';
import { adaptiveCardInvoke, cardSubmit, teamsUser, type TeamsUser } from '../helpers/teams-activities.ts';
import { chars, itLeftTheBoardUnchanged, nestedJson, withRawJson } from './hostile.ts';
import { expectRefusedCleanly, hostileTeamsBoard, postInvokeActivity, postMessage, type HostileTeamsBoard } from './teams-board.ts';

const NO_ACTION = /does not name an action I know|no longer exists/;
const NO_QUESTION = /does not name a question I know|no longer exists/;
const NOT_OWNER = /only the action’s owners, the chair and the secretariat/;

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
    const [report] = await say(board, board.users.PN, 'scrutiny for 11/04/2023\nQ1. Could a breakdown of violence without injury be provided? - KP');
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
      await expectRefusedCleanly(board, NO_ACTION, () => invoke(board.users.JD, 'action.reply', { actionId, version: 1, status: 'completed', note: 'done' }));
    });
    it.each(FORGED_IDS)('the history of %s', async (_name, actionId) => {
      await expectRefusedCleanly(board, NO_ACTION, () => invoke(board.users.JD, 'action.history', { actionId }));
    });
    it.each(FORGED_IDS.slice(0, 8))('the chair discharging %s', async (_name, actionId) => {
      await expectRefusedCleanly(board, /does not name an action I know|no longer exists|not changed/, () => invoke(board.users.MH, 'action.discharge', { actionId }));
    });
    itLeftTheBoardUnchanged(() => board.unchanged);
  });

  describe('other people’s actions, and callers who are not who they say', () => {
    const cases: Array<{ name: string; user: () => TeamsUser; verb: string; data: Record<string, unknown>; expect: RegExp }> = [
      { name: 'another owner replies to Jane’s action', user: () => board.users.SCL, verb: 'action.reply', data: { actionId: IDS.JD, version: 1, status: 'completed', note: 'Not mine' }, expect: NOT_OWNER },
      { name: 'a visitor replies to Jane’s action', user: () => board.visitor, verb: 'action.reply', data: { actionId: IDS.JD, version: 1, status: 'completed' }, expect: NOT_OWNER },
      { name: 'Sam’s id with Jane’s name', user: () => ({ ...board.users.SCL, name: 'Jane Doe' }), verb: 'action.reply', data: { actionId: IDS.JD, version: 1, note: 'I am Jane' }, expect: NOT_OWNER },
      { name: 'Jane’s name and chat id, no Entra id', user: () => ({ ...board.users.JD, aadObjectId: '' }), verb: 'action.reply', data: { actionId: IDS.JD, version: 1, note: 'I am Jane' }, expect: NOT_OWNER },
      { name: 'Jane’s name with an unknown Entra id', user: () => teamsUser('Jane Doe', { email: 'jane.doe@example.police.uk' }), verb: 'action.reply', data: { actionId: IDS.JD, version: 1, note: 'I am Jane' }, expect: NOT_OWNER },
      { name: 'the chair’s name on a visitor', user: () => ({ ...board.visitor, name: 'Morgan Hale' }), verb: 'action.discharge', data: { actionId: IDS.JD }, expect: /only the chair discharges/ },
      { name: 'an owner discharges their own action', user: () => board.users.JD, verb: 'action.discharge', data: { actionId: IDS.JD }, expect: /only the chair discharges/ },
      { name: 'an owner carries their action forward', user: () => board.users.JD, verb: 'action.carryForward', data: { actionId: IDS.JD }, expect: /not changed/ },
      { name: 'a visitor carries an action forward', user: () => board.visitor, verb: 'action.carryForward', data: { actionId: IDS.JD }, expect: /not changed/ },
      { name: 'another owner delegates Jane’s action', user: () => board.users.SCL, verb: 'action.delegate', data: { actionId: IDS.JD, delegateTo: 'sam-carter-lee' }, expect: /Not done/ },
      { name: 'another owner takes Jane’s action back', user: () => board.users.KP, verb: 'action.takeBack', data: { actionId: IDS.JD }, expect: /Not done/ },
      { name: 'Jane delegates to nobody in the directory', user: () => board.users.JD, verb: 'action.delegate', data: { actionId: IDS.JD, delegateTo: 'nobody-at-all' }, expect: /Not done/ },
      { name: 'Jane delegates to an OData string', user: () => board.users.JD, verb: 'action.delegate', data: { actionId: IDS.JD, delegateTo: "' or 1 eq 1" }, expect: /Not done/ },
      { name: 'Jane delegates to a path', user: () => board.users.JD, verb: 'action.delegate', data: { actionId: IDS.JD, delegateTo: '../priya-nair' }, expect: /Not done/ },
      { name: 'Jane delegates to herself', user: () => board.users.JD, verb: 'action.delegate', data: { actionId: IDS.JD, delegateTo: 'jane-doe' }, expect: /Not done/ },
      { name: 'Jane takes back what was never delegated', user: () => board.users.JD, verb: 'action.takeBack', data: { actionId: IDS.JD }, expect: /Not done/ },
      { name: 'a member applies a review', user: () => board.users.JD, verb: 'review.apply', data: { meeting: '2023-03-14', items: IDS.JD, review_0: 'discharged' }, expect: /chair or the secretariat/ },
      { name: 'a member opens the outstanding view', user: () => board.users.JD, verb: 'outstanding.view', data: {}, expect: /The outstanding view is for the chair/ },
      { name: 'another board by name (nobody there knows Jane)', user: () => board.users.JD, verb: 'action.reply', data: { board: 'OTHER', actionId: IDS.JD, version: 1, note: 'wrong board' }, expect: NO_ACTION },
    ];
    it.each(cases)('$name', async ({ user, verb, data, expect }) => {
      await expectRefusedCleanly(board, expect, () => invoke(user(), verb, data));
    });
    itLeftTheBoardUnchanged(() => board.unchanged);
  });

  const own = { actionId: IDS.JD, version: 1 };
  describe('forged inputs on the owner’s own card', () => {
    const cases: Array<{ name: string; verb?: string; data: Record<string, unknown>; expect: RegExp }> = [
      { name: 'a status an owner cannot give', data: { status: 'discharged' }, expect: /"discharged" is not a status an owner can give/ },
      { name: 'an OData status', data: { status: "completed' or 1 eq 1" }, expect: /is not a status an owner can give/ },
      { name: 'a script as status', data: { status: '<script>alert(1)</script>' }, expect: /is not a status an owner can give/ },
      { name: 'a status in capitals', data: { status: 'COMPLETED' }, expect: /is not a status an owner can give/ },
      { name: 'nothing at all', data: {}, expect: /nothing to save/ },
      { name: 'a blank note', data: { note: ' \n\t ' }, expect: /nothing to save/ },
      { name: 'a note that is an object', data: { note: { text: 'x' } }, expect: /nothing to save/ },
      { name: 'a status that is a list', data: { status: ['completed'] }, expect: /nothing to save/ },
      { name: 'a note of 4,001 characters', data: { note: chars(4_001) }, expect: /limit is 4,000/ },
      { name: 'a note of 4,001 emoji', data: { note: chars(8_002, '🚓') }, expect: /limit is 4,000/ },
      { name: 'a note of 300,000 characters', data: { note: chars(300_000, 'lorem ipsum ') }, expect: /limit is 4,000/ },
      { name: 'a note with a NUL', data: { note: 'done\u0000' }, expect: /control character/ },
      { name: 'a note with an escape sequence', data: { note: '\u001b[2Jdone' }, expect: /control character/ },
      { name: 'a note with an unpaired surrogate', data: { note: 'done \ud83d' }, expect: /a broken character \(U\+D83D\)/ },
      { name: 'a status input that names a path', data: { statusInput: '../status', status: 'completed' }, expect: /names inputs I do not know/ },
      { name: 'a note input with spaces', data: { noteInput: 'the note', note: 'x' }, expect: /names inputs I do not know/ },
      { name: 'a note input that is __proto__', data: { noteInput: '__proto__' }, expect: /names inputs I do not know|nothing to save/ },
      { name: 'a verb nobody offers', verb: 'action.delete', data: {}, expect: /asked for "action.delete", which I don't know/ },
      { name: 'a verb that is a prototype key', verb: 'constructor', data: {}, expect: /which I don't know/ },
      { name: 'an empty verb', verb: '', data: {}, expect: /which I don't know/ },
      { name: 'a verb with a script', verb: '<script>alert(1)</script>', data: {}, expect: /which I don't know/ },
      { name: 'a review for a meeting that is a path', verb: 'review.apply', data: { meeting: '../2023-03-14', items: IDS.JD }, expect: /does not say which meeting/ },
      { name: 'a review of 201 actions', verb: 'review.apply', data: { meeting: '2023-03-14', items: Array.from({ length: 201 }, (_, i) => `x${i}`).join(' ') }, expect: /does not say which meeting/ },
    ];
    it.each(cases)('$name', async ({ verb, data, expect }) => {
      await expectRefusedCleanly(board, expect, () => invoke(board.users.JD, verb ?? 'action.reply', { ...own, ...data }));
    });
    itLeftTheBoardUnchanged(() => board.unchanged);
  });

  // Teams never nests card data; a forged request may, deeper than any recursive code can walk.
  it.each([100, 10_000, 100_000])('card data nested %i deep', async (depth) => {
    const activity = adaptiveCardInvoke(board.users.JD, { verb: 'action.reply', data: { board: 'PAM', ...own, status: 'nonsense', extra: 'NESTED' } }, board.dm);
    await expectRefusedCleanly(board, /is not a status an owner can give|too deeply nested|not understood/i, () => postInvokeActivity(board, withRawJson(activity, 'NESTED', nestedJson(depth))));
  });

  describe('question cards', () => {
    it.each(FORGED_QUESTION_IDS)('a response to %s', async (_name, id) => {
      await expectRefusedCleanly(board, NO_QUESTION, () => invoke(board.users.KP, 'question.submit', { questionId: id, version: 1, response: 'Here it is' }));
    });
    const cases: Array<{ name: string; user: () => TeamsUser; verb: string; data: Record<string, unknown>; expect: RegExp }> = [
      { name: 'someone else answers Kim’s question', user: () => board.users.SCL, verb: 'question.submit', data: { response: 'I will answer' }, expect: /Not saved/ },
      { name: 'a visitor saves a draft', user: () => board.visitor, verb: 'question.draft', data: { response: 'draft' }, expect: /Not saved/ },
      { name: 'a response of 8,001 characters', user: () => board.users.KP, verb: 'question.submit', data: { response: chars(8_001) }, expect: /limit is 8,000/ },
      { name: 'an empty response', user: () => board.users.KP, verb: 'question.submit', data: { response: '   ' }, expect: /Not saved/ },
      { name: 'a response that is an object', user: () => board.users.KP, verb: 'question.submit', data: { response: { text: 'x' } }, expect: /Not saved/ },
      { name: 'a response with a NUL', user: () => board.users.KP, verb: 'question.submit', data: { response: 'answer\u0000' }, expect: /control character/ },
      { name: 'the respondent marks it answered', user: () => board.users.KP, verb: 'question.answered', data: {}, expect: /Not saved/ },
      { name: 'a visitor carries it forward', user: () => board.visitor, verb: 'question.carryForward', data: {}, expect: /Not saved/ },
      { name: 'the respondent delegates to nobody', user: () => board.users.KP, verb: 'question.delegate', data: { delegateTo: 'nobody-at-all' }, expect: /Not saved/ },
      { name: 'someone else delegates it', user: () => board.users.JD, verb: 'question.delegate', data: { delegateTo: 'jane-doe' }, expect: /Not saved/ },
    ];
    it.each(cases)('$name', async ({ user, verb, data, expect }) => {
      await expectRefusedCleanly(board, expect, () => invoke(user(), verb, { questionId, version: 1, ...data }));
    });
    itLeftTheBoardUnchanged(() => board.unchanged);
  });

  describe('the Action.Submit fallback', () => {
    const cases: Array<{ name: string; value: Record<string, unknown>; expect: RegExp }> = [
      { name: 'a forged id', value: { verb: 'action.reply', actionId: "' or 1 eq 1", status: 'completed' }, expect: NO_ACTION },
      { name: 'an id with every key-forbidden character', value: { verb: 'action.reply', actionId: 'a/b\\c#d?e', note: 'x' }, expect: NO_ACTION },
      { name: 'someone else’s action', value: { verb: 'action.reply', actionId: IDS.SCL_I, version: 1, status: 'completed' }, expect: NOT_OWNER },
      { name: 'an oversized note', value: { verb: 'action.reply', actionId: IDS.JD, version: 1, note: chars(4_001) }, expect: /limit is 4,000/ },
      { name: 'a verb nobody offers', value: { verb: 'action.purge', actionId: IDS.JD }, expect: /which I don't know/ },
      { name: 'a board that is a path', value: { verb: 'action.reply', board: '../../OTHER', actionId: IDS.JD, status: 'discharged' }, expect: /is not a status an owner can give/ },
    ];
    it.each(cases)('$name', async ({ value, expect }) => {
      const jane = board.users.JD;
      await expectRefusedCleanly(board, expect, () => postMessage(board, jane, cardSubmit(jane, { board: 'PAM', ...value }, board.dm)));
    });
    itLeftTheBoardUnchanged(() => board.unchanged);
  });
});
