// An owner's reply from a card (or the tab): a status and/or a progress note. Either it is stored,
// with its history entry, or the caller is told exactly why not and nothing changes.
import { applyPatch } from '../rules/changes.ts';
import { MAX_NOTE } from '../rules/limits.ts';
import { reviewedAtMeeting } from '../rules/meetings.ts';
import { mayAddNote, maySetStatus, OWNER_STATUSES } from '../rules/permissions.ts';
import { RefusedError } from '../rules/refused.ts';
import { londonToday } from '../rules/dates.ts';
import type { Action, Actor, HistoryEntry, IsoDate, Meeting, Scope, Status } from '../rules/types.ts';
import { isAlreadyExists, isConflict } from '../../storage/errors.ts';
import type { ActionChange } from '../../storage/actions.ts';
import { REQUEST_REUSED, requestMark, sameAsk, type RequestMark } from '../../storage/requests.ts';
import type { Step } from '../../storage/versioned.ts';
import type { RecordResult } from './change-record.ts';
import { groupCommit } from './group-commit.ts';
import type { BoardContext } from './board-context.ts';

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

/** A stale reply gives back the status and note it asked for. */
export type ReplyResult = RecordResult<Action, 'action', { status?: string; note?: string }>;

/**
 * Whether what happened since the card was drawn makes the reply unsafe to apply: a changed text,
 * owner, due date or reference (the owner would answer something no longer asked), or a status
 * someone else set that this reply would silently undo. Notes added by others never conflict.
 */
function conflicts(since: readonly HistoryEntry[], current: Action, wanted: Status | undefined): boolean {
  return since.some((h) =>
    h.changes.some(
      (c) =>
        c.field !== 'note' &&
        c.field !== 'outcome' &&
        (c.field !== 'status' || (wanted !== undefined && wanted !== current.status)),
    ),
  );
}

/** A reply that passed the checks needing no storage, waiting to be written. */
interface Queued {
  t: BoardContext;
  actor: Actor;
  req: ReplyRequest;
  status?: Status;
  note?: string;
  draft: { status?: string; note?: string };
  /** What its request id stands for, when it has one. */
  request?: RequestMark;
  /** When it arrived: its history entry's time, however long it waited. */
  at: Date;
}

/**
 * Replies per transaction: each adds a history row and a request row, next to the action's own
 * rows (itself, open list, one per owner and delegate, and as many deletions), under the 100.
 */
const REPLIES_PER_TRANSACTION = 30;
const ATTEMPTS = 5;

/** Replies to one action, gathered while the previous ones are written (see group-commit.ts). */
const saveReplies = groupCommit(saveTogether, REPLIES_PER_TRANSACTION);

/** Asks for the board channel's summary of a meeting to be redrawn (bot/teams does it, coalesced). */
export type RedrawSummary = (scope: Scope, meeting: IsoDate) => void;

/**
 * A reply, then the channel summary of its meeting redrawn once the reply is saved: the tab's path.
 * The card's reply asks for the same redraw through the chat's outcome (`changedMeeting`).
 */
export async function replyAndRedraw(
  t: BoardContext,
  actor: Actor,
  req: ReplyRequest,
  redraw?: RedrawSummary,
): Promise<ReplyResult> {
  const result = await reply(t, actor, req);
  if (result.kind === 'saved' && !result.duplicate) redraw?.(t.scope, result.action.meeting);
  return result;
}

export async function reply(t: BoardContext, actor: Actor, req: ReplyRequest): Promise<ReplyResult> {
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
    return refuse(
      `the note is ${note.length.toLocaleString('en-GB')} characters; the limit is ${MAX_NOTE.toLocaleString('en-GB')}`,
    );
  }
  if (!status && !note) return refuse('nothing to save: choose a status or write a note');
  const request = requestMark(req.requestId, actor.id, 'reply', { status, note });
  const queued: Queued = {
    t,
    actor,
    req,
    draft,
    at: t.now(),
    ...(status ? { status } : {}),
    ...(note ? { note } : {}),
    ...(request ? { request } : {}),
  };
  return saveReplies(`${t.scope.tenant}|${t.scope.board}|${req.actionId}`, queued);
}

