// The pre-meeting digest from the board's records: what the CLI, the bot and the scheduler ask for.
import { londonToday } from '../rules/dates.ts';
import { compileDigest } from '../rules/digest.ts';
import { questionDigestItem, questionOrder } from '../rules/questions.ts';
import type { Digest } from '../rules/digest-model.ts';
import { formatUkDate } from '../rules/refs.ts';
import { RefusedError } from '../rules/refused.ts';
import type { IsoDate } from '../rules/types.ts';
import type { BoardContext } from './board-context.ts';

/** The digest for the board's meeting on `meeting`; refused when the calendar has no such meeting. */
export async function buildDigest(t: BoardContext, meeting: IsoDate): Promise<Digest> {
  const [meetings, actions, people, questions] = await Promise.all([
    t.stores.meetings.list(t.scope),
    t.stores.actions.listAll(t.scope),
    t.stores.people.list(t.scope),
    t.stores.questions.listAll(t.scope),
  ]);
  if (!meetings.some((m) => m.date === meeting))
    throw new RefusedError(`no meeting on ${formatUkDate(meeting)}: add it with meeting add`);
  const directory = new Map(people.map((p) => [p.person.id, p.person]));
  // The meeting's own questions, and earlier ones still open (carried forward, not yet answered).
  const asOf = [londonToday(t.now()), meeting].sort()[0] ?? meeting;
  const asked = questions
    .filter((q) => q.meeting === meeting || (q.meeting < meeting && !q.closedOn))
    .sort(questionOrder)
    .map((q) => questionDigestItem(q, directory, asOf));
  return compileDigest({
    board: t.scope.board,
    actions,
    questions: asked,
    people: directory,
    meetings,
    meeting,
    now: t.now(),
  });
}
