// Before and after a meeting, in the chat: the digest preview for the papers, and the review card
// on which the meeting's decisions are recorded in one go.
import { messageCard, reviewCard, reviewInput, type AdaptiveCard, type Notice } from '../../cards/index.ts';
import { digestCard } from '../digest/card.ts';
import { upcomingMeetings } from '../services/calendar.ts';
import type { Decision } from '../services/decide.ts';
import { buildDigest } from '../services/digest.ts';
import { applyReview, reviewAgenda } from '../services/review.ts';
import type { BoardContext } from '../services/board-context.ts';
import { londonToday } from '../rules/dates.ts';
import { redactAction, redactDigest } from '../rules/exempt.ts';
import { lastMeetingHeld } from '../rules/outstanding.ts';
import { isLead, mayEditRecord } from '../rules/permissions.ts';
import { formatRef, formatUkDate } from '../rules/refs.ts';
import { RefusedError } from '../rules/refused.ts';
import { STATUS_LABEL } from '../rules/statuses.ts';
import type { Actor, IsoDate, Scope } from '../rules/types.ts';
import { ownerNames } from '../present/actions.ts';

export interface PapersEnv {
  /** A download link for the meeting's Word action log, when the server can serve one. */
  documentUrl?: (scope: Scope, meeting: IsoDate, form?: 'full' | 'open') => string;
}

const DECISIONS: readonly Decision[] = ['discharged', 'carried_forward', 'standing'];

export async function digestPreview(
  t: BoardContext,
  actor: Actor,
  meeting: IsoDate | undefined,
  env: PapersEnv,
): Promise<AdaptiveCard> {
  if (!isLead(actor))
    throw new RefusedError('the digest is prepared for the chair, the secretariat and the scrutiny lead');
  const date = meeting ?? (await upcomingMeetings(t))[0]?.date;
  if (!date) throw new RefusedError('no coming meeting is in the calendar: set one with "next meeting dd/MM/yyyy"');
  const digest = redactDigest(await buildDigest(t, date), actor);
  return digestCard(digest, env.documentUrl ? { documentUrl: env.documentUrl(t.scope, date) } : {});
}

export async function reviewCardFor(
  t: BoardContext,
  actor: Actor,
  meeting: IsoDate | undefined,
  notice?: Notice,
): Promise<AdaptiveCard> {
  const ok = mayEditRecord(actor);
  if (!ok.ok) throw new RefusedError('the meeting’s decisions are recorded by the chair or the secretariat');
  const meetings = await t.stores.meetings.list(t.scope);
  const date = meeting ?? lastMeetingHeld(meetings, londonToday(t.now()));
  if (!date) throw new RefusedError('no meeting has been held yet');
  const people = new Map((await t.stores.people.list(t.scope)).map((p) => [p.person.id, p.person]));
  const agenda = await reviewAgenda(t, date);
  return reviewCard({
    board: t.scope.board,
    meeting: date,
    meetingDate: formatUkDate(date),
    items: agenda
      .map((raw) => redactAction(raw, actor))
      .map((a) => ({
        actionId: a.id,
        ref: formatRef(a.ref),
        text: a.text,
        owners: ownerNames(a, people),
        statusLabel: STATUS_LABEL[a.status],
      })),
    ...(notice ? { notice } : {}),
  });
}

/** `review.apply`: the choices on the review card, one per action it listed. */
export async function applyReviewCard(
  t: BoardContext,
  actor: Actor,
  data: Record<string, unknown>,
  requestId?: string,
): Promise<AdaptiveCard> {
  const meeting =
    typeof data.meeting === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(data.meeting) ? data.meeting : undefined;
  const ids = typeof data.items === 'string' ? data.items.split(' ').filter(Boolean) : [];
  if (!meeting || ids.length > 200)
    return messageCard({
      title: 'Not understood',
      text: 'This review card does not say which meeting it is for.',
      tone: 'attention',
    });
  const decisions = ids.flatMap((actionId, n) => {
    const to = DECISIONS.find((d) => d === data[reviewInput(n)]);
    return to ? [{ actionId, to }] : [];
  });
  try {
    const results = await applyReview(t, actor, meeting, decisions, requestId);
    const refused = results.filter((r) => r.result.kind === 'refused');
    const saved = results.length - refused.length;
    const text = `${saved} decision${saved === 1 ? '' : 's'} recorded for the meeting of ${formatUkDate(meeting)}.${refused.length ? ` ${refused.length} not recorded: ${refused.map((r) => (r.result.kind === 'refused' ? r.result.reason : '')).join('; ')}.` : ''}`;
    return await reviewCardFor(t, actor, meeting, { tone: refused.length ? 'warning' : 'good', text });
  } catch (err) {
    if (!(err instanceof RefusedError)) throw err;
    return messageCard({ title: 'Not recorded', text: err.message, tone: 'attention' });
  }
}
