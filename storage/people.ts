// The `people` table: a board's directory, one partition a board (tenant|board).
//
// Row keys, and the query each serves:
//   p|{personId}     the person             get one; the whole directory (range p|, tens of rows),
//                                           which is what initials/alias resolution reads, since
//                                           telling "unknown" from "ambiguous" needs every candidate
//   e|{email}        -> personId            a person by email (roster sync links Teams members)
//   t|{aadObjectId}  -> personId            a person by Teams identity (every incoming activity)
//   v                (no properties)         the directory's version (kept.ts): list() reads the
//                                           rows again only when its ETag changed
// Index rows are written in the same transaction as the person, so an email or Teams id can
// belong to one person only (a second claim fails with 409) and never points at a stale record.
// So is the version row, rewritten by every save: whoever reads its ETag unchanged knows that no
// person, index or link has changed since the directory was last read with it.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { key, keyPart, scopeKey } from './keys.ts';
import { assertEntityFits } from './limits.ts';
import type { Person, RefusedLink, Role, Scope } from '../model/records.ts';
import { keptByVersion, versionBump } from './kept.ts';
import { etagOf, getRow, listRows } from './rows.ts';

export interface StoredPerson {
  person: Person;
  etag: string;
}

type Entity = Record<string, unknown> & { partitionKey: string; rowKey: string };

const personRow = (id: string): string => key('p', keyPart(id));
const emailRow = (email: string): string => key('e', keyPart(email.toLowerCase()));
const teamsRow = (aadObjectId: string): string => key('t', keyPart(aadObjectId.toLowerCase()));

function indexRows(p: Person): string[] {
  const rows: string[] = [];
  if (p.email) rows.push(emailRow(p.email));
  if (p.aadObjectId) rows.push(teamsRow(p.aadObjectId));
  return rows;
}

function toEntity(pk: string, p: Person): Entity {
  const entity: Entity = {
    partitionKey: pk,
    rowKey: personRow(p.id),
    id: p.id,
    name: p.name,
    capacity: p.capacity,
    initials: p.initials,
    aliases: JSON.stringify(p.aliases),
    email: p.email,
    role: p.role,
    aadObjectId: p.aadObjectId,
    teamsUserId: p.teamsUserId,
    refusedLinks: p.refusedLinks?.length ? JSON.stringify(p.refusedLinks) : undefined,
  };
  assertEntityFits(entity);
  return entity;
}

function toPerson(e: Record<string, unknown>): Person {
  const person: Person = {
    id: String(e.id),
    name: String(e.name),
    initials: String(e.initials),
    aliases: JSON.parse(String(e.aliases ?? '[]')) as string[],
    role: String(e.role) as Role,
  };
  for (const field of ['capacity', 'email', 'aadObjectId', 'teamsUserId'] as const) {
    const value = e[field];
    if (typeof value === 'string') person[field] = value;
  }
  if (typeof e.refusedLinks === 'string') person.refusedLinks = JSON.parse(e.refusedLinks) as RefusedLink[];
  return person;
}

export interface PeopleStore {
  /** The board's directory by name: read again only when it changed; the people in it are frozen (shared). */
  list(scope: Scope): Promise<StoredPerson[]>;
  get(scope: Scope, id: string): Promise<StoredPerson | null>;
  byEmail(scope: Scope, email: string): Promise<StoredPerson | null>;
  byTeamsId(scope: Scope, aadObjectId: string): Promise<StoredPerson | null>;
  /**
   * Creates `next` (when `current` is undefined; 409 if the id, email or Teams id is taken) or
   * replaces `current` if it is unchanged since read (412 otherwise), keeping the indexes in step.
   */
  save(scope: Scope, next: Person, current?: StoredPerson): Promise<StoredPerson>;
}

export function createPeopleStore(table: TableClient): PeopleStore {
  // Safe to keep: kept by the version row's ETag, which every save changes (kept.ts).
  const directory = keptByVersion(table, async (pk) =>
    (await listRows(table, pk, 'p|'))
      .map((row) => ({ person: toPerson(row), etag: row.etag }))
      .sort((a, b) => a.person.name.localeCompare(b.person.name, 'en-GB')),
  );

  async function get(scope: Scope, id: string): Promise<StoredPerson | null> {
    const row = await getRow(table, scopeKey(scope), personRow(id));
    return row ? { person: toPerson(row), etag: row.etag } : null;
  }

  async function byIndex(scope: Scope, rowKey: string): Promise<StoredPerson | null> {
    const row = await getRow(table, scopeKey(scope), rowKey);
    return row ? get(scope, String(row.personId)) : null;
  }

  async function save(scope: Scope, next: Person, current?: StoredPerson): Promise<StoredPerson> {
    const pk = scopeKey(scope);
    const ops: TransactionAction[] = [];
    const main = toEntity(pk, next);
    ops.push(current ? ['update', main, 'Replace', { etag: current.etag }] : ['create', main]);
    const before = current ? indexRows(current.person) : [];
    const after = indexRows(next);
    for (const rk of after)
      if (!before.includes(rk)) ops.push(['create', { partitionKey: pk, rowKey: rk, personId: next.id }]);
    for (const rk of before) if (!after.includes(rk)) ops.push(['delete', { partitionKey: pk, rowKey: rk }]);
    ops.push(versionBump(pk));
    const res = await table.submitTransaction(ops);
    return { person: next, etag: etagOf(res.subResponses, main.rowKey) };
  }

  return {
    get,
    save,
    byEmail: (scope, email) => byIndex(scope, emailRow(email)),
    byTeamsId: (scope, aadObjectId) => byIndex(scope, teamsRow(aadObjectId)),
    async list(scope) {
      return [...(await directory(scopeKey(scope)))];
    },
  };
}
