// The `questions` table: scrutiny questions put to the force, laid out and written exactly as
// actions are (storage/versioned.ts; 'q|{id}' is the question's row). A question is open until it
// is closed (answered or withdrawn at a meeting); its respondent's index holds the respondent and,
// while it is delegated, the delegate.
import type { TableClient } from '@azure/data-tables';
import type { Delegation, Exemption, Owner, Question, QuestionHistoryEntry } from '../model/records.ts';
import type { Row } from './rows.ts';
import {
  createVersionedStore,
  historyColumns,
  named,
  type Codec,
  type NamedStore,
  type NamedStored,
} from './versioned.ts';

export type StoredQuestion = NamedStored<Question, 'question'>;
export type { QuestionChange } from '../model/records.ts';

const OPTIONAL = ['theme', 'due', 'draft', 'draftAt', 'response', 'respondedAt', 'respondedBy', 'closedOn'] as const;

function fields(q: Question): Record<string, unknown> {
  const entity: Record<string, unknown> = {
    id: q.id,
    number: q.number,
    meeting: q.meeting,
    text: q.text,
    respondent: JSON.stringify(q.respondent),
    state: q.state,
    actionIds: JSON.stringify(q.actionIds),
    delegate: q.delegate ? JSON.stringify(q.delegate) : undefined,
    exempt: q.exempt ? JSON.stringify(q.exempt) : undefined,
    createdAt: q.createdAt,
    updatedAt: q.updatedAt,
    version: q.version,
  };
  for (const field of OPTIONAL) entity[field] = q[field];
  return entity;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function toQuestion(e: Record<string, unknown>): Question {
  const q: Question = {
    id: String(e.id),
    number: String(e.number),
    meeting: String(e.meeting),
    text: String(e.text ?? ''),
    respondent: JSON.parse(String(e.respondent ?? '{"label":""}')) as Owner,
    state: String(e.state) as Question['state'],
    actionIds: JSON.parse(String(e.actionIds ?? '[]')) as string[],
    createdAt: String(e.createdAt),
    updatedAt: String(e.updatedAt),
    version: Number(e.version ?? 1),
  };
  if (typeof e.delegate === 'string') q.delegate = JSON.parse(e.delegate) as Delegation;
  if (typeof e.exempt === 'string') q.exempt = JSON.parse(e.exempt) as Exemption;
  for (const field of OPTIONAL) {
    const value = str(e[field]);
    if (value !== undefined) q[field] = value;
  }
  return q;
}

export type QuestionStore = NamedStore<Question, QuestionHistoryEntry, 'question'>;

const codec: Codec<Question, QuestionHistoryEntry> = {
  noun: 'question',
  prefix: 'q',
  index: (q) => ({ open: !q.closedOn, people: [q.respondent.personId, q.delegate?.personId] }),
  fields,
  read: (row: Row) => toQuestion(row),
  ...historyColumns<QuestionHistoryEntry, 'questionId'>('questionId'),
};

export function createQuestionStore(table: TableClient): QuestionStore {
  return named(createVersionedStore(table, codec), 'question');
}
