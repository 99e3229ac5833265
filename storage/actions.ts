// The `actions` table: a board's actions, each with its open-list and owner-index copies and its
// history, laid out and written as storage/versioned.ts describes ('a|{id}' is the action's row).
// The owner index holds the owners and, while it is delegated, the delegate.
import type { TableClient } from '@azure/data-tables';
import type { Action, ActionRef, Delegation, Exemption, HistoryEntry, IsoDate, Owner, Scope } from './records.ts';
import type { Row } from './rows.ts';
import { createVersionedStore, type Codec, type Stored } from './versioned.ts';

export interface StoredAction {
  action: Action;
  etag: string;
  /** True when the request had already been applied: nothing was written this time. */
  duplicate?: boolean;
}

/** What a change function returns: the next state and the history entry that explains it. */
export interface ActionChange {
  next: Action;
  history: HistoryEntry;
}

function fields(a: Action): Record<string, unknown> {
  return {
    id: a.id,
    refShape: a.ref.shape,
    refNumber: a.ref.shape === 'none' ? undefined : a.ref.number,
    refSub: a.ref.shape === 'none' ? undefined : a.ref.sub,
    meeting: a.meeting,
    owners: JSON.stringify(a.owners),
    ownerText: a.ownerText,
    ownerForm: a.ownerForm,
    text: a.text,
    due: a.due,
    status: a.status,
    latestNote: a.latestNote,
    latestNoteAt: a.latestNoteAt,
    latestNoteBy: a.latestNoteBy,
    repliedAt: a.repliedAt,
    closedOn: a.closedOn,
    outcome: a.outcome,
    questionId: a.questionId,
    delegate: a.delegate ? JSON.stringify(a.delegate) : undefined,
    exempt: a.exempt ? JSON.stringify(a.exempt) : undefined,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    version: a.version,
  };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function toAction(e: Record<string, unknown>): Action {
  const shape = str(e.refShape);
  const meeting = String(e.meeting);
  const ref: ActionRef =
    shape === 'numbered' || shape === 'item'
      ? { shape, meeting, number: Number(e.refNumber), ...(str(e.refSub) ? { sub: str(e.refSub) } : {}) }
      : { shape: 'none' };
  const action: Action = {
    id: String(e.id),
    ref,
    meeting,
    owners: JSON.parse(String(e.owners ?? '[]')) as Owner[],
    ownerText: String(e.ownerText ?? ''),
    ownerForm: e.ownerForm === 'subject' ? 'subject' : 'prefix',
    text: String(e.text ?? ''),
    status: String(e.status) as Action['status'],
    createdAt: String(e.createdAt),
    updatedAt: String(e.updatedAt),
    version: Number(e.version ?? 1),
  };
  if (typeof e.delegate === 'string') action.delegate = JSON.parse(e.delegate) as Delegation;
  if (typeof e.exempt === 'string') action.exempt = JSON.parse(e.exempt) as Exemption;
  for (const field of ['due', 'latestNote', 'latestNoteAt', 'latestNoteBy', 'repliedAt', 'closedOn', 'outcome', 'questionId'] as const) {
    const value = str(e[field]);
    if (value !== undefined) action[field] = value;
  }
  return action;
}

function historyFields(h: HistoryEntry): Record<string, unknown> {
  return {
    actionId: h.actionId,
    at: h.at,
    by: h.by,
    byName: h.byName,
    channel: h.channel,
    kind: h.kind,
    changes: JSON.stringify(h.changes),
    note: h.note,
  };
}

function toHistory(e: Record<string, unknown>): HistoryEntry {
  const entry: HistoryEntry = {
    actionId: String(e.actionId),
    at: String(e.at),
    by: String(e.by),
    byName: String(e.byName),
    channel: String(e.channel) as HistoryEntry['channel'],
    kind: e.kind === 'created' ? 'created' : 'updated',
    changes: JSON.parse(String(e.changes ?? '[]')) as HistoryEntry['changes'],
    version: Number(e.version),
  };
  const note = str(e.note);
  if (note !== undefined) entry.note = note;
  return entry;
}

export interface ActionStore {
  get(scope: Scope, id: string): Promise<StoredAction | null>;
  /** Creates the action with its first history entry; fails with 409 if the id exists. */
  create(scope: Scope, action: Action, history: HistoryEntry): Promise<StoredAction>;
  /** Replaces `current` by `next` only if it has not changed since it was read (412 otherwise). */
  replace(scope: Scope, current: StoredAction, change: ActionChange, requestId?: string): Promise<StoredAction>;
  /**
   * Reads, applies `apply` and writes, retrying on fresh data when someone else wrote first, so
   * both changes are kept. `apply` returns null for "nothing to change" and may throw to refuse.
   * Resolves null when the action does not exist. With a `requestId` (e.g. the Teams activity
   * id), a request that was already applied is not applied again: the result says `duplicate`.
   */
  change(scope: Scope, id: string, apply: (current: Action) => ActionChange | null, requestId?: string): Promise<StoredAction | null>;
  listOpen(scope: Scope): Promise<Action[]>;
  listOpenFor(scope: Scope, personId: string): Promise<Action[]>;
  listForMeeting(scope: Scope, meeting: IsoDate): Promise<Action[]>;
  listAll(scope: Scope): Promise<Action[]>;
  history(scope: Scope, id: string): Promise<HistoryEntry[]>;
}

const codec: Codec<Action, HistoryEntry> = {
  noun: 'action',
  prefix: 'a',
  index: (a) => ({ open: a.status !== 'discharged', people: [...a.owners.map((o) => o.personId), a.delegate?.personId] }),
  fields,
  read: (row: Row) => toAction(row),
  historyFields,
  readHistory: (row: Row) => toHistory(row),
};

const stored = (s: Stored<Action>): StoredAction => ({ action: s.record, etag: s.etag, ...(s.duplicate ? { duplicate: true } : {}) });

export function createActionStore(table: TableClient): ActionStore {
  const store = createVersionedStore(table, codec);
  return {
    get: async (scope, id) => {
      const found = await store.get(scope, id);
      return found && stored(found);
    },
    create: async (scope, action, history) => stored(await store.create(scope, action, history)),
    replace: async (scope, current, change, requestId) =>
      stored(await store.replace(scope, { record: current.action, etag: current.etag }, change, requestId)),
    change: async (scope, id, apply, requestId) => {
      const result = await store.change(scope, id, apply, requestId);
      return result && stored(result);
    },
    listOpen: store.listOpen,
    listOpenFor: store.listOpenFor,
    listForMeeting: store.listForMeeting,
    listAll: store.listAll,
    history: store.history,
  };
}
