// A board's versioned records (actions, scrutiny questions), one partition a board, so that the
// record, its index rows and its history entry are written in ONE entity-group transaction: the
// indexes can never disagree with the record, and no change is stored without its history.
//
// Row keys in a board's partition ({m} is the record's own prefix: 'a' actions, 'q' questions):
//   {m}|{id}               the record                  get one; a meeting's (range {m}|{date}.)
//   o|{id}                 copy, while open            the board's open records (range o|)
//   p|{personId}|{id}      copy, while open, a person  one person's open records (range p|{person}|)
//   h|{id}|{version}       history entry               a record's history, oldest first (range h|{id}|)
//   r|{requestId}          a request already applied   what it was for (record, actor, verb, digest): a retry
//                                                      is stored once, the id reused for another change refused
// Ids start with the meeting date, so `{m}|` ranges are in meeting order. The history row is keyed
// by the version its change produced: unique (the ETag lets only one writer produce each version)
// and in order, even for changes within the same millisecond.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { ConcurrentChangeError, isAlreadyExists, isConflict } from './errors.ts';
import { key, keyPart, scopeKey } from './keys.ts';
import { assertEntityFits } from './limits.ts';
import type { Change, HistoryBase, IsoDate, Scope } from '../model/records.ts';
import { readRequestRow, requestFields, RequestReusedError, sameRequest, type RequestMark } from './requests.ts';
import { etagOf, getRow, listRows, type Row } from './rows.ts';

export interface Versioned {
  id: string;
  version: number;
}

export interface Stored<T> {
  record: T;
  etag: string;
  /** True when the request had already been applied: nothing was written this time. */
  duplicate?: boolean;
}

export type { Change } from '../model/records.ts';

/** One change of a batch, with the request it answers. */
export interface Step<T, H> {
  change: Change<T, H>;
  request?: RequestMark;
}

/** A request seen before: not at all, as this very request (a retry), or its id used for another change. */
export type RequestSeen = 'new' | 'retry' | 'reused';

/** Entity-group transactions take at most 100 operations. */
export const MAX_TRANSACTION_OPS = 100;

/** How one kind of record is laid out in its table. */
export interface Codec<T extends Versioned, H> {
  /** 'action', 'question': for messages. */
  noun: string;
  /** The main row's prefix. */
  prefix: string;
  /** Whether the record is open (listed in o|), and whose p| index it is in while open. */
  index(record: T): { open: boolean; people: ReadonlyArray<string | undefined> };
  /** The record's properties (no keys). */
  fields(record: T): Record<string, unknown>;
  read(row: Row): T;
  historyFields(entry: H): Record<string, unknown>;
  readHistory(row: Row): H;
}

export interface VersionedStore<T extends Versioned, H> extends VersionedQueries<T, H> {
  get(scope: Scope, id: string): Promise<Stored<T> | null>;
  /** Creates the record with its first history entry; fails with 409 if the id exists. */
  create(scope: Scope, record: T, history: H): Promise<Stored<T>>;
  /** Replaces `current` by `next` only if it has not changed since it was read (412 otherwise). */
  replace(scope: Scope, current: Stored<T>, change: Change<T, H>, request?: RequestMark): Promise<Stored<T>>;
  /**
   * Several consecutive changes of one record (versions current+1, +2, ...) in one transaction:
   * the record is written once, at the last, and every change keeps its history entry (and its
   * request row). 412 if the record changed since `current` was read; 409 if a request was applied.
   */
  commit(scope: Scope, current: Stored<T>, steps: ReadonlyArray<Step<T, H>>): Promise<Stored<T>>;
  /**
   * Reads, applies `apply` and writes, retrying on fresh data when someone else wrote first, so
   * both changes are kept. `apply` returns null for "nothing to change" and may throw to refuse.
   * Resolves null when the record does not exist. With a `request` (its id: e.g. the Teams activity
   * id), a request that was already applied is not applied again: the result says `duplicate`; its
   * id already used for another change throws RequestReusedError and writes nothing.
   */
  change(
    scope: Scope,
    id: string,
    apply: (current: T) => Change<T, H> | null,
    request?: RequestMark,
  ): Promise<Stored<T> | null>;
}

/** What a versioned store answers without handing out stored records: the same under any name. */
export interface VersionedQueries<T, H> {
  /** Whether this request was applied to the record `recordId` (its request row), or its id to something else. */
  applied(scope: Scope, recordId: string, request: RequestMark): Promise<RequestSeen>;
  listOpen(scope: Scope): Promise<T[]>;
  listOpenFor(scope: Scope, personId: string): Promise<T[]>;
  listForMeeting(scope: Scope, meeting: IsoDate): Promise<T[]>;
  listAll(scope: Scope): Promise<T[]>;
  history(scope: Scope, id: string): Promise<H[]>;
}

const MAX_ATTEMPTS = 8;
type Entity = Record<string, unknown> & { partitionKey: string; rowKey: string };

