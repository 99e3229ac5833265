// The words that mark the minutes' header rows ('Date:', 'Chair:') and their closing ('Next
// Meeting:', 'Formal Approval of Meeting Record', 'Signature:'), wherever they are written.

export const LABEL =
  /^(date|time|location|venue|place|chair|chaired by|chairperson|minute taker|minute-taker|minutes taken by|note taker|secretary)\s*:?$/i;
export const CLOSING = /^(formal approval|signature|signed|print name|next meeting|date of next meeting)\b/i;

/** A row that opens the header or the closing, by its first filled cell. */
export function isHeaderOrClosing(cells: readonly string[]): boolean {
  const first = cells.find((c) => c.trim() !== '')?.trim() ?? '';
  return LABEL.test(first) || CLOSING.test(first);
}
