// A Teams board for the hostile suites: the example directory installed in a team, the example
// Actions Arising table imported (cards delivered), and everyone's 1:1 chat already known, so a
// refused request has nothing legitimate left to write. Plus the send/answer readers the cases use.
import { expect } from 'vitest';
import { clockAt, dmOf, fixture, installedBoard, say, stranger, textOf, cardsOf, type Board, type Initials } from '../helpers/bot-board.ts';
import { postActivity, type TeamsUser } from '../helpers/teams-activities.ts';
import { boardState, errorLogs, expectCleanLogs, expectNoLeak, postJsonText } from './hostile.ts';

export const EVERYONE: readonly Initials[] = ['MH', 'PN', 'TE', 'JD', 'SCL', 'KP', 'CO', 'AW'];
export const TABLE = fixture('actions-arising-example.txt');

export interface HostileTeamsBoard extends Board {
  /** Somebody in the team whom the directory does not know. */
  visitor: TeamsUser;
}

export async function hostileTeamsBoard(): Promise<HostileTeamsBoard> {
  const board = await installedBoard({ roster: EVERYONE, strangers: 1, clock: clockAt('2023-03-20T10:00:00Z') });
  const [report] = await say(board, board.users.PN, `import\n${TABLE}`);
  expect(textOf(report)).toContain('6 imported');
  const [next] = await say(board, board.users.PN, 'next meeting 11/04/2023 10:00');
  expect(textOf(next)).toContain('The next meeting is on 11/04/2023');
  await board.bot.teams.sender.drain();
  const visitor = stranger(1);
  // First contact stores each person's 1:1 chat; after it a refused request writes nothing.
  for (const user of [...Object.values(board.users), visitor]) await say(board, user, 'help');
  return { ...board, visitor };
}

/** What came back: the HTTP status and every text a person reads in the answer. */
export interface Answer {
  status: number;
  texts: string[];
}

const activityTexts = (activity: { text?: unknown; attachments?: unknown }): string[] => [
  ...(typeof activity.text === 'string' ? [activity.text] : []),
  ...cardsOf(activity).map(textOf),
];

/** Posts a message-type activity (a command, or an Action.Submit) and reads what the bot sent or redrew in that chat. */
export async function postMessage(board: Board, user: TeamsUser, activity: object): Promise<Answer> {
  const conversation = dmOf(user);
  const sent = board.bot.channel.sent(conversation).length;
  const updated = board.bot.channel.updates(conversation).length;
  const res = await postActivity(board.bot.url, activity);
  const out = [...board.bot.channel.sent(conversation).slice(sent), ...board.bot.channel.updates(conversation).slice(updated)];
  return { status: res.status, texts: out.flatMap((s) => activityTexts(s.activity)) };
}

/** Posts an invoke (Action.Execute), as an object or as JSON text, and reads the card in the HTTP answer. */
export async function postInvokeActivity(board: Board, activity: object | string): Promise<Answer> {
  const res = typeof activity === 'string'
    ? await postJsonText(board.bot.url, activity)
    : await postActivity(board.bot.url, activity).then((r) => ({ status: r.status, text: typeof r.body === 'string' ? r.body : JSON.stringify(r.body ?? '') }));
  let card: unknown;
  try {
    card = (JSON.parse(res.text) as { value?: unknown }).value;
  } catch {
    card = undefined;
  }
  return { status: res.status, texts: card ? [textOf(card)] : res.text ? [res.text] : [] };
}

/**
 * Runs one hostile request and checks the rule of the suite: answered (200) with a message that
 * says what was wrong, no internals or secrets in it or in the logs, no error logged, and the board
 * exactly as it was.
 */
export async function expectRefusedCleanly(board: Board, phrase: RegExp, act: () => Promise<Answer>): Promise<Answer> {
  const scope = board.t.scope;
  const before = await boardState(board.bot.stores, scope);
  const logFrom = board.bot.logs.length;
  const answer = await act();
  const said = answer.texts.join('\n');
  expect(answer.status, said).toBe(200);
  expect(said).toMatch(phrase);
  expectNoLeak(said);
  expectCleanLogs(board.bot.logs, logFrom);
  expect(errorLogs(board.bot.logs, logFrom)).toEqual([]);
  expect(await boardState(board.bot.stores, scope)).toEqual(before);
  return answer;
}
