// Turns what the secretariat pastes or uploads (the minutes' Actions Arising table, a CSV export,
// the JSON of a minutes record) into lines for the import service (the people directory's CSV is
// people-csv.ts). Pure: every line of the input comes back as an action, a skipped line, or an
// error with a reason a person can act on; nothing is dropped silently.
import type { ActionRef, IsoDate, Status } from './types.ts';
import { cell, clip, headerName, locate } from './csv-columns.ts';
import { parseCsvRecords } from './csv.ts';
import { looksLikeOwners, splitOwnerLabels, splitOwnerLine } from './owners.ts';
import { parseIsoDate, parseRef, parseUkDate, readRefAt } from './refs.ts';
import { parseStatusWord } from './statuses.ts';
import { cleanChars, normaliseText, oneLine, splitLines } from './text.ts';

export type ParsedLine =
  | {
      line: number;
      raw: string;
      kind: 'action';
      ref: ActionRef;
      meeting?: IsoDate;
      ownerText: string;
      ownerForm: 'prefix' | 'subject';
      labels: string[];
      text: string;
      status?: Status;
      outcome?: string;
      due?: IsoDate;
      /** The meeting whose review recorded the status (a minutes record names it). */
      reviewedAt?: IsoDate;
      /** What the line held that is not imported (a column the tracker does not keep), for the report. */
      notes?: string[];
    }
  | { line: number; raw: string; kind: 'skipped'; reason: string }
  | { line: number; raw: string; kind: 'error'; reason: string };

type Fields = { status?: Status; outcome?: string; due?: IsoDate; notes?: string[] };

