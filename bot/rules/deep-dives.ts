// The minutes' "Schedule of Deep Dive Subjects", and the chat's `deep dive April: Repeat Victims`:
// a month (with an optional year and quarter), then the topic. Pure: the months are resolved to
// the next such month from a reference date; the service finds the meeting in that month.
import { formatLondonDate } from './dates.ts';
import { normaliseText, splitLines } from './text.ts';
import type { DeepDiveMonth, DeepDiveSource, IsoDate, Meeting } from './types.ts';

const MONTHS = [
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
];

export type ScheduleLine =
  | { line: number; kind: 'entry'; month: string /* 'yyyy-MM' */; focus?: string; topic: string }
  | { line: number; kind: 'skipped'; reason: string }
  | { line: number; kind: 'error'; reason: string };

/** 'April' -> the next April on or after `from` ('2021-04'); 'April 2022' -> '2022-04'. */
export function resolveMonth(word: string, year: number | undefined, from: IsoDate): string | null {
  const index = MONTHS.findIndex((m) => m.startsWith(word.toLowerCase()) && word.length >= 3);
  if (index < 0) return null;
  const [fromYear, fromMonth] = from.split('-').map(Number) as [number, number];
  const y = year ?? (index + 1 >= fromMonth ? fromYear : fromYear + 1);
  return `${y}-${String(index + 1).padStart(2, '0')}`;
}

// "July Q1 - Learning and Development", "August 2020\tE&E\tL&D / Domestic Violence", "October Q2: Roads Policing"
const LINE = /^([A-Za-z]{3,9})\.?(?:\s+(\d{4}))?(?:\s+(Q[1-4]))?\s*(?:[-\u2013\u2014:|\t]|\s{2,})\s*(.+)$/;
const FOCUS = /^(R&R|E&E|P&P)(?:\s+(Q[1-4]))?$/i;

/** A month's focus as a meeting keeps it: 'P&P' and 'Q1' -> 'P&P Q1' (a quarter falls on a P&P month). */
export function focusLabel(focus: string | undefined, quarter: string | undefined): string | undefined {
  const base = focus ?? (quarter ? 'P&P' : undefined);
  return base ? `${base}${quarter ? ` ${quarter}` : ''}` : undefined;
}

export function parseDeepDive(text: string, from: IsoDate, line = 1): ScheduleLine {
  const raw = text.replace(/\t/g, ' | ');
  const clean = normaliseText(raw);
  if (clean === '') return { line, kind: 'skipped', reason: 'blank line' };
  if (/^(schedule of deep dive|month\b)/i.test(clean)) return { line, kind: 'skipped', reason: 'heading' };
  const m = LINE.exec(clean);
  if (!m) return { line, kind: 'error', reason: `expected "Month - topic", e.g. "April - Repeat Victims"` };
  const month = resolveMonth(m[1] ?? '', m[2] ? Number(m[2]) : undefined, from);
  if (!month) return { line, kind: 'error', reason: `"${m[1]}" is not a month` };
  // A focus column ('E&E', 'P&P Q1') may stand between the month and the topic.
  const cells = (m[4] ?? '')
    .split('|')
    .map((c) => c.trim())
    .filter(Boolean);
  const focusCell = cells.length > 1 && FOCUS.test(cells[0] ?? '') ? cells.shift() : undefined;
  const quarter = m[3]?.toUpperCase() ?? (focusCell ? FOCUS.exec(focusCell)?.[2]?.toUpperCase() : undefined);
  const focusBase = focusCell ? (FOCUS.exec(focusCell)?.[1] ?? '').toUpperCase() : quarter ? 'P&P' : undefined;
  const focus = focusLabel(focusBase, quarter);
  const topic = cells
    .join(' ')
    .replace(/^[-\u2013\u2014:]\s*/, '')
    .trim();
  if (!topic) return { line, kind: 'error', reason: 'no deep-dive topic after the month' };
  return { line, kind: 'entry', month, ...(focus ? { focus } : {}), topic };
}

export function parseDeepDiveSchedule(text: string, from: IsoDate): ScheduleLine[] {
  const lines = splitLines(text);
  if (lines.at(-1) === '') lines.pop(); // the last line's ending starts no line
  return lines.map((l, i) => parseDeepDive(l, from, i + 1));
}

// A deep dive set by hand (`deep dive April: X`, `meeting deep-dives`, `meeting add --deep-dive`)
// stands against the minutes: they never replace it without saying so. One set before how it was
// set was recorded counts as set by hand.
export const setByHand = (set: DeepDiveSource | undefined): boolean => (set?.how ?? 'hand') === 'hand';

/** What the preview says of a hand-set deep dive it keeps. */
export function keptByHand(set: DeepDiveSource | undefined, minutesTopic: string | undefined): string {
  const who = set?.by ? ` by ${set.by}` : '';
  const when = set ? ` on ${formatLondonDate(set.at)}` : '';
  return `set by hand${who}${when}; the minutes say ${minutesTopic ?? 'Nil'}`;
}

/** The schedule's row for the month as the minutes give it; 'kept' against a hand-set topic; null when it is the same. */
export function withMinutesMonth(
  current: DeepDiveMonth | undefined,
  wanted: DeepDiveMonth,
): DeepDiveMonth | 'kept' | null {
  if (!current) return wanted;
  const sameTopic = current.topic === wanted.topic;
  if (!sameTopic && setByHand(current.set)) return 'kept';
  if (sameTopic && current.focus === wanted.focus) return null;
  return { ...wanted, set: sameTopic ? current.set : wanted.set };
}

/**
 * A meeting of that month with its focus and deep dive from the minutes (`next`, null when the
 * same); `kept` when its topic was set by hand and the minutes say another (the focus still follows).
 */
export function withMinutesDeepDive(meeting: Meeting, month: DeepDiveMonth): { next: Meeting | null; kept: boolean } {
  const sameTopic = meeting.deepDive === month.topic;
  const kept = !sameTopic && meeting.deepDive !== undefined && setByHand(meeting.deepDiveSet);
  const next: Meeting = { ...meeting };
  if (month.focus !== undefined) next.focus = month.focus;
  if (!sameTopic && !kept) {
    if (month.topic === undefined) {
      delete next.deepDive;
      delete next.deepDiveSet;
    } else {
      next.deepDive = month.topic;
      next.deepDiveSet = month.set;
    }
  }
  const same = next.focus === meeting.focus && next.deepDive === meeting.deepDive;
  return { next: same ? null : next, kept };
}
