// The meeting's papers as cards: the digest (as a viewer may read it, or its open form for a
// channel) and the review card on which the meeting's decisions are recorded.
import { reviewCard, type AdaptiveCard, type Notice } from '../../cards/index.ts';
import { digestCard } from '../digest/card.ts';
import type { BoardContext } from '../services/board-context.ts';
import { buildDigest } from '../services/digest.ts';
import { reviewAgenda } from '../services/review.ts';
import { redactAction, redactDigest, type Viewer } from '../rules/exempt.ts';
import { latestMinutes } from '../rules/open-minutes.ts';
import { roleOf } from '../rules/permissions.ts';
import { formatRef, formatUkDate } from '../rules/refs.ts';
import { STATUS_LABEL } from '../rules/statuses.ts';
import type { Actor, IsoDate, Scope } from '../rules/types.ts';
import { ownerNames } from './actions.ts';

export interface PapersEnv {
  /** A download link for the meeting's Word action log, when the server can serve one. */
  documentUrl?: (scope: Scope, meeting: IsoDate, form?: 'full' | 'open') => string;
  /** A download link for a meeting's open minutes, when the server can serve them. */
  minutesUrl?: (scope: Scope, meeting: IsoDate) => string;
}

/** Who publishes the open minutes, and so has the link to them on their digest. */
function publishesMinutes(viewer: Viewer): boolean {
  const role = viewer ? roleOf(viewer) : undefined;
  return role === 'chair' || role === 'secretariat';
}

/**
 * The digest for the meeting's papers as `viewer` may read it (null: the channel, everyone's), with
 * the Word action log's link and, for the chair and the secretariat, the link to the open minutes
 * of the latest meeting (on or before this one) whose minutes the tracker holds.
 */
export async function digestCardFor(
  t: BoardContext,
  meeting: IsoDate,
  viewer: Viewer,
  documentUrl?: string,
  env: Pick<PapersEnv, 'minutesUrl'> = {},
): Promise<AdaptiveCard> {
  const digest = redactDigest(await buildDigest(t, meeting), viewer);
  const minutes =
    env.minutesUrl && publishesMinutes(viewer)
      ? latestMinutes(await t.stores.meetings.list(t.scope), meeting)
      : undefined;
  return digestCard(digest, {
    ...(documentUrl ? { documentUrl } : {}),
    ...(minutes && env.minutesUrl
      ? { openMinutes: { url: env.minutesUrl(t.scope, minutes), meetingDate: formatUkDate(minutes) } }
      : {}),
  });
}

/** The review card for a meeting held: each action it reviewed, with the decisions to pick. */
export async function reviewCardFor(
  t: BoardContext,
  actor: Actor,
  meeting: IsoDate,
  notice?: Notice,
): Promise<AdaptiveCard> {
  const people = new Map((await t.stores.people.list(t.scope)).map((p) => [p.person.id, p.person]));
  const agenda = await reviewAgenda(t, meeting);
  return reviewCard({
    board: t.scope.board,
    meeting,
    meetingDate: formatUkDate(meeting),
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
