// The people directory as the secretariat keeps it: a CSV with a header
// (name,capacity,initials,aliases,email,role in any order; only name is required).
import { cell, clip, locate } from './csv-columns.ts';
import { parseCsvRecords, type CsvRecord } from './csv.ts';
import { initialsOf } from './initials.ts';
import { keptLine, MAX_EMAIL } from './limits.ts';
import { RefusedError } from './refused.ts';
import type { Person, Role } from './types.ts';

export type ParsedPerson =
  | { line: number; raw: string; kind: 'person'; person: Omit<Person, 'id' | 'aadObjectId'> }
  | { line: number; raw: string; kind: 'error'; reason: string }
  | { line: number; raw: string; kind: 'skipped'; reason: string };

const PEOPLE_COLUMNS = {
  name: ['name', 'full name'],
  capacity: ['capacity', 'job title', 'title', 'position'],
  initials: ['initials'],
  aliases: ['aliases', 'alias', 'also known as'],
  email: ['email', 'e mail', 'email address'],
  role: ['role'],
} as const;

/** Every alias of one person, in one cell. */
const MAX_ALIASES = 2_000;

const ROLES: readonly Role[] = ['chair', 'secretariat', 'scrutiny', 'member'];

function personRow(record: CsvRecord, cols: Partial<Record<keyof typeof PEOPLE_COLUMNS, number>>): ParsedPerson {
  const { line, raw } = record;
  try {
    return { line, raw, kind: 'person', person: personOf(record, cols) };
  } catch (err) {
    if (err instanceof RefusedError) return { line, raw, kind: 'error', reason: err.message };
    throw err;
  }
}

/** One row's person: every cell kept by the text rule (keptLine), or refused with the reason. */
function personOf(
  record: CsvRecord,
  cols: Partial<Record<keyof typeof PEOPLE_COLUMNS, number>>,
): Omit<Person, 'id' | 'aadObjectId'> {
  const field = (col: keyof typeof PEOPLE_COLUMNS, what: string, max?: number): string =>
    keptLine(what, cell(record, cols[col]), max);
  const name = field('name', 'the name');
  if (name === '') throw new RefusedError('name missing');

  const initialsCell = field('initials', 'the initials column').replace(/[.\s]/g, '').toUpperCase();
  const initials = initialsCell === '' ? initialsOf(name) : initialsCell;
  if (!/^\p{Lu}{1,6}$/u.test(initials))
    throw new RefusedError(`initials not understood: "${clip(initialsCell || name)}"`);

  const roleCell = field('role', 'the role').toLowerCase();
  const role = roleCell === '' ? 'member' : ROLES.find((r) => r === roleCell);
  if (!role) throw new RefusedError(`role must be chair, secretariat, scrutiny or member, not "${clip(roleCell)}"`);

  const email = field('email', 'the email', MAX_EMAIL).toLowerCase();
  if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new RefusedError(`email not understood: "${clip(email)}"`);

  const aliases = [
    ...new Set(
      field('aliases', 'the list of aliases', MAX_ALIASES)
        .split(/[;|]/)
        .map((a) => keptLine('an alias', a))
        .filter((a) => a !== ''),
    ),
  ];
  const capacity = field('capacity', 'the capacity');
  return {
    name,
    initials,
    aliases,
    role,
    ...(capacity !== '' ? { capacity } : {}),
    ...(email !== '' ? { email } : {}),
  };
}

/** The people directory: name,capacity,initials,aliases,email,role in any order (only name is required). */
export function parsePeopleCsv(text: string): ParsedPerson[] {
  const out: ParsedPerson[] = [];
  let cols: Partial<Record<keyof typeof PEOPLE_COLUMNS, number>> | undefined;
  for (const record of parseCsvRecords(text)) {
    const { line, raw } = record;
    if (record.error !== undefined) out.push({ line, raw, kind: 'error', reason: record.error });
    else if (record.fields.every((f) => f.trim() === ''))
      out.push({ line, raw, kind: 'skipped', reason: 'blank line' });
    else if (!cols) {
      cols = locate(record.fields, PEOPLE_COLUMNS);
      if (cols.name === undefined)
        return [...out, { line, raw, kind: 'error', reason: 'the people CSV header needs a "name" column' }];
      out.push({ line, raw, kind: 'skipped', reason: 'header' });
    } else out.push(personRow(record, cols));
  }
  return out;
}
