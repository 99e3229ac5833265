// The chaser card: one card an owner gets before a meeting, listing the actions with no reply
// since the last one, each with its reply form. Drawn at send time, and again after each reply on it.
import {
  chaseCard,
  type AdaptiveCard,
  type ChaseCardModel,
  type ChaseItemView,
  type Notice,
} from '../../cards/index.ts';
import type { BoardContext } from '../services/board-context.ts';
import { chaseOutboxId, payloadOf } from '../outbox/payload.ts';
import { chaseList } from '../services/scheduler.ts';
import { londonToday } from '../rules/dates.ts';
import { redactAction } from '../rules/exempt.ts';
import { MAX_NOTE } from '../rules/limits.ts';
import { actionFlags } from '../rules/flags.ts';
import { lastMeetingHeld } from '../rules/meetings.ts';
import { mayAddNote } from '../rules/permissions.ts';
import { formatRef, formatUkDate } from '../rules/refs.ts';
import { STATUS_LABEL } from '../rules/statuses.ts';
import type { Actor, IsoDate } from '../rules/types.ts';
import { latestUpdate } from './actions.ts';

export interface ChaseCardOptions {
  /** The actions the chase named (its outbox payload); default: read from the outbox, else worked out now. */
  actionIds?: readonly string[];
  notice?: Notice;
  /** What was typed into each item, by slot, kept when the card is redrawn. */
  drafts?: ReadonlyMap<number, { status?: string; note?: string }>;
}

/**
 * The chase card for `viewer` (an owner) before the meeting on `meeting`: the actions the chase
 * named, as they are now, each in the same slot as when the card was first drawn (actions since
 * closed or reassigned drop out). Null when none of them is open and theirs any more.
 */
export async function chaseCardFor(
  t: BoardContext,
  viewer: Actor,
  meeting: IsoDate,
  opts: ChaseCardOptions = {},
): Promise<AdaptiveCard | null> {
  const personId = viewer.personId;
  if (!personId) return null;
  const [open, meetings] = await Promise.all([
    t.stores.actions.listOpenFor(t.scope, personId),
    t.stores.meetings.list(t.scope),
  ]);
  const today = londonToday(t.now());
  let ids = opts.actionIds;
  if (!ids) {
    const queued = await t.stores.outbox.get(chaseOutboxId(t.scope, meeting, personId));
    const payload = queued ? payloadOf(queued.payload) : undefined;
    if (payload?.type === 'chase' && payload.actionIds) ids = payload.actionIds;
  }
  ids ??= (chaseList(open, meetings, today, meeting).get(personId) ?? []).map((a) => a.id);
  // Only the person's own (or delegated) actions are listed; still drawn as they may see them.
  const byId = new Map(open.map((a) => [a.id, redactAction(a, viewer)]));
  const items: ChaseItemView[] = [];
  ids.forEach((id, k) => {
    const a = byId.get(id);
    if (!a || a.status === 'discharged') return;
    const slot = k + 1;
    const draft = opts.drafts?.get(slot);
    items.push({
      slot,
      actionId: a.id,
      board: t.scope.board,
      version: a.version,
      ref: formatRef(a.ref),
      text: a.text,
      status: a.status,
      statusLabel: STATUS_LABEL[a.status],
      ...(a.due ? { due: formatUkDate(a.due) } : {}),
      overdue: actionFlags(a, meetings, today).overdue,
      ...latestUpdate(a),
      canReply: mayAddNote(viewer, a).ok,
      ...(draft ? { draft } : {}),
    });
  });
  if (items.length === 0) return null;
  const held = lastMeetingHeld(meetings, today);
  const since = held ? ` since the meeting of ${formatUkDate(held)}` : '';
  const model: ChaseCardModel = {
    board: t.scope.board,
    meeting,
    meetingDate: formatUkDate(meeting),
    intro:
      `The meeting on ${formatUkDate(meeting)} will review these actions, and there had been no update on them${since}. ` +
      'For each, pick a status, add a note if there is something to say, and press Send update.',
    items,
    noteLimit: MAX_NOTE,
    ...(opts.notice ? { notice: opts.notice } : {}),
  };
  return chaseCard(model);
}
