// The words that mark the minutes' parts: the sections' headings ('Apologies', 'Actions Arising'),
// the header's rows ('Date:', 'Chair:') and the closing ('Next Meeting:', 'Formal Approval of
// Meeting Record', 'Signature:'), wherever they are written.

export type GridKind = 'meeting' | 'attendees' | 'apologies' | 'items' | 'actions' | 'deep-dives' | 'closing' | 'other';

const HEADINGS: Array<[RegExp, GridKind]> = [
  [/apolog/i, 'apologies'],
  [/^(attendees|attendance|in attendance|present|members present|those present)\b/i, 'attendees'],
  [/actions? arising|^new actions|^actions (agreed|from (this|the) meeting)|^action log/i, 'actions'],
  [/deep.?dive|^schedule of/i, 'deep-dives'],
  [/^(items?( for discussion)?|agenda( items)?|business|discussion|minutes of (the )?meeting)$/i, 'items'],
];

/** The section a heading names ('Apologies received' -> apologies), if any. */
export function sectionNamed(heading: string): GridKind | undefined {
  return HEADINGS.find(([re]) => re.test(heading))?.[1];
}

export const LABEL =
  /^(date|time|location|venue|place|chair|chaired by|chairperson|minute taker|minute-taker|minutes taken by|note taker|secretary)\s*:?$/i;
export const CLOSING = /^(formal approval|signature|signed|print name|next meeting|date of next meeting)\b/i;

/** A row that opens the header or the closing, by its first filled cell. */
export function isHeaderOrClosing(cells: readonly string[]): boolean {
  const first = cells.find((c) => c.trim() !== '')?.trim() ?? '';
  return LABEL.test(first) || CLOSING.test(first);
}