export function createVersionedStore<T extends Versioned, H>(
  table: TableClient,
  codec: Codec<T, H>,
): VersionedStore<T, H> {
  const mainRow = (id: string): string => key(codec.prefix, keyPart(id));
  const requestRow = (requestId: string): string => key('r', keyPart(requestId));

  /** Every row key at which this state of the record appears, its own row first. */
  function rowKeysFor(record: T): string[] {
    const rows = [mainRow(record.id)];
    const { open, people } = codec.index(record);
    if (open) {
      rows.push(key('o', keyPart(record.id)));
      for (const personId of new Set(people)) if (personId) rows.push(key('p', keyPart(personId), keyPart(record.id)));
    }
    return rows;
  }

  function entity(pk: string, rowKey: string, fields: Record<string, unknown>): Entity {
    const e: Entity = { partitionKey: pk, rowKey, ...fields };
    assertEntityFits(e);
    return e;
  }

  const historyEntity = (pk: string, record: T, h: H): Entity =>
    entity(pk, key('h', keyPart(record.id), String(record.version).padStart(9, '0')), {
      ...codec.historyFields(h),
      version: record.version,
    });

  async function get(scope: Scope, id: string): Promise<Stored<T> | null> {
    const row = await getRow(table, scopeKey(scope), mainRow(id));
    return row ? { record: codec.read(row), etag: row.etag } : null;
  }

  async function create(scope: Scope, record: T, history: H): Promise<Stored<T>> {
    const pk = scopeKey(scope);
    const ops: TransactionAction[] = rowKeysFor(record).map((rk) => ['create', entity(pk, rk, codec.fields(record))]);
    ops.push(['create', historyEntity(pk, record, history)]);
    const res = await table.submitTransaction(ops);
    return { record, etag: etagOf(res.subResponses, mainRow(record.id)) };
  }

  async function commit(scope: Scope, current: Stored<T>, steps: ReadonlyArray<Step<T, H>>): Promise<Stored<T>> {
    let version = current.record.version;
    for (const { change } of steps) {
      if (change.next.version !== ++version) {
        throw new Error(`a change must move ${codec.noun} ${change.next.id} from version ${version - 1} to ${version}`);
      }
    }
    const last = steps.at(-1)?.change.next;
    if (!last) return current;
    const ids = steps.flatMap((s) => (s.request ? [s.request.id] : []));
    if (new Set(ids).size !== ids.length)
      throw new Error(`one request id is given to two changes of ${codec.noun} ${last.id}`);
    const pk = scopeKey(scope);
    const main = mainRow(last.id);
    const before = rowKeysFor(current.record);
    const after = rowKeysFor(last);
    const fields = codec.fields(last);
    const ops: TransactionAction[] = after.map((rk): TransactionAction =>
      rk === main
        ? ['update', entity(pk, rk, fields), 'Replace', { etag: current.etag }]
        : ['upsert', entity(pk, rk, fields), 'Replace'],
    );
    for (const rk of before) if (!after.includes(rk)) ops.push(['delete', { partitionKey: pk, rowKey: rk }]);
    for (const { change, request } of steps) {
      ops.push(['create', historyEntity(pk, change.next, change.history)]);
      if (request)
        ops.push([
          'create',
          entity(pk, requestRow(request.id), {
            ...requestFields(codec.noun, change.next.id, request),
            version: change.next.version,
          }),
        ]);
    }
    if (ops.length > MAX_TRANSACTION_OPS)
      throw new Error(
        `${steps.length} changes of ${codec.noun} ${last.id} need ${ops.length} operations; a transaction takes ${MAX_TRANSACTION_OPS}`,
      );
    const res = await table.submitTransaction(ops);
    return { record: last, etag: etagOf(res.subResponses, main) };
  }

  const replace = (scope: Scope, current: Stored<T>, change: Change<T, H>, request?: RequestMark): Promise<Stored<T>> =>
    commit(scope, current, [{ change, ...(request !== undefined ? { request } : {}) }]);

  async function wasApplied(scope: Scope, recordId: string, request: RequestMark): Promise<RequestSeen> {
    const row = await getRow(table, scopeKey(scope), requestRow(request.id));
    if (!row) return 'new';
    return sameRequest(readRequestRow(row), codec.noun, recordId, request) ? 'retry' : 'reused';
  }

  async function change(
    scope: Scope,
    id: string,
    apply: (current: T) => Change<T, H> | null,
    request?: RequestMark,
  ): Promise<Stored<T> | null> {
    // A request already applied is recognised by its request row, read only when this attempt
    // cannot go ahead: the write itself creates that row, so a replay fails it with 409. The same
    // id for another change is refused, whatever this attempt would have done.
    const applied = async (): Promise<Stored<T> | null> => {
      if (request === undefined) return null;
      const seen = await wasApplied(scope, id, request);
      if (seen === 'new') return null;
      if (seen === 'reused') throw new RequestReusedError();
      const current = await get(scope, id);
      return current && { ...current, duplicate: true };
    };
    for (let attempt = 1; ; attempt++) {
      const current = await get(scope, id);
      if (!current) return null;
      let next: Change<T, H> | null;
      try {
        next = apply(current.record);
      } catch (err) {
        const replay = await applied();
        if (replay) return replay;
        throw err;
      }
      if (!next) return (await applied()) ?? current;
      try {
        return await replace(scope, current, next, request);
      } catch (err) {
        // The same request, retried or applied before: its request row is already there.
        if (isAlreadyExists(err)) {
          const replay = await applied();
          if (replay) return replay;
        }
        if (!isConflict(err)) throw err;
        if (attempt >= MAX_ATTEMPTS)
          throw new ConcurrentChangeError(`${codec.noun} ${id} kept changing under us; tried ${attempt} times`);
      }
    }
  }

  const list = async (scope: Scope, prefix: string): Promise<T[]> =>
    (await listRows(table, scopeKey(scope), prefix)).map(codec.read);

  return {
    get,
    create,
    replace,
    commit,
    change,
    applied: wasApplied,
    listOpen: (scope) => list(scope, 'o|'),
    listOpenFor: (scope, personId) => list(scope, `${key('p', keyPart(personId))}|`),
    listForMeeting: (scope, meeting) => list(scope, `${key(codec.prefix, keyPart(meeting))}.`),
    listAll: (scope) => list(scope, `${codec.prefix}|`),
    history: async (scope, id) =>
      (await listRows(table, scopeKey(scope), `${key('h', keyPart(id))}|`)).map(codec.readHistory),
  };
}

