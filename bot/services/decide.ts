// The meeting's decisions on an action, from the chair's outstanding view: discharge it, carry it
// forward (to the next meeting, or a date the chair gives), or keep it as a standing item; and the
// chair's undo of a discharge, reopening it.
import { applyPatch, statusBeforeDischarge } from '../rules/changes.ts';
import { londonToday } from '../rules/dates.ts';
import { meetingAfter, reviewedAtMeeting } from '../rules/meetings.ts';
import { mayEditRecord, maySetStatus } from '../rules/permissions.ts';
import { RefusedError } from '../rules/refused.ts';
import { formatUkDate } from '../rules/refs.ts';
import { STATUS_LABEL } from '../rules/statuses.ts';
import type { Action, Actor, IsoDate, Meeting } from '../rules/types.ts';
import { requestMark } from '../../storage/requests.ts';
import { changeRecord, type ActionResult } from './change-record.ts';
import type { BoardContext } from './board-context.ts';

export type Decision = 'discharged' | 'carried_forward' | 'standing';

/**
 * The date a carried-forward action is due by: the one given, else the next meeting's. Refused when
 * neither is known, or the date given has passed: carried forward, it must not stay overdue.
 */
function carriedTo(meetings: readonly Meeting[], from: IsoDate, given: IsoDate | undefined): IsoDate {
  if (given !== undefined) {
    if (given < from) throw new RefusedError(`${formatUkDate(given)} has passed: carry it forward to a later date`);
    return given;
  }
  const next = meetingAfter(meetings, from)?.date;
  if (!next)
    throw new RefusedError(
      'no next meeting is in the calendar: set it with "next meeting dd/MM/yyyy", or choose the date it is carried forward to',
    );
  return next;
}

export async function decide(
  t: BoardContext,
  actor: Actor,
  req: {
    actionId: string;
    to: Decision;
    requestId?: string;
    /** Recording the decision of this meeting (the review after it): the history says which. */
    atMeeting?: IsoDate;
    /** Carried forward to this date (the chair's choice on the card); default the next meeting's. */
    due?: IsoDate;
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
      // Carried forward means "answer it for the next meeting": a new due date, which is the record's.
      let due: IsoDate | undefined;
      if (req.to === 'carried_forward') {
        const record = mayEditRecord(actor);
        if (!record.ok) throw new RefusedError('only the chair and the secretariat carry an action forward');
        due = carriedTo(meetings, req.atMeeting ?? today, req.due);
      }
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
    requestMark(req.requestId, actor.id, 'decide', { to: req.to, atMeeting: req.atMeeting, due: req.due }),
  );
}

/**
 * The chair reopens a discharged action (undoing a discharge): it goes back to the status it had
 * before, and the history says it was reopened.
 */
export async function reopen(
  t: BoardContext,
  actor: Actor,
  req: { actionId: string; requestId?: string },
): Promise<ActionResult> {
  const history = await t.stores.actions.history(t.scope, req.actionId);
  const now = t.now();
  return changeRecord(
    t,
    t.stores.actions,
    'action',
    req.actionId,
    (current: Action) => {
      if (current.status !== 'discharged')
        throw new RefusedError(`it is not discharged (it is ${STATUS_LABEL[current.status]}): nothing to reopen`);
      const to = statusBeforeDischarge(history);
      const ok = maySetStatus(actor, current, to, { reviewedAtMeeting: true });
      if (!ok.ok) throw new RefusedError(ok.reason);
      return applyPatch(current, { status: to, remark: 'Reopened' }, actor, now.toISOString());
    },
    requestMark(req.requestId, actor.id, 'reopen', {}),
  );
}
