// The `questions` table: scrutiny questions put to the force. Same shape as `actions` (one
// partition a board, one entity-group transaction a change, the question row guarded by its ETag)
// so a question, its index rows and its history entry can never disagree.
//
// Row keys in a board's partition, and the query each serves:
//   q|{id}                 the question                 get one; a meeting's questions (range q|{date}.)
//   o|{id}                 copy, while not closed       the board's open questions (range o|)
//   p|{personId}|{id}      copy, while not closed       one respondent's open questions
//   h|{id}|{version}       history entry                a question's history, oldest first
//   r|{requestId}          a request already applied    a retried request is stored once
// Ids start with the meeting date, so `q|` ranges are in meeting order.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { ConcurrentChangeError, isAlreadyExists, isConflict } from './errors.ts';
import { key, keyPart, scopeKey } from './keys.ts';
import { assertEntityFits } from './limits.ts';
import type { Delegation, Exemption, IsoDate, Owner, Question, QuestionHistoryEntry, Scope } from './records.ts';
import { etagOf, getRow, listRows } from './rows.ts';

export interface StoredQuestion {
  question: Question;
  etag: string;
  duplicate?: boolean;
}

export interface QuestionChange {
  next: Question;
  history: QuestionHistoryEntry;
}

type Entity = Record<string, unknown> & { partitionKey: string; rowKey: string };

const questionRow = (id: string): string => key('q', keyPart(id));
const openRow = (id: string): string => key('o', keyPart(id));
const respondentRow = (personId: string, id: string): string => key('p', keyPart(personId), keyPart(id));
const requestRow = (requestId: string): string => key('r', keyPart(requestId));

function rowKeysFor(q: Question): string[] {
  const rows = [questionRow(q.id)];
  if (!q.closedOn) {
    rows.push(openRow(q.id));
    for (const personId of new Set([q.respondent.personId, q.delegate?.personId])) if (personId) rows.push(respondentRow(personId, q.id));
  }
  return rows;
}

const OPTIONAL = ['theme', 'due', 'draft', 'draftAt', 'response', 'respondedAt', 'respondedBy', 'closedOn'] as const;

