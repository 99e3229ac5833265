// An owner's reply from a card (or the tab): a status and/or a progress note. Either it is stored,
// with its history entry, or the caller is told exactly why not and nothing changes.
import { applyPatch } from '../tracker/changes.ts';
import { MAX_NOTE } from '../tracker/limits.ts';
import { reviewedAtMeeting } from '../tracker/meetings.ts';
import { mayAddNote, maySetStatus, OWNER_STATUSES } from '../tracker/permissions.ts';
import { RefusedError } from '../tracker/refused.ts';
import { londonToday } from '../tracker/dates.ts';
import type { Action, Actor, HistoryEntry, Status } from '../tracker/types.ts';
import { changeAction, type ChangeResult } from './change-action.ts';
import { oneAtATime } from './one-at-a-time.ts';
import type { Tracker } from './tracker.ts';

export interface ReplyRequest {
  actionId: string;
  /** The status the user picked, as the card sends it ('completed'). */
  status?: string;
  note?: string;
  /** The version of the action the card was drawn at. */
  cardVersion?: number;
  /** The request's own id (the Teams activity id): a retried request is stored once. */
  requestId?: string;
}

export type ReplyResult =
  | ChangeResult
  /** The action changed since the card was drawn; the reply was not applied and is given back. */
  | { kind: 'stale'; action: Action; draft: { status?: string; note?: string } };

/**
 * Whether what happened since the card was drawn makes the reply unsafe to apply: a changed text,
 * owner, due date or reference (the owner would answer something no longer asked), or a status
 * someone else set that this reply would silently undo. Notes added by others never conflict.
 */
function conflicts(since: readonly HistoryEntry[], current: Action, wanted: Status | undefined): boolean {
  return since.some((h) =>
    h.changes.some((c) => c.field !== 'note' && c.field !== 'outcome' && (c.field !== 'status' || (wanted !== undefined && wanted !== current.status))),
  );
}

/** Raised inside a change when the action moved on after the conflict check: check again. */
class MovedOn extends Error {}

/** Replies to one action are saved in turn (see one-at-a-time.ts). */
const inTurn = oneAtATime();

export async function reply(t: Tracker, actor: Actor, req: ReplyRequest): Promise<ReplyResult> {
  const note = req.note?.replace(/\r\n?/g, '\n').trim() || undefined;
  const draft = { ...(req.status ? { status: req.status } : {}), ...(note ? { note } : {}) };
  let status: Status | undefined;
  // Refusals before any write still carry the action, so the card can be redrawn with the draft.
  const refuse = async (reason: string): Promise<ReplyResult> => {
    const current = await t.stores.actions.get(t.scope, req.actionId);
    return { kind: 'refused', reason, ...(current ? { action: current.action } : {}) };
  };
  if (req.status) {
    status = OWNER_STATUSES.find((s) => s === req.status);
    if (!status) return refuse(`"${req.status}" is not a status an owner can give`);
  }
  if (note && note.length > MAX_NOTE) {
    return refuse(`the note is ${note.length.toLocaleString('en-GB')} characters; the limit is ${MAX_NOTE.toLocaleString('en-GB')}`);
  }
  if (!status && !note) return refuse('nothing to save: choose a status or write a note');
  return inTurn(`${t.scope.tenant}|${t.scope.board}|${req.actionId}`, () => save(t, actor, req, { status, note, draft }));
}

interface Checked {
  status: Status | undefined;
  note: string | undefined;
  draft: { status?: string; note?: string };
}

async function save(t: Tracker, actor: Actor, req: ReplyRequest, { status, note, draft }: Checked): Promise<ReplyResult> {
  const now = t.now();
  const [meetings, first] = await Promise.all([t.stores.meetings.list(t.scope), t.stores.actions.get(t.scope, req.actionId)]);
  for (let attempt = 1; attempt <= 5; attempt++) {
    const checked = attempt === 1 ? first : await t.stores.actions.get(t.scope, req.actionId);
    if (!checked) return { kind: 'refused', reason: 'this action no longer exists' };
    const cardVersion = req.cardVersion;
    if (cardVersion !== undefined && checked.action.version > cardVersion) {
      const since = (await t.stores.actions.history(t.scope, req.actionId)).filter((h) => (h.version ?? 0) > cardVersion);
      if (conflicts(since, checked.action, status)) return { kind: 'stale', action: checked.action, draft };
    }
    try {
      return await changeAction(
        t,
        req.actionId,
        (current) => {
          if (current.version !== checked.action.version) throw new MovedOn();
          const noteOk = mayAddNote(actor, current);
          if (!noteOk.ok) throw new RefusedError(noteOk.reason);
          if (status) {
            const ok = maySetStatus(actor, current, status, { reviewedAtMeeting: reviewedAtMeeting(meetings, current.meeting, londonToday(now)) });
            if (!ok.ok) throw new RefusedError(ok.reason);
          }
          return applyPatch(current, { ...(status ? { status } : {}), ...(note ? { note } : {}), reply: true }, actor, now.toISOString());
        },
        req.requestId,
        checked,
      );
    } catch (err) {
      if (!(err instanceof MovedOn)) throw err;
    }
  }
  return { kind: 'refused', reason: 'the action kept changing while your reply was saved: please send it again' };
}