/** A stored record under a name of its own: `{ action, etag }` rather than `{ record, etag }`. */
export type NamedStored<T, K extends string> = { [P in K]: T } & {
  etag: string;
  /** True when the request had already been applied: nothing was written this time. */
  duplicate?: boolean;
};

/** The same store, speaking of its records by name (see VersionedStore for what each call does). */
export interface NamedStore<T extends Versioned, H, K extends string> extends VersionedQueries<T, H> {
  get(scope: Scope, id: string): Promise<NamedStored<T, K> | null>;
  create(scope: Scope, record: T, history: H): Promise<NamedStored<T, K>>;
  replace(
    scope: Scope,
    current: NamedStored<T, K>,
    change: Change<T, H>,
    request?: RequestMark,
  ): Promise<NamedStored<T, K>>;
  commit(scope: Scope, current: NamedStored<T, K>, steps: ReadonlyArray<Step<T, H>>): Promise<NamedStored<T, K>>;
  change(
    scope: Scope,
    id: string,
    apply: (current: T) => Change<T, H> | null,
    request?: RequestMark,
  ): Promise<NamedStored<T, K> | null>;
}

export function named<T extends Versioned, H, K extends string>(
  store: VersionedStore<T, H>,
  name: K,
): NamedStore<T, H, K> {
  // A computed key widens to `string` in TypeScript's eyes; the shape is exactly NamedStored.
  const out = (s: Stored<T>): NamedStored<T, K> =>
    ({ [name]: s.record, etag: s.etag, ...(s.duplicate ? { duplicate: true } : {}) }) as NamedStored<T, K>;
  const stored = (s: NamedStored<T, K>): Stored<T> => ({ record: s[name], etag: s.etag });
  return {
    ...store, // the queries, which hand out no stored records, pass through as they are
    get: async (scope, id) => {
      const found = await store.get(scope, id);
      return found && out(found);
    },
    create: async (scope, record, history) => out(await store.create(scope, record, history)),
    replace: async (scope, current, change, request) =>
      out(await store.replace(scope, stored(current), change, request)),
    commit: async (scope, current, steps) => out(await store.commit(scope, stored(current), steps)),
    change: async (scope, id, apply, request) => {
      const result = await store.change(scope, id, apply, request);
      return result && out(result);
    },
  };
}

/** The columns every history entry has, whatever it records; `K` names the record it belongs to. */
type HistoryShape<K extends string> = { [P in K]: string } & HistoryBase & { changes: unknown[] };

/** How history entries of records named by `idField` map to columns and back (actions and questions alike). */
export function historyColumns<H extends HistoryShape<K>, K extends string>(
  idField: K,
): Pick<Codec<Versioned, H>, 'historyFields' | 'readHistory'> {
  return {
    historyFields: (h) => ({
      [idField]: h[idField],
      at: h.at,
      by: h.by,
      byName: h.byName,
      channel: h.channel,
      kind: h.kind,
      changes: JSON.stringify(h.changes),
      note: h.note,
    }),
    readHistory: (row) => {
      const note = typeof row.note === 'string' ? row.note : undefined;
      // The columns are the ones historyFields wrote; the entry's own type names them.
      return {
        [idField]: String(row[idField]),
        at: String(row.at),
        by: String(row.by),
        byName: String(row.byName),
        channel: String(row.channel),
        kind: row.kind === 'created' ? 'created' : 'updated',
        changes: JSON.parse(String(row.changes ?? '[]')) as unknown[],
        version: Number(row.version),
        ...(note !== undefined ? { note } : {}),
      } as H;
    },
  };
}
