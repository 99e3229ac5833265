// The minutes' "Schedule of Deep Dive Subjects", and the chat's `deep dive April: Repeat Victims`:
// a month (with an optional year and quarter), then the topic. Pure. A schedule is read as rows of
// cells (a pasted line is split at its tabs): with a header row, each value comes from its own
// column (the topic only from the topic column, never 'OPCC Publish' or 'Performance Month');
// without one, from what each cell holds. A year written on some rows ('Jan 2023') is carried to
// the rows around it; a schedule with none starts from a reference date.
import { headerName } from './csv-columns.ts';
import { normaliseText, splitLines } from './text.ts';
import type { IsoDate } from './types.ts';

export const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

/** 'Sept', 'sep.', 'September' -> 8 (0-based); null when the word is not a month (three letters at least). */
export function monthIndex(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return null;
  const index = MONTHS.findIndex((m) => m.startsWith(w));
  return index < 0 ? null : index;
}

export type ScheduleLine =
  | { line: number; kind: 'entry'; month: string /* 'yyyy-MM' */; focus?: string; topic?: string }
  | { line: number; kind: 'skipped'; reason: string }
  | { line: number; kind: 'error'; reason: string };

/** A schedule row as read, its focus and quarter apart ('P&P', 'Q1'); no topic for 'Nil'. */
export type ScheduleRow =
  | { line: number; kind: 'entry'; month: string; focus?: string; quarter?: string; topic?: string }
  | { line: number; kind: 'skipped'; reason: string }
  | { line: number; kind: 'error'; reason: string };

/** 'April' -> the next April on or after `from` ('2021-04'); 'April 2022' -> '2022-04'. */
export function resolveMonth(word: string, year: number | undefined, from: IsoDate): string | null {
  const index = monthIndex(word);
  if (index === null) return null;
  return `${year ?? nextYear(index, from)}-${String(index + 1).padStart(2, '0')}`;
}

function nextYear(index: number, from: IsoDate): number {
  const [fromYear, fromMonth] = from.split('-').map(Number) as [number, number];
  return index + 1 >= fromMonth ? fromYear : fromYear + 1;
}

/** The year that puts the month within six months either side of `around` (a schedule in minutes of that date). */
function nearYear(index: number, around: IsoDate): number {
  const [year, month] = around.split('-').map(Number) as [number, number];
  const diff = index + 1 - month;
  return diff > 6 ? year - 1 : diff < -5 ? year + 1 : year;
}

const MONTH_CELL = /^([A-Za-z]{3,9})\.?(?:,?\s+(\d{4}))?$/;
const QUARTER = /^Q[1-4]$/i;
const FOCUS = /^(R&R|E&E|P&P)(?:\s+(Q[1-4]))?$/i;
// A topic cell that says there is none.
const NO_TOPIC = /^(nil|none|n\/a|-|\u2013|\u2014)\.?$/i;
// "July Q1 - Learning and Development", "August 2020\tE&E\tL&D / Domestic Violence", "October Q2: Roads Policing"
const LINE = /^([A-Za-z]{3,9})\.?(?:\s+(\d{4}))?(?:\s+(Q[1-4]))?\s*(?:[-\u2013\u2014:|\t]|\s{2,})\s*(.+)$/;

interface Parts {
  month: number;
  year?: number;
  focus?: string;
  quarter?: string;
  topic?: string;
}

type Read = Parts | { kind: 'skipped' | 'error'; reason: string };

function topicOf(text: string): string | undefined {
  const t = normaliseText(text).replace(/^[-\u2013\u2014:]\s*/, '');
  return t === '' || NO_TOPIC.test(t) ? undefined : t;
}

/**
 * The cells after the month, read by what they hold: a month (the performance month) and a second
 * focus code (OPCC Publish) are not the topic; a quarter and the first focus code are kept.
 */
function byContent(month: Parts, cells: readonly string[]): Parts {
  const out: Parts = { ...month };
  const words: string[] = [];
  for (const cell of cells) {
    const focus = FOCUS.exec(cell);
    if (QUARTER.test(cell)) out.quarter ??= cell.toUpperCase();
    else if (focus) {
      if (out.focus === undefined) {
        out.focus = (focus[1] ?? '').toUpperCase();
        if (focus[2]) out.quarter ??= focus[2].toUpperCase();
      }
    } else if (cells.length === 1 || monthIndex(cell) === null || !MONTH_CELL.test(cell)) words.push(cell);
  }
  const topic = topicOf(words.join(' '));
  return topic === undefined ? out : { ...out, topic };
}

