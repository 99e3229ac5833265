// The people directory as the secretariat keeps it: a CSV with a header
// (name,capacity,initials,aliases,email,role in any order; only name is required).
import { cell, clip, locate } from './csv-columns.ts';
import { parseCsvRecords, type CsvRecord } from './csv.ts';
import { initialsOf } from './initials.ts';
import { normaliseText } from './text.ts';
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

const ROLES: readonly Role[] = ['chair', 'secretariat', 'scrutiny', 'member'];

function personRow(record: CsvRecord, cols: Partial<Record<keyof typeof PEOPLE_COLUMNS, number>>): ParsedPerson {
  const { line, raw } = record;
  const name = cell(record, cols.name);
  if (name === '') return { line, raw, kind: 'error', reason: 'name missing' };

  const initialsCell = cell(record, cols.initials).replace(/[.\s]/g, '').toUpperCase();
  const initials = initialsCell === '' ? initialsOf(name) : initialsCell;
  if (!/^\p{Lu}{1,6}$/u.test(initials)) return { line, raw, kind: 'error', reason: `initials not understood: "${clip(initialsCell || name)}"` };

  const roleCell = cell(record, cols.role).toLowerCase();
  const role = roleCell === '' ? 'member' : ROLES.find((r) => r === roleCell);
  if (!role) return { line, raw, kind: 'error', reason: `role must be chair, secretariat, scrutiny or member, not "${clip(roleCell)}"` };

  const email = cell(record, cols.email).toLowerCase();
  if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return { line, raw, kind: 'error', reason: `email not understood: "${clip(email)}"` };

  const aliases = [...new Set(cell(record, cols.aliases).split(/[;|]/).map(normaliseText).filter((a) => a !== ''))];
  const capacity = cell(record, cols.capacity);
  const person: Omit<Person, 'id' | 'aadObjectId'> = {
    name,
    initials,
    aliases,
    role,
    ...(capacity !== '' ? { capacity } : {}),
    ...(email !== '' ? { email } : {}),
  };
  return { line, raw, kind: 'person', person };
}

/** The people directory: name,capacity,initials,aliases,email,role in any order (only name is required). */
export function parsePeopleCsv(text: string): ParsedPerson[] {
  const out: ParsedPerson[] = [];
  let cols: Partial<Record<keyof typeof PEOPLE_COLUMNS, number>> | undefined;
  for (const record of parseCsvRecords(text)) {
    const { line, raw } = record;
    if (record.error !== undefined) out.push({ line, raw, kind: 'error', reason: record.error });
    else if (record.fields.every((f) => f.trim() === '')) out.push({ line, raw, kind: 'skipped', reason: 'blank line' });
    else if (!cols) {
      cols = locate(record.fields, PEOPLE_COLUMNS);
      if (cols.name === undefined) return [...out, { line, raw, kind: 'error', reason: 'the people CSV header needs a "name" column' }];
      out.push({ line, raw, kind: 'skipped', reason: 'header' });
    } else out.push(personRow(record, cols));
  }
  return out;
}

