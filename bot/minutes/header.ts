// The meeting's own details ('Date: | Tuesday 14 th March 2023', 'Time: | 10:00 hrs to 11:45 hrs',
// 'Chair: | Morgan Hale - PCC for Northshire'), and the next meeting ('Next Meeting: Tuesday 11 th
// April 10:00 hrs'). A label and its value share a row, or a line ('Chair: Morgan Hale').
import type { IsoDate } from '../rules/types.ts';
import type { MeetingDetails, Unplaced } from './record.ts';
import type { Layout } from './layout.ts';
import { rowCells } from './layout.ts';
import { LABEL } from './markers.ts';
import { kindOf } from './sections.ts';
import { clean } from './text.ts';
import { findDate, findDateAfter, findTimes } from './when.ts';

interface Labelled {
  label: string;
  value: string;
}

/** 'Label:' and its value, from a row's cells or one line. */
function labelled(cells: readonly string[]): Labelled | null {
  const filled = cells.filter((c) => c !== '');
  const first = filled[0] ?? '';
  if (LABEL.test(first)) return { label: first.replace(/:$/, '').toLowerCase(), value: filled.slice(1).join(' ') };
  const m = /^([A-Za-z -]{2,20}?)\s*:\s*(.+)$/.exec(filled.join(' '));
  if (m?.[1] && LABEL.test(m[1])) return { label: m[1].toLowerCase(), value: m[2] ?? '' };
  return null;
}

/** A row the header readers take: 'Label: value', or the next meeting. */
export function readsAsHeader(cells: readonly string[]): boolean {
  return labelled(cells) !== null || NEXT_LINE.test(cells.filter((c) => c !== '').join(' '));
}

/** The person in 'Morgan Hale - PCC for Northshire', 'Morgan Hale (PCC)', 'Morgan Hale, PCC'. */
export function nameWithoutCapacity(value: string): string {
  return (
    clean(value)
      .split(/\s+[-\u2013\u2014]\s+|\s*,\s*|\s*\(/)[0]
      ?.trim() ?? ''
  );
}

/** Every label line the header may hold, in document order: rows of grids that are not the closing approval, then loose lines. */
function labelLines(layout: Layout): Array<{ at: number; line: Labelled }> {
  const fromGrids = layout.grids
    .filter((g) => !['closing', 'items', 'actions', 'deep-dives'].includes(kindOf(g)))
    .flatMap((g) => g.rows.map((r) => ({ at: g.at, line: labelled(rowCells(r)) })));
  const fromLoose = layout.loose.map((l) => ({ at: l.at, line: labelled([clean(l.paragraph.text)]) }));
  return [...fromGrids, ...fromLoose]
    .filter((x): x is { at: number; line: Labelled } => x.line !== null)
    .sort((a, b) => a.at - b.at);
}

export function readMeetingHeader(layout: Layout): { meeting: MeetingDetails; unplaced: Unplaced[] } {
  const meeting: MeetingDetails = {};
  const unplaced: Unplaced[] = [];
  const seen = new Set<string>();
  for (const { line } of labelLines(layout)) {
    const { label, value } = line;
    const key = label.startsWith('date')
      ? 'date'
      : label.startsWith('time')
        ? 'time'
        : /location|venue|place/.test(label)
          ? 'location'
          : /chair/.test(label)
            ? 'chair'
            : 'minuteTaker';
    // The first of each wins: a later 'Date:' is the approval's, not the meeting's.
    if (seen.has(key) || clean(value) === '') continue;
    seen.add(key);
    if (key === 'date') {
      const date = findDate(value);
      if (date) meeting.date = date;
      else unplaced.push({ section: 'meeting', text: value, why: 'the meeting date is not a date with a year' });
    } else if (key === 'time') {
      const [start, end] = findTimes(value);
      if (start) meeting.start = start;
      if (end) meeting.end = end;
      if (!start) unplaced.push({ section: 'meeting', text: value, why: 'no time (HH:mm) in it' });
    } else if (key === 'location') meeting.location = clean(value);
    else if (key === 'chair') meeting.chair = nameWithoutCapacity(value);
    else meeting.minuteTaker = nameWithoutCapacity(value);
  }
  return { meeting, unplaced };
}

const PREVIOUS = /\bminutes of the (?:previous|last) meeting\b(.{0,60})/i;

/** 'The Minutes of the previous meeting dated 14 th February 2023 were agreed': that date. */
export function previousMeetingIn(text: string): IsoDate | null {
  const m = PREVIOUS.exec(clean(text));
  return m?.[1] ? findDate(m[1]) : null;
}

const NEXT_LINE = /^(date of (the )?)?next meeting\b/i;
const NEXT = /\b(?:date of (?:the )?)?next meeting\b\s*(?:will be held on|is|:|-)?\s*(.*)$/i;

/** 'Next Meeting: Tuesday 11 th April 10:00 hrs' anywhere (a row, a line), its year from the meeting's own date. */
export function readNextMeeting(
  layout: Layout,
  meeting: IsoDate | undefined,
): { next?: { date: IsoDate; time?: string }; unplaced: Unplaced[] } {
  const lines = [
    ...layout.grids.flatMap((g) => g.rows.map((r) => ({ at: g.at, text: rowCells(r).filter(Boolean).join(' ') }))),
    ...layout.loose.map((l) => ({ at: l.at, text: clean(l.paragraph.text) })),
  ].sort((a, b) => a.at - b.at);
  for (const { text } of lines) {
    const m = NEXT.exec(text);
    if (!m || !NEXT_LINE.test(text)) continue;
    const rest = m[1] ?? '';
    const date = findDateAfter(rest, meeting);
    if (!date)
      return { unplaced: [{ section: 'next-meeting', text, why: 'no date found (expected "Tuesday 11th April")' }] };
    const [time] = findTimes(rest.replace(/\b\d{1,2}\/\d{1,2}\/\d{4}\b/, ''));
    return { next: { date, ...(time ? { time } : {}) }, unplaced: [] };
  }
  return { unplaced: [] };
}
