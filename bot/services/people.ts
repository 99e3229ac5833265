// The people directory: imported from the secretariat's CSV, matched by email (or by name when a
// row has no email), so importing the same file twice changes nothing.
import { isAlreadyExists, isConflict } from '../../storage/errors.ts';
import type { StoredPerson } from '../../storage/people.ts';
import { clip } from '../rules/csv-columns.ts';
import { couldBe, resolveOwner } from '../rules/owners.ts';
import { parsePeopleCsv } from '../rules/people-csv.ts';
import { MAX_IMPORT_CHARS } from '../rules/limits.ts';
import { RefusedError } from '../rules/refused.ts';
import type { Person } from '../rules/types.ts';
import type { BoardContext } from './board-context.ts';

export type PersonResult = 'added' | 'updated' | 'unchanged' | 'skipped' | 'error';

export interface PeopleImportLine {
  line: number;
  result: PersonResult;
  name?: string;
  reason?: string;
  warnings: string[];
}

export interface PeopleImportReport {
  lines: PeopleImportLine[];
  counts: Record<PersonResult, number>;
}

const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** A readable, stable id from the name: 'Sam Carter-Lee' -> 'sam-carter-lee'. */
export function personIdFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    norm(name)
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'person';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

function samePerson(a: Person, b: Person): boolean {
  return (
    JSON.stringify({ ...a, aliases: [...a.aliases].sort() }) ===
    JSON.stringify({ ...b, aliases: [...b.aliases].sort() })
  );
}

export async function importPeople(t: BoardContext, csv: string): Promise<PeopleImportReport> {
  if (csv.length > MAX_IMPORT_CHARS)
    throw new RefusedError(
      `the file is ${csv.length.toLocaleString('en-GB')} characters; the limit is ${MAX_IMPORT_CHARS.toLocaleString('en-GB')}`,
    );
  const store = t.stores.people;
  const directory = new Map<string, StoredPerson>((await store.list(t.scope)).map((p) => [p.person.id, p]));
  const lines: PeopleImportLine[] = [];

  for (const row of parsePeopleCsv(csv)) {
    if (row.kind !== 'person') {
      lines.push({ line: row.line, result: row.kind, reason: row.reason, warnings: [] });
      continue;
    }
    const incoming = row.person;
    const find = (): StoredPerson | undefined =>
      [...directory.values()].find((p) =>
        incoming.email ? p.person.email === incoming.email : norm(p.person.name) === norm(incoming.name),
      );
    try {
      let result: PersonResult = 'unchanged';
      for (let attempt = 1; ; attempt++) {
        const current = find();
        const next: Person = current
          ? {
              ...current.person,
              ...incoming,
              ...(current.person.aadObjectId ? { aadObjectId: current.person.aadObjectId } : {}),
            }
          : { ...incoming, id: personIdFor(incoming.name, new Set(directory.keys())) };
        if (current && samePerson(current.person, next)) break;
        try {
          const saved = await store.save(t.scope, next, current);
          directory.set(saved.person.id, saved);
          result = current ? 'updated' : 'added';
          break;
        } catch (err) {
          if (isAlreadyExists(err) && !current && incoming.email && (await store.byEmail(t.scope, incoming.email))) {
            throw new RefusedError(`email ${incoming.email} already belongs to someone else in the directory`);
          }
          if (!(isConflict(err) || isAlreadyExists(err)) || attempt >= 5) throw err;
          for (const p of await store.list(t.scope)) directory.set(p.person.id, p);
        }
      }
      const sharing = [...directory.values()].filter(
        (p) => p.person.initials === incoming.initials && norm(p.person.name) !== norm(incoming.name),
      );
      const warnings = sharing.length
        ? [
            `initials ${incoming.initials} are also ${sharing.map((p) => p.person.name).join(', ')}'s: "${incoming.initials}" in the minutes will be ambiguous until an alias tells them apart`,
          ]
        : [];
      lines.push({ line: row.line, result, name: incoming.name, warnings });
    } catch (err) {
      if (!(err instanceof RefusedError)) throw err;
      lines.push({ line: row.line, result: 'error', name: incoming.name, reason: err.message, warnings: [] });
    }
  }
  const counts: Record<PersonResult, number> = { added: 0, updated: 0, unchanged: 0, skipped: 0, error: 0 };
  for (const l of lines) counts[l.result]++;
  return { lines, counts };
}

export async function listPeople(t: BoardContext): Promise<Person[]> {
  return (await t.stores.people.list(t.scope)).map((p) => p.person);
}

/** One directory person by email (any case), or by initials, an alias or a name as the minutes write them. */
export async function findPerson(t: BoardContext, who: string): Promise<StoredPerson> {
  const said = who.trim();
  if (said === '') throw new RefusedError('say who: their email or their initials');
  const notFound = new RefusedError(`nobody in the directory is "${clip(said)}"`);
  if (said.includes('@')) {
    const stored = await t.stores.people.byEmail(t.scope, said);
    if (!stored) throw notFound;
    return stored;
  }
  const all = await t.stores.people.list(t.scope);
  const r = resolveOwner(
    said,
    all.map((p) => p.person),
  );
  if (r.kind === 'ambiguous') throw new RefusedError(`${couldBe(r, clip(said))}: say their email`);
  const stored = r.kind === 'person' ? all.find((p) => p.person.id === r.personId) : undefined;
  if (!stored) throw notFound;
  return stored;
}
