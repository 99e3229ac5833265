// Action references in the three shapes the minutes use (see shared/domain.md):
//   numbered `02.14/03/2023`, item `05 14/03/2023.ii` (or `06 14/03/2023`), and `N/A`.
import { createHash } from 'node:crypto';
import type { ActionRef, IsoDate } from './types.ts';
import { normaliseText } from './text.ts';

// One item rarely raises more than a handful of actions; xx is a generous ceiling that still
// stops a stray word ('vivid') from being read as a numeral.
export const ROMANS = [
  'i',
  'ii',
  'iii',
  'iv',
  'v',
  'vi',
  'vii',
  'viii',
  'ix',
  'x',
  'xi',
  'xii',
  'xiii',
  'xiv',
  'xv',
  'xvi',
  'xvii',
  'xviii',
  'xix',
  'xx',
] as const;

function isRoman(s: string): boolean {
  return (ROMANS as readonly string[]).includes(s);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoFromParts(day: number, month: number, year: number): IsoDate | null {
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Reads a UK date, `d/M/yyyy` or `dd/MM/yyyy`; null when it is not a real calendar date. */
export function parseUkDate(s: string): IsoDate | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(normaliseText(s));
  if (!m) return null;
  return isoFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Reads an ISO calendar date `yyyy-MM-dd`; null when it is not a real calendar date. */
export function parseIsoDate(s: string): IsoDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!m) return null;
  return isoFromParts(Number(m[3]), Number(m[2]), Number(m[1]));
}

/** 'yyyy-MM-dd' -> 'dd/MM/yyyy'. Throws on anything that is not an ISO date: that is a bug upstream. */
export function formatUkDate(d: IsoDate): string {
  const iso = parseIsoDate(d);
  if (!iso) throw new RangeError(`not an ISO date: "${d}"`);
  const [y, m, day] = iso.split('-');
  return `${day}/${m}/${y}`;
}

// The number and date of a reference. The item shape's space is itself part of the reference, so
// a line is matched from its start with these rather than split into columns first.
const DATE = String.raw`(\d{1,2})\/(\d{1,2})\/(\d{4})`;
const SUB = String.raw`(?:[ \t]*\.[ \t]*([ivx]+))?`;
// A reference ends at whitespace or the end; a stray full stop or colon after it is tolerated.
const END = String.raw`[.:]?(?=\s|$)`;
const NUMBERED = new RegExp(String.raw`^(\d{1,3})[ \t]*\.[ \t]*${DATE}${SUB}${END}`, 'i');
const ITEM = new RegExp(String.raw`^(\d{1,3})[ \t]+${DATE}${SUB}${END}`, 'i');
const NONE = new RegExp(String.raw`^(?:n[ \t]*\/[ \t]*a|na)${END}`, 'i');

/**
 * Reads a reference at the very start of `line` (already free of NBSP etc., see cleanChars) and
 * says where it ended. Null when the line does not start with a valid reference.
 */
export function readRefAt(line: string): { ref: ActionRef; end: number } | null {
  const none = NONE.exec(line);
  if (none) return { ref: { shape: 'none' }, end: none[0].length };
  for (const [shape, re] of [
    ['numbered', NUMBERED],
    ['item', ITEM],
  ] as const) {
    const m = re.exec(line);
    if (!m) continue;
    const number = Number(m[1]);
    const meeting = isoFromParts(Number(m[2]), Number(m[3]), Number(m[4]));
    const sub = m[5]?.toLowerCase();
    if (number < 1 || !meeting || (sub !== undefined && !isRoman(sub))) return null;
    const ref: ActionRef = sub === undefined ? { shape, meeting, number } : { shape, meeting, number, sub };
    return { ref, end: m[0].length };
  }
  return null;
}

/** Reads a whole string as a reference; null when it is not exactly one valid reference. */
export function parseRef(s: string): ActionRef | null {
  const clean = normaliseText(s);
  const read = readRefAt(clean);
  return read && read.end === clean.length ? read.ref : null;
}

/**
 * The references someone typing one may mean, most likely first: as read, then the same number and
 * date in the other shape (a dot typed for the space, or the reverse: `03.23/02/2021.i` for
 * `03 23/02/2021.i`). A roman numeral after a space (`03 23/02/2021 i`) is read as after a dot.
 */
export function refCandidates(s: string): ActionRef[] {
  const clean = normaliseText(s).replace(/(\d{4})\s+([ivx]+)$/i, '$1.$2');
  const ref = parseRef(clean);
  if (!ref) return [];
  if (ref.shape === 'none') return [ref];
  return [ref, { ...ref, shape: ref.shape === 'item' ? 'numbered' : 'item' }];
}

/** The reference exactly as the minutes write it. */
export function formatRef(ref: ActionRef): string {
  if (ref.shape === 'none') return 'N/A';
  const n = String(ref.number).padStart(2, '0');
  const sub = ref.sub ? `.${ref.sub}` : '';
  return ref.shape === 'numbered'
    ? `${n}.${formatUkDate(ref.meeting)}${sub}`
    : `${n} ${formatUkDate(ref.meeting)}${sub}`;
}

/**
 * A stable identity for an action, used as the end of a storage row key: `2023-03-14.n002`,
 * `2023-03-14.i005.ii`, or for `N/A` the meeting plus a hash of the text (the text is all that
 * tells two N/A actions apart). The ref's own date wins over `meeting` when it has one.
 * Only [0-9a-z.-] ever appear, so the key is safe for Table Storage; the number is padded to
 * three digits so that string order is meeting date, then shape (i < n < x), then number.
 * (Roman subs compare as strings: 'ix' sorts before 'v'.)
 */
export function refKey(ref: ActionRef, meeting: IsoDate, text: string): string {
  if (ref.shape === 'none') {
    const day = parseIsoDate(meeting);
    if (!day) throw new RangeError(`not an ISO date: "${meeting}"`);
    const hash = createHash('sha256').update(normaliseText(text).toLowerCase(), 'utf8').digest('hex');
    return `${day}.x${hash.slice(0, 10)}`;
  }
  const day = parseIsoDate(ref.meeting);
  if (!day) throw new RangeError(`not an ISO date: "${ref.meeting}"`);
  if (!Number.isInteger(ref.number) || ref.number < 1 || ref.number > 999) {
    throw new RangeError(`reference number out of range: ${ref.number}`);
  }
  if (ref.sub !== undefined && !/^[a-z]{1,8}$/.test(ref.sub)) throw new RangeError(`bad sub-reference "${ref.sub}"`);
  const n = String(ref.number).padStart(3, '0');
  const sub = ref.sub ? `.${ref.sub}` : '';
  return `${day}.${ref.shape === 'numbered' ? 'n' : 'i'}${n}${sub}`;
}

/**
 * The order the minutes list actions in: by meeting, then by number (item 04 before 10), then by
 * sub-numeral (ii before ix before x), with `N/A` actions last; ties fall back to the id.
 */
export function minutesOrder(
  a: { ref: ActionRef; meeting: IsoDate; id: string },
  b: { ref: ActionRef; meeting: IsoDate; id: string },
): number {
  const rank = (x: { ref: ActionRef }): [number, number] =>
    x.ref.shape === 'none'
      ? [Number.MAX_SAFE_INTEGER, 0]
      : [x.ref.number, x.ref.sub ? (ROMANS as readonly string[]).indexOf(x.ref.sub) + 1 : 0];
  const [an, as] = rank(a);
  const [bn, bs] = rank(b);
  return a.meeting.localeCompare(b.meeting) || an - bn || as - bs || a.id.localeCompare(b.id);
}