/** One line without a header to go by: 'Month [year] [Qn] - topic', its cells read by what they hold. */
function readLine(text: string): Read {
  const clean = normaliseText(text.replace(/\t/g, ' | '));
  if (clean === '' || /^[|\s]*$/.test(clean)) return { kind: 'skipped', reason: 'blank line' };
  if (/^(schedule of deep dive|month\b)/i.test(clean)) return { kind: 'skipped', reason: 'heading' };
  const m = LINE.exec(clean);
  if (!m) return { kind: 'error', reason: `expected "Month - topic", e.g. "April - Repeat Victims"` };
  const month = monthIndex(m[1] ?? '');
  if (month === null) return { kind: 'error', reason: `"${m[1]}" is not a month` };
  const cells = (m[4] ?? '')
    .split('|')
    .map((c) => c.trim())
    .filter(Boolean);
  return byContent(
    { month, ...(m[2] ? { year: Number(m[2]) } : {}), ...(m[3] ? { quarter: m[3].toUpperCase() } : {}) },
    cells,
  );
}

interface Columns {
  month: number;
  topic?: number;
  focus?: number;
  quarter?: number;
}

/** The columns a header row names; null when the row is not a schedule's header (it names no month column). */
function headerColumns(cells: readonly string[]): Columns | null {
  const names = cells.map(headerName);
  const month = names.findIndex((n) => /^((pam|meeting) )?month$|^(pam|meeting)$/.test(n));
  if (month < 0) return null;
  const find = (re: RegExp): number | undefined => {
    const i = names.findIndex((n, j) => j !== month && re.test(n));
    return i < 0 ? undefined : i;
  };
  const topic = find(/topic|deep dive|subject/);
  const focus = find(/focus|theme/);
  const quarter = find(/^(quarter|qtr|q)$/);
  return {
    month,
    ...(topic !== undefined ? { topic } : {}),
    ...(focus !== undefined ? { focus } : {}),
    ...(quarter !== undefined ? { quarter } : {}),
  };
}

/** The unheaded quarter column: the one whose filled cells are all 'Q1'..'Q4'. */
function quarterColumn(rows: ReadonlyArray<readonly string[]>, cols: Columns): number | undefined {
  const taken = new Set([cols.month, cols.topic, cols.focus]);
  const width = Math.max(0, ...rows.map((r) => r.length));
  for (let i = 0; i < width; i++) {
    if (taken.has(i)) continue;
    const filled = rows.map((r) => normaliseText(r[i] ?? '')).filter((c) => c !== '');
    if (filled.length > 0 && filled.every((c) => QUARTER.test(c))) return i;
  }
  return undefined;
}

function readColumns(cells: readonly string[], cols: Columns): Read {
  const at = (i: number | undefined): string => (i === undefined ? '' : normaliseText(cells[i] ?? ''));
  if (cells.every((c) => normaliseText(c) === '')) return { kind: 'skipped', reason: 'blank line' };
  const monthCell = at(cols.month);
  const m = MONTH_CELL.exec(monthCell);
  const month = m ? monthIndex(m[1] ?? '') : null;
  if (!m || month === null) return { kind: 'error', reason: `"${monthCell}" is not a month` };
  const focus = FOCUS.exec(at(cols.focus));
  const quarter = QUARTER.test(at(cols.quarter)) ? at(cols.quarter).toUpperCase() : focus?.[2]?.toUpperCase();
  // Without a topic column, the cells no other column took are read by what they hold.
  if (cols.topic === undefined) {
    const rest = cells.filter((_, i) => i !== cols.month && i !== cols.focus && i !== cols.quarter).map(normaliseText);
    const parts = byContent({ month }, rest.filter(Boolean));
    return {
      ...parts,
      ...(m[2] ? { year: Number(m[2]) } : {}),
      ...(focus?.[1] ? { focus: focus[1].toUpperCase() } : {}),
      ...(quarter ? { quarter } : {}),
    };
  }
  const topic = topicOf(at(cols.topic));
  return {
    month,
    ...(m[2] ? { year: Number(m[2]) } : {}),
    ...(focus?.[1] ? { focus: focus[1].toUpperCase() } : {}),
    ...(quarter ? { quarter } : {}),
    ...(topic !== undefined ? { topic } : {}),
  };
}

/**
 * The years of a run of months: a year written on a row holds from there on, a month earlier than
 * the one before it starts the next year, and rows before the first written year count back from it
 * (Nov and Dec before 'Jan 2023' are 2022). Without any, the first row's year comes from `first`.
 */
