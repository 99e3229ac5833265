// A Teams board for the hostile suites: the example directory installed in a team (everyone
// linked by the roster), the example Actions Arising table imported (cards delivered) and the next
// meeting set, so a refused request has nothing legitimate left to write. Plus the send/answer
// readers the cases use.
import { expect } from 'vitest';
import {
  clockAt,
  dmOf,
  fixture,
  installedBoard,
  say,
  stranger,
  textOf,
  cardsOf,
  type Board,
  EVERYONE,
} from '../helpers/bot-board.ts';
import { postActivity, type TeamsUser } from '../helpers/teams-activities.ts';
import {
  baseline,
  boardState,
  errorLogs,
  expectCleanLogs,
  expectNoLeak,
  postJsonText,
  type Baseline,
} from './hostile.ts';

export { EVERYONE };
export const TABLE = fixture('actions-arising-example.txt');

export interface HostileTeamsBoard extends Board {
  /** Somebody in the team whom the directory does not know. */
  visitor: TeamsUser;
  /** What every refusal must leave as it was; reset it after a deliberate change. */
  unchanged: Baseline;
}

export async function hostileTeamsBoard(): Promise<HostileTeamsBoard> {
  const board = await installedBoard({ roster: EVERYONE, strangers: 1, clock: clockAt('2023-03-20T10:00:00Z') });
  const [report] = await say(board, board.users.PN, `import\n${TABLE}`);
  expect(textOf(report)).toContain('6 imported');
  const [next] = await say(board, board.users.PN, 'next meeting 11/04/2023 10:00');
  expect(textOf(next)).toContain('The next meeting is on 11/04/2023');
  await board.bot.teams.sender.drain();
  // Everyone in the directory was linked by the roster at install; the visitor never will be.
  const visitor = stranger(1);
  const unchanged = baseline(() => boardState(board.bot.stores, board.t.scope));
  await unchanged.ready();
  return { ...board, visitor, unchanged };
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
  const out = [
    ...board.bot.channel.sent(conversation).slice(sent),
    ...board.bot.channel.updates(conversation).slice(updated),
  ];
  return { status: res.status, texts: out.flatMap((s) => activityTexts(s.activity)) };
}

/** Posts an invoke (Action.Execute), as an object or as JSON text, and reads the card in the HTTP answer. */
export async function postInvokeActivity(board: Board, activity: object | string): Promise<Answer> {
  const res =
    typeof activity === 'string'
      ? await postJsonText(board.bot.url, activity)
      : await postActivity(board.bot.url, activity).then((r) => ({
          status: r.status,
          text: typeof r.body === 'string' ? r.body : JSON.stringify(r.body ?? ''),
        }));
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
 * says what was wrong, no internals or secrets in it or in the logs, no error logged. (That the
 * board is exactly as it was is checked at the end of each group: itLeftTheBoardUnchanged.)
 */
export async function expectRefusedCleanly(board: Board, phrase: RegExp, act: () => Promise<Answer>): Promise<Answer> {
  const logFrom = board.bot.logs.length;
  const answer = await act();
  const said = answer.texts.join('\n');
  expect(answer.status, said).toBe(200);
  expect(said).toMatch(phrase);
  expectNoLeak(said);
  expectCleanLogs(board.bot.logs, logFrom);
  expect(errorLogs(board.bot.logs, logFrom)).toEqual([]);
  return answer;
}
