// The meeting's decisions on an action, from the chair's outstanding view: discharge it, carry it
// forward to the next meeting, or keep it as a standing item.
import { applyPatch } from '../rules/changes.ts';
import { londonToday } from '../rules/dates.ts';
import { meetingAfter, reviewedAtMeeting } from '../rules/meetings.ts';
import { maySetStatus } from '../rules/permissions.ts';
import { RefusedError } from '../rules/refused.ts';
import { formatUkDate } from '../rules/refs.ts';
import type { Action, Actor, IsoDate } from '../rules/types.ts';
import { requestMark } from '../../storage/requests.ts';
import { changeRecord, type ActionResult } from './change-record.ts';
import type { BoardContext } from './board-context.ts';

export type Decision = 'discharged' | 'carried_forward' | 'standing';

export async function decide(
  t: BoardContext,
  actor: Actor,
  req: {
    actionId: string;
    to: Decision;
    requestId?: string;
    /** Recording the decision of this meeting (the review after it): the history says which. */
    atMeeting?: IsoDate;
  },
): Promise<ActionResult> {
  const meetings = await t.stores.meetings.list(t.scope);
  const now = t.now();
  const today = londonToday(now);
  return changeRecord(
    t,
    t.stores.actions,
    'action',
    req.actionId,
    (current: Action) => {
      const ok = maySetStatus(actor, current, req.to, {
        reviewedAtMeeting: reviewedAtMeeting(meetings, current.meeting, today),
        ...(req.atMeeting ? { recordingMeeting: true } : {}),
      });
      if (!ok.ok) throw new RefusedError(ok.reason);
      // Carried forward means "answer it for the next meeting".
      const due = req.to === 'carried_forward' ? meetingAfter(meetings, req.atMeeting ?? today)?.date : undefined;
      const remark = req.atMeeting ? `At the meeting of ${formatUkDate(req.atMeeting)}` : undefined;
      return applyPatch(
        current,
        {
          status: req.to,
          ...(due ? { due } : {}),
          ...(remark ? { remark } : {}),
          ...(req.atMeeting ? { closedOn: req.atMeeting } : {}),
        },
        actor,
        now.toISOString(),
      );
    },
    requestMark(req.requestId, actor.id, 'decide', { to: req.to, atMeeting: req.atMeeting }),
  );
}