/** Writes replies to one action in one transaction, each judged on the action as the ones before it left it. */
async function saveTogether(queued: Queued[]): Promise<ReplyResult[]> {
  const first = queued[0];
  if (!first) return [];
  const { t } = first;
  const id = first.req.actionId;
  const [meetings, read] = await Promise.all([t.stores.meetings.list(t.scope), t.stores.actions.get(t.scope, id)]);
  let stored = read;
  let pending = queued;
  const done = new Map<Queued, ReplyResult>();
  for (let attempt = 1; attempt <= ATTEMPTS && pending.length > 0; attempt++) {
    if (attempt > 1) stored = await t.stores.actions.get(t.scope, id);
    if (!stored) {
      for (const q of pending) done.set(q, { kind: 'refused', reason: 'this action no longer exists' });
      break;
    }
    const plan = await planReplies(t, stored.action, meetings, pending);
    if (plan.steps.length === 0) {
      plan.results.forEach((r, i) => done.set(pending[i] as Queued, r));
      break;
    }
    try {
      await t.stores.actions.commit(t.scope, stored, plan.steps);
      plan.results.forEach((r, i) => done.set(pending[i] as Queued, r));
      break;
    } catch (err) {
      if (isAlreadyExists(err)) {
        // A request already applied (Teams retried it): answer it as saved, and write the rest.
        // Its id already used for another change: refuse it, and write the rest.
        const seen = await Promise.all(
          pending.map((q) => (q.request ? t.stores.actions.applied(t.scope, id, q.request) : 'new')),
        );
        const current = await t.stores.actions.get(t.scope, id);
        pending.forEach((q, i) => {
          if (seen[i] === 'retry' && current) done.set(q, { kind: 'saved', action: current.action, duplicate: true });
          if (seen[i] === 'reused')
            done.set(q, { kind: 'refused', reason: REQUEST_REUSED, ...(current ? { action: current.action } : {}) });
        });
        if (seen.every((s) => s === 'new')) throw err;
        pending = pending.filter((_, i) => seen[i] === 'new');
        stored = current;
        attempt--; // not a lost race: the same data, fewer replies
        continue;
      }
      if (!isConflict(err)) throw err;
    }
  }
  return queued.map(
    (q) =>
      done.get(q) ?? {
        kind: 'refused',
        reason: 'the action kept changing while your reply was saved: please send it again',
      },
  );
}

/** Each reply judged in turn on the action as the replies before it in the batch left it. */
async function planReplies(
  t: BoardContext,
  current: Action,
  meetings: readonly Meeting[],
  queued: readonly Queued[],
): Promise<{ steps: Step<Action, HistoryEntry>[]; results: ReplyResult[] }> {
  const steps: Step<Action, HistoryEntry>[] = [];
  const results: ReplyResult[] = [];
  const added: HistoryEntry[] = [];
  let stored: HistoryEntry[] | undefined;
  let state = current;
  for (const q of queued) {
    // One request id twice in a batch: a retry that arrived with its original, or the id reused.
    const earlier = q.request && steps.find((s) => s.request?.id === q.request?.id)?.request;
    if (q.request && earlier) {
      results.push(
        sameAsk(earlier, q.request)
          ? { kind: 'saved', action: state, duplicate: true }
          : { kind: 'refused', reason: REQUEST_REUSED, action: state },
      );
      continue;
    }
    // Permission first: whoever may not reply is told so, not that their card is out of date.
    let change: ActionChange | null;
    try {
      change = replyChange(q, state, meetings);
    } catch (err) {
      if (!(err instanceof RefusedError)) throw err;
      results.push({ kind: 'refused', reason: err.message, action: state });
      continue;
    }
    const cardVersion = q.req.cardVersion;
    if (cardVersion !== undefined && state.version > cardVersion) {
      stored ??= await t.stores.actions.history(t.scope, current.id);
      const since = [...stored, ...added].filter((h) => (h.version ?? 0) > cardVersion);
      if (conflicts(since, state, q.status)) {
        results.push({ kind: 'stale', action: state, draft: q.draft });
        continue;
      }
    }
    if (!change) {
      results.push({ kind: 'unchanged', action: state });
      continue;
    }
    steps.push({ change, ...(q.request ? { request: q.request } : {}) });
    added.push({ ...change.history, version: change.next.version });
    state = change.next;
    results.push({ kind: 'saved', action: state, duplicate: false });
  }
  return { steps, results };
}

/** The change a reply makes to the action as it stands, if its sender may make it; throws RefusedError if not. */
function replyChange(q: Queued, current: Action, meetings: readonly Meeting[]): ActionChange | null {
  const noteOk = mayAddNote(q.actor, current);
  if (!noteOk.ok) throw new RefusedError(noteOk.reason);
  if (q.status) {
    const ok = maySetStatus(q.actor, current, q.status, {
      reviewedAtMeeting: reviewedAtMeeting(meetings, current.meeting, londonToday(q.at)),
    });
    if (!ok.ok) throw new RefusedError(ok.reason);
  }
  return applyPatch(
    current,
    { ...(q.status ? { status: q.status } : {}), ...(q.note ? { note: q.note } : {}), reply: true },
    q.actor,
    q.at.toISOString(),
  );
}
