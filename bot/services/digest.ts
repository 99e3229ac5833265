// The pre-meeting digest from the board's records: what the CLI, the bot and the scheduler ask for.
import { compileDigest } from '../tracker/digest.ts';
import type { Digest } from '../tracker/digest-model.ts';
import { formatUkDate } from '../tracker/refs.ts';
import { RefusedError } from '../tracker/refused.ts';
import type { IsoDate } from '../tracker/types.ts';
import type { Tracker } from './tracker.ts';

/** The digest for the board's meeting on `meeting`; refused when the calendar has no such meeting. */
export async function buildDigest(t: Tracker, meeting: IsoDate): Promise<Digest> {
  const [meetings, actions, people] = await Promise.all([
    t.stores.meetings.list(t.scope),
    t.stores.actions.listAll(t.scope),
    t.stores.people.list(t.scope),
  ]);
  if (!meetings.some((m) => m.date === meeting)) throw new RefusedError(`no meeting on ${formatUkDate(meeting)}: add it with meeting add`);
  return compileDigest({
    board: t.scope.board,
    actions,
    people: new Map(people.map((p) => [p.person.id, p.person])),
    meetings,
    meeting,
    now: t.now(),
  });
}
