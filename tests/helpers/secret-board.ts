// A board holding words that must not travel: an action and a question that will be marked exempt,
// a note on the action and a response to the question, each a canary a test looks for wherever
// something is posted. Shared by the exempt-item and shared-conversation suites.
import { saveMeeting } from '../../bot/services/meetings.ts';
import { clockAt, execute, fixture, IDS, installedBoard, say, type Board, EVERYONE } from './bot-board.ts';

export { EVERYONE };
export const SECRET_NOTE = 'Met the covert unit NIGHTJAR';
export const SECRET_QUESTION = 'What is the status of operation KESTREL';
export const SECRET_RESPONSE = 'KESTREL is ongoing';
/** The text of 01.14/03/2023, owner JD. */
export const ACTION_TEXT = 'Circulate the revised terms of reference';
/** The question Q1 of the meeting of 11/04/2023, put to JD. */
export const QID = '2023-04-11.q1';

/** The example board on 20/03/2023: JD has noted 01.14/03/2023 and answered Q1; nothing is exempt yet. */
export async function boardWithSecrets(): Promise<Board> {
  const board = await installedBoard({ roster: EVERYONE, clock: clockAt('2023-03-20T10:00:00Z') });
  await saveMeeting(board.t, { date: '2023-03-14', next: '2023-04-11' });
  await say(board, board.users.PN, `import\n${fixture('actions-arising-example.txt')}`);
  await execute(
    board,
    board.users.JD,
    'action.reply',
    { actionId: IDS.JD, version: 1 },
    { status: 'in_progress', note: SECRET_NOTE },
  );
  await say(board, board.users.TE, `ask Q1 JD - ${SECRET_QUESTION}?`);
  await execute(
    board,
    board.users.JD,
    'question.submit',
    { questionId: QID, version: 1 },
    { response: SECRET_RESPONSE },
  );
  // The cards those steps queued (Jane's question card) arrive now, not in the middle of a test's answer.
  await board.bot.teams.sender.drain();
  return board;
}