function toEntity(pk: string, rowKey: string, q: Question): Entity {
  const entity: Entity = {
    partitionKey: pk,
    rowKey,
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
  assertEntityFits(entity);
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

function historyEntity(pk: string, h: QuestionHistoryEntry, version: number): Entity {
  const entity: Entity = {
    partitionKey: pk,
    rowKey: key('h', keyPart(h.questionId), String(version).padStart(9, '0')),
    version,
    questionId: h.questionId,
    at: h.at,
    by: h.by,
    byName: h.byName,
    channel: h.channel,
    kind: h.kind,
    changes: JSON.stringify(h.changes),
    note: h.note,
  };
  assertEntityFits(entity);
  return entity;
}

function toHistory(e: Record<string, unknown>): QuestionHistoryEntry {
  const note = str(e.note);
  return {
    questionId: String(e.questionId),
    version: Number(e.version),
    at: String(e.at),
    by: String(e.by),
    byName: String(e.byName),
    channel: String(e.channel) as QuestionHistoryEntry['channel'],
    kind: e.kind === 'created' ? 'created' : 'updated',
    changes: JSON.parse(String(e.changes ?? '[]')) as QuestionHistoryEntry['changes'],
    ...(note !== undefined ? { note } : {}),
  };
}

export interface QuestionStore {
  get(scope: Scope, id: string): Promise<StoredQuestion | null>;
  /** Creates the question with its first history entry; fails with 409 if the id exists. */
  create(scope: Scope, question: Question, history: QuestionHistoryEntry): Promise<StoredQuestion>;
  /** Replaces `current` by `next` only if it has not changed since it was read (412 otherwise). */
  replace(scope: Scope, current: StoredQuestion, change: QuestionChange, requestId?: string): Promise<StoredQuestion>;
  /** As ActionStore.change: read, apply, write; re-applied on fresh data after a conflict. */
  change(scope: Scope, id: string, apply: (current: Question) => QuestionChange | null, requestId?: string): Promise<StoredQuestion | null>;
  listOpen(scope: Scope): Promise<Question[]>;
  listOpenFor(scope: Scope, personId: string): Promise<Question[]>;
  listForMeeting(scope: Scope, meeting: IsoDate): Promise<Question[]>;
  listAll(scope: Scope): Promise<Question[]>;
  history(scope: Scope, id: string): Promise<QuestionHistoryEntry[]>;
}

const MAX_ATTEMPTS = 8;

export function createQuestionStore(table: TableClient): QuestionStore {
  async function get(scope: Scope, id: string): Promise<StoredQuestion | null> {
    const row = await getRow(table, scopeKey(scope), questionRow(id));
    return row ? { question: toQuestion(row), etag: row.etag } : null;
  }

  async function create(scope: Scope, q: Question, history: QuestionHistoryEntry): Promise<StoredQuestion> {
    const pk = scopeKey(scope);
    const ops: TransactionAction[] = rowKeysFor(q).map((rk) => ['create', toEntity(pk, rk, q)]);
    ops.push(['create', historyEntity(pk, history, q.version)]);
    const res = await table.submitTransaction(ops);
    return { question: q, etag: etagOf(res.subResponses, questionRow(q.id)) };
  }

  async function replace(scope: Scope, current: StoredQuestion, { next, history }: QuestionChange, requestId?: string): Promise<StoredQuestion> {
    if (next.version !== current.question.version + 1) {
      throw new Error(`a change must move question ${next.id} from version ${current.question.version} to ${current.question.version + 1}`);
    }
    const pk = scopeKey(scope);
    const main = questionRow(next.id);
    const before = rowKeysFor(current.question);
    const after = rowKeysFor(next);
    const ops: TransactionAction[] = after.map((rk): TransactionAction =>
      rk === main ? ['update', toEntity(pk, rk, next), 'Replace', { etag: current.etag }] : ['upsert', toEntity(pk, rk, next), 'Replace'],
    );
    for (const rk of before) if (!after.includes(rk)) ops.push(['delete', { partitionKey: pk, rowKey: rk }]);
    ops.push(['create', historyEntity(pk, history, next.version)]);
    if (requestId) ops.push(['create', { partitionKey: pk, rowKey: requestRow(requestId), questionId: next.id, version: next.version }]);
    const res = await table.submitTransaction(ops);
    return { question: next, etag: etagOf(res.subResponses, main) };
  }

  async function change(scope: Scope, id: string, apply: (current: Question) => QuestionChange | null, requestId?: string): Promise<StoredQuestion | null> {
    const alreadyApplied = async (): Promise<boolean> =>
      requestId !== undefined && (await getRow(table, scopeKey(scope), requestRow(requestId))) !== null;
    if (await alreadyApplied()) {
      const current = await get(scope, id);
      return current && { ...current, duplicate: true };
    }
    for (let attempt = 1; ; attempt++) {
      const current = await get(scope, id);
      if (!current) return null;
      const next = apply(current.question);
      if (!next) return current;
      try {
        return await replace(scope, current, next, requestId);
      } catch (err) {
        if (isAlreadyExists(err) && (await alreadyApplied())) return { ...((await get(scope, id)) ?? current), duplicate: true };
        if (!isConflict(err)) throw err;
        if (attempt >= MAX_ATTEMPTS) throw new ConcurrentChangeError(`question ${id} kept changing under us; tried ${attempt} times`);
      }
    }
  }

  const list = async (scope: Scope, prefix: string): Promise<Question[]> =>
    (await listRows(table, scopeKey(scope), prefix)).map(toQuestion);

  return {
    get,
    create,
    replace,
    change,
    listOpen: (scope) => list(scope, 'o|'),
    listOpenFor: (scope, personId) => list(scope, `${key('p', keyPart(personId))}|`),
    listForMeeting: (scope, meeting) => list(scope, `${key('q', keyPart(meeting))}.`),
    listAll: (scope) => list(scope, 'q|'),
    history: async (scope, id) => (await listRows(table, scopeKey(scope), `${key('h', keyPart(id))}|`)).map(toHistory),
  };
}
