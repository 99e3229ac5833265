// The `actions` table: a board's actions, each with its open-list and owner-index copies and its
// history, laid out and written as storage/versioned.ts describes ('a|{id}' is the action's row).
// The owner index holds the owners and, while it is delegated, the delegate.
import type { TableClient } from '@azure/data-tables';
import type { Action, ActionRef, Delegation, Exemption, HistoryEntry, Owner } from '../model/records.ts';
import type { Row } from './rows.ts';
import {
  createVersionedStore,
  historyColumns,
  named,
  type Codec,
  type NamedStore,
  type NamedStored,
} from './versioned.ts';

export type StoredAction = NamedStored<Action, 'action'>;
export type { ActionChange } from '../model/records.ts';

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
  for (const field of [
    'due',
    'latestNote',
    'latestNoteAt',
    'latestNoteBy',
    'repliedAt',
    'closedOn',
    'outcome',
    'questionId',
  ] as const) {
    const value = str(e[field]);
    if (value !== undefined) action[field] = value;
  }
  return action;
}

export type ActionStore = NamedStore<Action, HistoryEntry, 'action'>;

const codec: Codec<Action, HistoryEntry> = {
  noun: 'action',
  prefix: 'a',
  index: (a) => ({
    open: a.status !== 'discharged',
    people: [...a.owners.map((o) => o.personId), a.delegate?.personId],
  }),
  fields,
  read: (row: Row) => toAction(row),
  ...historyColumns<HistoryEntry, 'actionId'>('actionId'),
};

export function createActionStore(table: TableClient): ActionStore {
  return named(createVersionedStore(table, codec), 'action');
}
