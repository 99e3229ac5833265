// The open minutes of a meeting, from what the minutes import stored: what the CLI's `minutes open`
// and the link on the chair's and secretariat's digest card ask for.
import { compileOpenMinutes, hasMinutes, type OpenMinutes } from '../rules/open-minutes.ts';
import { formatUkDate } from '../rules/refs.ts';
import { RefusedError } from '../rules/refused.ts';
import type { IsoDate } from '../rules/types.ts';
import type { BoardContext } from './board-context.ts';

/** The open minutes of the meeting on `meeting`; refused when the tracker does not hold its minutes. */
export async function buildOpenMinutes(t: BoardContext, meeting: IsoDate): Promise<OpenMinutes> {
  const [meetings, actions, people, questions, discussions] = await Promise.all([
    t.stores.meetings.list(t.scope),
    t.stores.actions.listAll(t.scope),
    t.stores.people.list(t.scope),
    t.stores.questions.listAll(t.scope),
    // The open items' only: an exempt item's discussion is never read for the open minutes.
    t.stores.discussions.listOpen(t.scope, meeting),
  ]);
  const m = meetings.find((x) => x.date === meeting);
  if (!m) throw new RefusedError(`no meeting on ${formatUkDate(meeting)}: add it with meeting add`);
  if (!hasMinutes(m))
    throw new RefusedError(
      `the minutes of ${formatUkDate(meeting)} are not in the tracker: import them with minutes import FILE`,
    );
  return compileOpenMinutes({
    board: t.scope.board,
    meeting,
    meetings,
    actions,
    questions,
    discussions,
    people: new Map(people.map((p) => [p.person.id, p.person])),
    now: t.now(),
  });
}