const TITLE = /^(actions arising|actions|action log|review of (the )?(previous |last )?(meeting'?s? )?actions)\s*:?$/i;
// A header row is made only of these words ('Item Action', 'Ref Action Owner Due date Status').
const HEADER_WORDS = new Set([
  'item',
  'ref',
  'ref.',
  'reference',
  'no',
  'no.',
  'number',
  'action',
  'actions',
  'owner',
  'owners',
  'lead',
  'responsible',
  'status',
  'outcome',
  'due',
  'date',
  'by',
  'when',
  'target',
  'deadline',
  'raised',
  'update',
  'progress',
  'comments',
  'comment',
  'notes',
  'rag',
  'text',
  'task',
  'description',
  '/',
]);

/** A header word as meant: 'ltem' is 'Item' with its capital I copied as a lower-case L. */
function headerWord(word: string): string {
  return word.toLowerCase().replace(/^ltem(s?)$/, 'item$1');
}

function isHeader(line: string): boolean {
  const words = line.split(' ').map(headerWord);
  return (
    ['item', 'ref', 'ref.', 'reference', 'no', 'no.', 'number'].includes(words[0] ?? '') &&
    words.length > 1 &&
    words.every((w) => HEADER_WORDS.has(w))
  );
}

/**
 * Takes a recorded outcome out of the task text: 'Updated to: ...' to the end, or a last sentence
 * 'Completed' ('Add SOH links. Completed.'). A task that would be left empty keeps its words.
 */
export function takeOutcome(text: string): { text: string; outcome?: string } {
  const updated = /(?:^|[\s.;,])(updated to:.*)$/i.exec(text);
  const completed = /(?:^|[.;!]|\s[-\u2013\u2014])\s*completed\.?$/i.exec(text);
  const found = updated
    ? { at: updated.index + updated[0].length - (updated[1]?.length ?? 0), outcome: updated[1]?.trim() ?? '' }
    : completed
      ? { at: completed.index, outcome: 'Completed' }
      : null;
  if (!found) return { text };
  const rest = text.slice(0, found.at).replace(/[\s.;,:\-\u2013\u2014]+$/, '');
  return rest === '' ? { text } : { text: rest, outcome: found.outcome };
}

function isOutcome(col: string): boolean {
  return parseStatusWord(col) !== null || /^(updated to\b|completed\b)/i.test(col);
}

function joinOutcomes(parts: ReadonlyArray<string | undefined>): string | undefined {
  const present = parts.filter((p): p is string => p !== undefined && p !== '');
  return present.length > 0 ? present.join('; ') : undefined;
}

function actionLine(
  line: number,
  raw: string,
  ref: ActionRef,
  owner: { ownerText: string; ownerForm: 'prefix' | 'subject'; labels: string[]; text: string },
  fields: Fields,
): ParsedLine {
  return {
    line,
    raw,
    kind: 'action',
    ref,
    ...(ref.shape === 'none' ? {} : { meeting: ref.meeting }),
    ...owner,
    ...(fields.status !== undefined ? { status: fields.status } : {}),
    ...(fields.outcome !== undefined ? { outcome: fields.outcome } : {}),
    ...(fields.due !== undefined ? { due: fields.due } : {}),
    ...(fields.notes?.length ? { notes: fields.notes } : {}),
  };
}

/** A date written into the task ('... by 28/03/2023') is its due date; the text keeps it. */
export function dueInText(text: string): IsoDate | undefined {
  const m = /\bby (\d{1,2}\/\d{1,2}\/\d{4})\b/i.exec(text);
  return (m?.[1] && parseUkDate(m[1])) || undefined;
}

function parseTextLine(raw: string, line: number): ParsedLine {
  // cleanChars keeps tabs and runs of spaces, which separate the columns of a pasted table.
  const clean = cleanChars(raw).trim();
  const flat = normaliseText(clean);
  if (flat === '') return { line, raw, kind: 'skipped', reason: 'blank line' };
  if (TITLE.test(flat)) return { line, raw, kind: 'skipped', reason: 'title' };
  if (isHeader(flat)) return { line, raw, kind: 'skipped', reason: 'header' };

  const read = readRefAt(clean);
  if (!read) {
    const first = normaliseText(clean.split(/\t| {2,}/)[0] ?? '');
    return { line, raw, kind: 'error', reason: `reference not understood: "${clip(first)}"` };
  }

  const cols = clean
    .slice(read.end)
    .split(/\t| {2,}/)
    .map(normaliseText)
    .filter((c) => c !== '');
  let status: Status | undefined;
  const last = cols[cols.length - 1];
  if (cols.length >= 2 && last !== undefined) {
    const word = parseStatusWord(last);
    if (word) {
      status = word;
      cols.pop();
    }
  }
  // A dash or colon between the reference and the owner ('01.14/03/2023 - JD - ...') is not the owner's.
  const [lead, ...middle] = cols;
  const first = lead?.replace(/^[-\u2013\u2014:|]\s*/, '') || undefined;
  if (first === undefined) return { line, raw, kind: 'error', reason: 'no action after the reference' };

  // Extra columns are an outcome ('Completed', 'Updated to: ...'), an owner in a column of its own,
  // or the task's own words split by a double space in a Word export.
  let joined = first;
  const outcomes: string[] = [];
  let dueColumn: IsoDate | undefined;
  for (const col of middle) {
    const date = parseUkDate(col);
    if (date && dueColumn === undefined) dueColumn = date;
    else if (isOutcome(col)) outcomes.push(col);
    else if (joined === first && looksLikeOwners(first) && !/^([-\u2013\u2014:]|to\s)/i.test(col))
      joined = `${first} - ${col}`;
    else joined = `${joined} ${col}`;
  }
  const owner = splitOwnerLine(joined);
  if ('error' in owner) return { line, raw, kind: 'error', reason: owner.error };
  const taken = takeOutcome(owner.text);
  const split = { ...owner, text: taken.text };
  const outcome = joinOutcomes([taken.outcome, ...outcomes]);
  const due = dueColumn ?? dueInText(split.text);
  return actionLine(line, raw, read.ref, split, {
    ...(status ? { status } : {}),
    ...(outcome !== undefined ? { outcome } : {}),
    ...(due ? { due } : {}),
  });
}

// How the rest of a sentence, or the next item of a list in the same cell, starts: a lower-case
// word, a list mark, a bracket, or a joining word.
const CARRIES_ON = /^(\p{Ll}|[-\u2013\u2014\u2022*(&,;+]|(and|or|but|with)\s)/u;

/**
 * More words for the line above, the rest of a Word cell of several paragraphs: not blank, not a
 * title or header, not starting with a digit or N/A (a reference, or a broken one that must be
 * reported as such); and either it ends with the row's status column, or its words carry on from
 * the line above. Anything else (a stray note after the table) is a line of its own, never
 * appended to an action.
 */
function isContinuation(raw: string): boolean {
  const clean = cleanChars(raw).trim();
  const flat = normaliseText(clean);
  if (flat === '' || TITLE.test(flat) || isHeader(flat) || /^(\d|n\s*\/?\s*a\b)/i.test(flat)) return false;
  const cols = clean.split(/\t| {2,}/).filter((c) => c.trim() !== '');
  if (cols.length === 2 && parseStatusWord(cols[1] ?? '') !== null) return true;
  return cols.length === 1 && CARRIES_ON.test(flat);
}

function strayReason(raw: string, after: number): string {
  return `not an action: "${clip(normaliseText(raw))}" has no reference, and does not read as the rest of line ${after} (if it is, join it to that line; words that carry an action on start in lower case)`;
}

/** The columns of a pasted table whose header names more than a reference and an action. */
interface Columns {
  ref: number;
  action: number;
  owner?: number;
  status?: number;
  outcome?: number;
  due?: number;
  /** The header's cells, to name a column whose values are not imported. */
  names: string[];
}

function tabCells(raw: string): string[] {
  const cells = cleanChars(raw).split('\t').map(normaliseText);
  while (cells.length > 0 && cells.at(-1) === '') cells.pop();
  return cells;
}

/** The columns a tab-separated header names ('Item | Action | Owner | Due date'); undefined for two columns or fewer. */
function headerColumns(raw: string): Columns | undefined {
  const cells = tabCells(raw);
  if (cells.filter((c) => c !== '').length <= 2) return undefined;
  const found = locate(
    cells.map((c) => c.split(' ').map(headerWord).join(' ')),
    ACTION_COLUMNS,
  );
  if (found.ref === undefined || found.action === undefined) return undefined;
  return { ...found, ref: found.ref, action: found.action, names: cells };
}

/**
 * A row read by the header's columns, with the first cells of the lines that continue it; null
 * when its reference column holds no reference (the line is then read as a line).
 */
function columnLine(raw: string, line: number, cols: Columns, more: readonly string[]): ParsedLine | null {
  const cells = tabCells(raw);
  const at = (i: number | undefined): string => (i === undefined ? '' : (cells[i] ?? ''));
  if (!parseRef(at(cols.ref))) return null;
  const used = new Set([cols.ref, cols.action, cols.owner, cols.status, cols.outcome, cols.due]);
  const notes = cells.flatMap((c, i) =>
    c === '' || used.has(i) ? [] : [`the column "${clip(cols.names[i] || `${i + 1}`)}" is not imported: "${clip(c)}"`],
  );
  const parsed = fromValues(line, raw, {
    ref: at(cols.ref),
    owner: at(cols.owner),
    text: [at(cols.action), ...more].join(' ').trim(),
    status: at(cols.status),
    outcome: at(cols.outcome),
    due: at(cols.due),
  });
  return parsed.kind === 'action' && notes.length > 0 ? { ...parsed, notes } : parsed;
}

/**
 * The Actions Arising table (or a review of actions) as pasted from Word, Teams or a text file.
 * A Word cell of several paragraphs pastes as several lines: a line that follows an action and
 * has no reference of its own is joined to it (and reported as 'continues line N'). After a
 * header naming more columns than the reference and the action, each row is read by its columns.
 */
export function parseActionsText(text: string): ParsedLine[] {
  const lines = splitLines(text);
  // The line ending of the last line does not start another line.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const out: ParsedLine[] = [];
  let cols: Columns | undefined;
  let group: { index: number; line: number; raw: string; first: string; more: string[] } | undefined;
  const parse = (raw: string, line: number, first = raw, more: readonly string[] = []): ParsedLine =>
    (cols && columnLine(first, line, cols, more)) || parseTextLine(raw, line);
  lines.forEach((raw, i) => {
    if (group && isContinuation(raw)) {
      group.raw = `${group.raw.replace(/\s+$/, '')} ${raw.trim()}`;
      group.more.push(normaliseText(tabCells(raw).find((c) => c !== '') ?? ''));
      out[group.index] = parse(group.raw, group.line, group.first, group.more);
      out.push({ line: i + 1, raw, kind: 'skipped', reason: `continues line ${group.line}` });
      return;
    }
    const parsed = parse(raw, i + 1);
    if (parsed.kind === 'skipped' && parsed.reason === 'header') cols = headerColumns(raw);
    // Words after an action that do not carry it on: said plainly, so nobody wonders where they went.
    if (group && parsed.kind === 'error' && !readRefAt(cleanChars(raw).trim()) && !/^\s*\d/.test(raw))
      out.push({ ...parsed, reason: strayReason(raw, group.line) });
    else out.push(parsed);
    group = parsed.kind === 'action' ? { index: out.length - 1, line: i + 1, raw, first: raw, more: [] } : undefined;
  });
  return out;
}

/** The rows of a table (the minutes' Actions Arising), each its cells' text, read as pasted lines. */
export function parseActionRows(rows: ReadonlyArray<readonly string[]>): ParsedLine[] {
  return parseActionsText(rows.map((cells) => cells.map((c) => c.replace(/[\t\r\n]+/g, ' ')).join('\t')).join('\n'));
}

// Header names accepted for each CSV column, compared lower case with punctuation removed.
const ACTION_COLUMNS = {
  ref: ['ref', 'reference', 'item', 'ref no', 'action ref', 'no', 'number', 'item no'],
  owner: ['owner', 'owners', 'lead', 'action owner', 'responsible'],
  action: ['action', 'text', 'task', 'description', 'action text'],
  status: ['status'],
  outcome: ['outcome', 'update', 'progress', 'result', 'comments', 'notes'],
  due: ['due', 'due date', 'deadline', 'due by', 'target date', 'date due', 'by when'],
} as const;

/** Status, outcome and due from their own cells; a string is the reason the line is an error. */
function readFields(status: string, outcome: string, due: string): Fields | string {
  const out: Fields = {};
  if (status !== '') {
    const s = parseStatusWord(status);
    if (!s) return `status not understood: "${clip(status)}"`;
    out.status = s;
  }
  if (outcome !== '') out.outcome = outcome;
  if (due !== '') {
    const d = parseUkDate(due) ?? parseIsoDate(due);
    if (!d) return `due date not understood: "${clip(due)}" (expected dd/MM/yyyy)`;
    out.due = d;
  }
  return out;
}

/** One action given as separate values (a CSV row, a JSON object). */
function fromValues(
  line: number,
  raw: string,
  v: { ref: string; owner: string | readonly string[]; text: string; status: string; outcome: string; due: string },
): ParsedLine {
  if (v.ref === '') return { line, raw, kind: 'error', reason: 'reference missing' };
  const ref = parseRef(v.ref);
  if (!ref) return { line, raw, kind: 'error', reason: `reference not understood: "${clip(v.ref)}"` };
  if (v.text === '') return { line, raw, kind: 'error', reason: 'no action text' };
  const fields = readFields(v.status, v.outcome, v.due);
  if (typeof fields === 'string') return { line, raw, kind: 'error', reason: fields };

  const owners =
    typeof v.owner === 'string' ? splitOwnerLabels(v.owner) : v.owner.map(normaliseText).filter((o) => o !== '');
  let split;
  if (owners.length > 0) {
    // An owner given in a field of its own is taken as written: it need not look like initials.
    const ownerText = typeof v.owner === 'string' ? normaliseText(v.owner) : owners.join(' / ');
    split = { ownerText, ownerForm: 'prefix' as const, labels: owners, text: v.text };
  } else {
    const found = splitOwnerLine(v.text);
    if ('error' in found) return { line, raw, kind: 'error', reason: found.error };
    split = found;
  }
  // Without an outcome of its own, an outcome written into the text is taken out of it.
  const taken = fields.outcome === undefined ? takeOutcome(split.text) : { text: split.text };
  const owner = { ...split, text: taken.text };
  const due = fields.due ?? dueInText(owner.text);
  return actionLine(line, raw, ref, owner, {
    ...fields,
    ...(taken.outcome !== undefined ? { outcome: taken.outcome } : {}),
    ...(due ? { due } : {}),
  });
}

/** A CSV of actions; columns found by their header (ref, owner?, action, status?, outcome?, due?). */
export function parseActionsCsv(text: string): ParsedLine[] {
  const out: ParsedLine[] = [];
  let cols: Partial<Record<keyof typeof ACTION_COLUMNS, number>> | undefined;
  for (const record of parseCsvRecords(text)) {
    const { line, raw } = record;
    if (record.error !== undefined) {
      out.push({ line, raw, kind: 'error', reason: record.error });
    } else if (record.fields.every((f) => f.trim() === '')) {
      out.push({ line, raw, kind: 'skipped', reason: 'blank line' });
    } else if (!cols) {
      cols = locate(record.fields, ACTION_COLUMNS);
      if (cols.ref === undefined || cols.action === undefined) {
        return [
          ...out,
          { line, raw, kind: 'error', reason: 'the CSV header needs a "ref" and an "action" (or "text") column' },
        ];
      }
      out.push({ line, raw, kind: 'skipped', reason: 'header' });
    } else {
      out.push(
        fromValues(line, raw, {
          ref: cell(record, cols.ref),
          owner: cell(record, cols.owner),
          text: cell(record, cols.action),
          status: cell(record, cols.status),
          outcome: cell(record, cols.outcome),
          due: cell(record, cols.due),
        }),
      );
    }
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A JSON value that should be a string (or absent); null when it is some other type. */
function str(v: unknown): string | null {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? oneLine(v) : null;
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x: unknown) => typeof x === 'string');
}

/** An item as JSON for the report; a forged item nested deeper than JSON.stringify can recurse is named, not written. */
function rawJson(item: unknown): string {
  try {
    return JSON.stringify(item) ?? '';
  } catch (err) {
    if (err instanceof RangeError) return '(nested too deeply to show)';
    throw err;
  }
}

function jsonItem(item: unknown, line: number): ParsedLine {
  const raw = rawJson(item);
  if (!isObject(item)) return { line, raw, kind: 'error', reason: 'expected an object with "ref" and "text"' };
  const values = {
    ref: str(item.ref),
    text: str(item.text),
    status: str(item.status),
    outcome: str(item.outcome),
    due: str(item.due),
  };
  for (const [name, value] of Object.entries(values)) {
    if (value === null) return { line, raw, kind: 'error', reason: `"${name}" must be a string` };
  }
  let owner: string | string[];
  const list: unknown = item.owner;
  if (isStringList(list)) owner = list.map(oneLine);
  else {
    const o = str(item.owner);
    if (o === null) return { line, raw, kind: 'error', reason: '"owner" must be a string or a list of strings' };
    owner = o;
  }
  return fromValues(line, raw, {
    ref: values.ref ?? '',
    text: values.text ?? '',
    status: values.status ?? '',
    outcome: values.outcome ?? '',
    due: values.due ?? '',
    owner,
  });
}

/**
 * An array of `{ ref, owner?, text, outcome?, status?, due? }`, or an object holding such arrays
 * under `actions` and/or `reviewOfPreviousActions` (both are read, in the order they appear; the
 * line number counts through them together).
 */
export function parseActionsJson(text: string): ParsedLine[] {
  const source = text.replace(/^\ufeff/, '');
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (e) {
    return [
      {
        line: 1,
        raw: clip(source, 200),
        kind: 'error',
        reason: `invalid JSON: ${e instanceof Error ? e.message : String(e)}`,
      },
    ];
  }
  let items: unknown[];
  if (Array.isArray(data)) items = data;
  else if (isObject(data)) {
    const lists = Object.keys(data).filter((k) => k === 'actions' || k === 'reviewOfPreviousActions');
    if (lists.length === 0 || lists.some((k) => !Array.isArray(data[k]))) {
      return [
        {
          line: 1,
          raw: clip(source, 200),
          kind: 'error',
          reason: 'expected an array of actions, or "actions" / "reviewOfPreviousActions" arrays',
        },
      ];
    }
    items = lists.flatMap((k): unknown[] => {
      const list: unknown = data[k];
      return Array.isArray(list) ? list : [];
    });
    // A minutes record ({ meeting: { date }, reviewOfPreviousActions }) says which meeting reviewed them.
    const meeting: unknown = data.meeting;
    const reviewedAt = isObject(meeting) && typeof meeting.date === 'string' ? parseIsoDate(meeting.date) : null;
    if (reviewedAt) {
      return items.map((item, i) => {
        const line = jsonItem(item, i + 1);
        return line.kind === 'action' && line.status ? { ...line, reviewedAt } : line;
      });
    }
  } else {
    return [{ line: 1, raw: clip(source, 200), kind: 'error', reason: 'expected an array of actions' }];
  }
  return items.map((item, i) => jsonItem(item, i + 1));
}

function looksLikeActionsCsv(text: string): boolean {
  const first = splitLines(text.replace(/^\ufeff/, '')).find((l) => l.trim() !== '');
  if (!first?.includes(',')) return false;
  const cells = first.split(',').map(headerName);
  return (
    cells.some((c) => ACTION_COLUMNS.ref.some((n) => n === c)) &&
    cells.some((c) => ACTION_COLUMNS.action.some((n) => n === c))
  );
}

/** Any of the three formats; without `format`, JSON if it starts with { or [, CSV if it has a ref/action header, else text. */
export function parseActions(text: string, format?: 'text' | 'csv' | 'json'): ParsedLine[] {
  const kind =
    format ??
    (/^[{[]/.test(text.replace(/^\ufeff/, '').trimStart()) ? 'json' : looksLikeActionsCsv(text) ? 'csv' : 'text');
  if (kind === 'json') return parseActionsJson(text);
  if (kind === 'csv') return parseActionsCsv(text);
  return parseActionsText(text);
}