function carryYears(rows: ReadonlyArray<{ month: number; year?: number }>, first: (month: number) => number): number[] {
  const years: number[] = [];
  const anchor = Math.max(
    0,
    rows.findIndex((r) => r.year !== undefined),
  );
  const start = rows[anchor];
  if (!start) return years;
  years[anchor] = start.year ?? first(start.month);
  for (let i = anchor + 1; i < rows.length; i++) {
    const row = rows[i];
    const prev = rows[i - 1];
    const before = years[i - 1] ?? 0;
    if (!row || !prev) continue;
    years[i] = row.year ?? (row.month < prev.month ? before + 1 : before);
  }
  for (let i = anchor - 1; i >= 0; i--) {
    const row = rows[i];
    const next = rows[i + 1];
    const after = years[i + 1] ?? 0;
    if (!row || !next) continue;
    years[i] = row.month > next.month ? after - 1 : after;
  }
  return years;
}

/**
 * A schedule as rows of cells. `from` places a schedule that writes no year: 'next' (a schedule
 * pasted in the chat: its first month is the next such month) or 'around' (a schedule in minutes of
 * that date: its first month within six months of it); without it, such a schedule's rows are errors.
 */
export function readDeepDiveRows(
  rows: ReadonlyArray<{ line: number; cells: readonly string[] }>,
  from: IsoDate | undefined,
  place: 'next' | 'around' = 'next',
): ScheduleRow[] {
  let cols: Columns | null = null;
  const headed = rows.findIndex((r) => headerColumns(r.cells) !== null);
  if (headed >= 0) {
    const header = headerColumns(rows[headed]?.cells ?? []);
    if (header) {
      const quarter =
        header.quarter ??
        quarterColumn(
          rows.slice(headed + 1).map((r) => r.cells),
          header,
        );
      cols = { ...header, ...(quarter !== undefined ? { quarter } : {}) };
    }
  }
  const read = rows.map((r, i): Read => {
    if (i === headed) return { kind: 'skipped', reason: 'heading' };
    if (cols && i > headed) return readColumns(r.cells, cols);
    return readLine(r.cells.join('\t'));
  });
  const entries = read.flatMap((r, i) => ('month' in r ? [{ i, parts: r }] : []));
  const years = carryYears(
    entries.map((e) => e.parts),
    (m) => (from === undefined ? NaN : place === 'next' ? nextYear(m, from) : nearYear(m, from)),
  );
  const yearOf = new Map(entries.map((e, n) => [e.i, years[n] ?? 0]));
  return read.map((r, i): ScheduleRow => {
    const line = rows[i]?.line ?? i + 1;
    if (!('month' in r)) return { line, ...r };
    const year = yearOf.get(i) ?? NaN;
    if (Number.isNaN(year)) return { line, kind: 'error', reason: 'no year: write it on one row ("Jan 2023")' };
    const month = `${year}-${String(r.month + 1).padStart(2, '0')}`;
    return {
      line,
      kind: 'entry',
      month,
      ...(r.focus ? { focus: r.focus } : {}),
      ...(r.quarter ? { quarter: r.quarter } : {}),
      ...(r.topic ? { topic: r.topic } : {}),
    };
  });
}

/** The focus as the calendar keeps it: 'P&P Q1'; a quarter alone falls on a P&P month. */
export function calendarFocus(focus: string | undefined, quarter: string | undefined): string | undefined {
  const base = focus ?? (quarter ? 'P&P' : undefined);
  return base ? `${base}${quarter ? ` ${quarter}` : ''}` : undefined;
}

function asLine(row: ScheduleRow): ScheduleLine {
  if (row.kind !== 'entry') return row;
  const focus = calendarFocus(row.focus, row.quarter);
  return {
    line: row.line,
    kind: 'entry',
    month: row.month,
    ...(focus ? { focus } : {}),
    ...(row.topic ? { topic: row.topic } : {}),
  };
}

/** One line, `deep dive April: Repeat Victims`: the month is the next such month from `from`. */
export function parseDeepDive(text: string, from: IsoDate, line = 1): ScheduleLine {
  const read = readLine(text);
  if (!('month' in read)) return { line, ...read };
  const { month, year, topic, focus, quarter } = read;
  if (topic === undefined) return { line, kind: 'error', reason: 'no deep-dive topic after the month' };
  const yyyyMm = `${year ?? nextYear(month, from)}-${String(month + 1).padStart(2, '0')}`;
  return asLine({
    line,
    kind: 'entry',
    month: yyyyMm,
    topic,
    ...(focus ? { focus } : {}),
    ...(quarter ? { quarter } : {}),
  });
}

/** The schedule pasted in the chat or from a file: a row a line, cells split at tabs. */
export function parseDeepDiveSchedule(text: string, from: IsoDate): ScheduleLine[] {
  const lines = splitLines(text);
  if (lines.at(-1) === '') lines.pop(); // the last line's ending starts no line
  return readDeepDiveRows(
    lines.map((l, i) => ({ line: i + 1, cells: l.split('\t') })),
    from,
  ).map(asLine);
}
