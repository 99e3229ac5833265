// The meeting's papers as cards: the digest (as a viewer may read it, or its open form for a
// channel) and the review card on which the meeting's decisions are recorded.
import { reviewCard, type AdaptiveCard, type Notice } from '../../cards/index.ts';
import { digestCard } from '../digest/card.ts';
import type { BoardContext } from '../services/board-context.ts';
import { buildDigest } from '../services/digest.ts';
import { reviewAgenda } from '../services/review.ts';
import { redactAction, redactDigest, type Viewer } from '../rules/exempt.ts';
import { formatRef, formatUkDate } from '../rules/refs.ts';
import { STATUS_LABEL } from '../rules/statuses.ts';
import type { Actor, IsoDate, Scope } from '../rules/types.ts';
import { ownerNames } from './actions.ts';

export interface PapersEnv {
  /** A download link for the meeting's Word action log, when the server can serve one. */
  documentUrl?: (scope: Scope, meeting: IsoDate, form?: 'full' | 'open') => string;
}

/** The digest for the meeting's papers as `viewer` may read it (null: the channel, everyone's). */
export async function digestCardFor(
  t: BoardContext,
  meeting: IsoDate,
  viewer: Viewer,
  documentUrl?: string,
): Promise<AdaptiveCard> {
  const digest = redactDigest(await buildDigest(t, meeting), viewer);
  return digestCard(digest, documentUrl ? { documentUrl } : {});
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
