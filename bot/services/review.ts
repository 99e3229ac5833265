// After a meeting, the secretariat (or the chair) records what it decided about each action it
// reviewed, in one go: discharged, carried forward, or kept as a standing item. The history of
// each says at which meeting.
import { londonToday } from '../rules/dates.ts';
import { mayEditRecord } from '../rules/permissions.ts';
import { minutesOrder, formatUkDate } from '../rules/refs.ts';
import { RefusedError } from '../rules/refused.ts';
import type { Action, Actor, IsoDate } from '../rules/types.ts';
import type { ActionResult } from './change-record.ts';
import { decide, type Decision } from './decide.ts';
import type { BoardContext } from './board-context.ts';

/** What a meeting reviews: every action raised before it that is still open. */
export async function reviewAgenda(t: BoardContext, meeting: IsoDate): Promise<Action[]> {
  return (await t.stores.actions.listOpen(t.scope)).filter((a) => a.meeting < meeting).sort(minutesOrder);
}

export async function applyReview(
  t: BoardContext,
  actor: Actor,
  meeting: IsoDate,
  decisions: ReadonlyArray<{ actionId: string; to: Decision }>,
  requestId?: string,
): Promise<Array<{ actionId: string; result: ActionResult }>> {
  const ok = mayEditRecord(actor);
  if (!ok.ok) throw new RefusedError('the meeting’s decisions are recorded by the chair or the secretariat');
  if (!(await t.stores.meetings.get(t.scope, meeting)))
    throw new RefusedError(`there is no meeting on ${formatUkDate(meeting)}`);
  if (meeting > londonToday(t.now()))
    throw new RefusedError(`the meeting of ${formatUkDate(meeting)} has not been held yet`);
  const results: Array<{ actionId: string; result: ActionResult }> = [];
  for (const d of decisions) {
    // Each decision is its own request, so a retried review applies each one once.
    const result = await decide(t, actor, {
      actionId: d.actionId,
      to: d.to,
      atMeeting: meeting,
      ...(requestId ? { requestId: `${requestId}|${d.actionId}` } : {}),
    });
    results.push({ actionId: d.actionId, result });
  }
  return results;
}
