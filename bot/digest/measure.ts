// How wide text is set in Arial, to size the papers' columns to what they hold (a reference must
// never wrap) and to tell a table row that cannot fit on one page. The widths are Arial's own (the
// same as Helvetica's and Liberation Sans', which LibreOffice sets in its place), in thousandths of
// the font size; a character not listed is taken as wide as a digit.

// Printable ASCII from the space (32) to the tilde (126).
// prettier-ignore
const ARIAL = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 to ?
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ to O
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P to _
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` to o
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p to ~
];
// Arial Bold, for headings and bold cells.
// prettier-ignore
const ARIAL_BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
  975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
  333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
  611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];
const OTHER = 556;

/** The width of a line of text in twentieths of a point (dxa), at `points` size. */
export function textWidth(text: string, points: number, bold = false): number {
  const table = bold ? ARIAL_BOLD : ARIAL;
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    units += (code >= 32 && code <= 126 ? table[code - 32] : undefined) ?? OTHER;
  }
  return Math.ceil((units * points * 20) / 1000);
}

/**
 * How many lines a paragraph takes in a column `width` dxa wide, wrapping at spaces as Word does
 * (a word longer than the line is broken within itself).
 */
export function linesIn(text: string, width: number, points: number, bold = false): number {
  if (text === '') return 1;
  const space = textWidth(' ', points, bold);
  let lines = 1;
  let used = 0;
  for (const word of text.split(' ')) {
    const w = textWidth(word, points, bold);
    const needed = used === 0 ? w : used + space + w;
    if (needed <= width) {
      used = needed;
      continue;
    }
    if (used > 0) lines++;
    // A word wider than the column runs on over as many lines as it needs.
    lines += Math.max(0, Math.ceil(w / width) - 1);
    used = w % width || width;
  }
  return lines;
}
