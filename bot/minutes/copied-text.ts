// Text copied out of Word, read into the neutral minutes document. Word's copy writes a table row as
// one line of tab-separated cells and each paragraph outside a table as a line; blank lines separate
// tables from paragraphs, and also mark the page breaks of the original. The copy has artefacts of
// the page layout, and this reader undoes those (the same for any minutes):
// - a row broken by a page: the rest comes after a blank line, as a line with an empty first cell;
//   a paragraph the page cut in two goes on in lower case, and is joined again;
// - a cell with many paragraphs spills over several lines: lines with an empty first cell, or
//   lines with no tab at all between a row and the rest of its cell after the page break;
// - rows that lost their empty first cell after a page break (one cell fewer than the table);
// - a word cut by a page into two cells ('Formal Appro<tab>val');
// - a page number ('\t\t4') or a garbled page footer ('00000731 (7003 ... 00/00/0005') next to a
//   page break: set aside in `setAside`, shown, never read as content;
// - HTML left inside cells ('<p>..</p>', '<u>..</u>'), and Markdown emphasis ('*..*') and list
//   marks ('- ', '•') in the spilled lines: read as paragraphs, italic/underline and list labels;
// - list labels glued to the text ('meetingI.KP', '2023II.Supt'): split into labelled paragraphs.
// What the text cannot tell is left as written, for the section readers, which know the content:
// ordinals split by the copy's superscript ('14 th'), a header cell that swallowed its neighbour's
// text ('Name Capacity' then an empty cell), a Cyrillic 'х' for 'x', and where a new row with an
// empty first cell begins (it reads the same as another paragraph of the cell above).
import { HTMLElement, parse, TextNode, type Node } from 'node-html-parser';
import { ROMANS } from '../rules/refs.ts';
import {
  MinutesBudget,
  MinutesFileError,
  type Block,
  type MinutesDocument,
  type Paragraph,
  type SetAsideLine,
} from './document.ts';

interface Line {
  /** 1-based, for messages. */
  n: number;
  text: string;
}

type Piece =
  { kind: 'blank' } | { kind: 'text'; line: Line } | { kind: 'rows'; rows: Array<{ n: number; cells: string[] }> };

// ---------------------------------------------------------------------------------------------
// Page layout artefacts: lines that are not content.

const LETTER = /\p{L}/u;
const PAGE_NUMBER = /^(page\s+)?\d{1,3}(\s+of\s+\d{1,3})?$/i;
const DATE = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g;
// Values a cell may hold without a word: an amount (£1,200, -3.5%, (12)), a time or a span of
// times, a span of years (2020/21).
const VALUES = [
  /^[-+(]?[£$€]?\d[\d,.]*%?\)?$/,
  /^\d{1,2}[:.]\d{2}(\s*[-–]\s*\d{1,2}[:.]\d{2})?$/,
  /^\d{4}\s*[-/–]\s*\d{2,4}$/,
];

/** A real dd/MM/yyyy date in the text (an item number has one; a garbled footer's '00/00/0005' is none). */
function hasRealDate(text: string): boolean {
  return [...text.matchAll(DATE)].some(
    ([, d, m]) => Number(d) >= 1 && Number(d) <= 31 && Number(m) >= 1 && Number(m) <= 12,
  );
}

/** A cell without words that still reads as a value of the minutes: an amount, a time, a date. */
const isValue = (cell: string): boolean => VALUES.some((v) => v.test(cell)) || hasRealDate(cell);

/**
 * Why a line next to a page break is page furniture, or undefined when it is content: a page number
 * alone, or a table line with no word and a cell that reads as no value ('00000731 (7003').
 */
function artefactReason(text: string): string | undefined {
  const cells = text
    .split('\t')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  if (cells.length === 0) return undefined;
  if (cells.length === 1 && PAGE_NUMBER.test(cells[0] ?? '')) return 'a page number';
  if (text.includes('\t') && !LETTER.test(text) && !cells.every(isValue))
    return 'a page header or footer (no words, and not a number or date)';
  return undefined;
}

/** The lines, with the page numbers and footers next to a page break (a blank line, or either end) set aside. */
function withoutArtefacts(lines: Line[]): { kept: Line[]; setAside: SetAsideLine[] } {
  const blank = (i: number) => i < 0 || i >= lines.length || lines[i]?.text.trim() === '';
  const kept: Line[] = [];
  const setAside: SetAsideLine[] = [];
  lines.forEach((line, i) => {
    const reason = blank(i - 1) || blank(i + 1) ? artefactReason(line.text) : undefined;
    if (reason) setAside.push({ line: line.n, text: line.text, reason });
    else kept.push(line);
  });
  return { kept, setAside };
}

/**
 * 'Formal Appro<tab>val of Meeting Record': a word cut by a page, whose cut took the place of one of
 * the row's tabs. Read so only in the first column and when nothing follows: a label of two or more
 * words ending mid-word, then words going on in lower case (a single lower-case word after a name,
 * 'Discharged' or 'completed', is a cell of its own).
 */
function joinCutWord(cells: string[]): string[] {
  const [first, second, ...rest] = cells;
  if (first === undefined || second === undefined || rest.some((c) => c.trim() !== '')) return cells;
  if (!/^\p{Lu}\S*\s.*\p{Ll}$/u.test(first) || !/^\p{Ll}\S*\s+\S/u.test(second)) return cells;
  return [first + second, ...rest, ''];
}

function piecesOf(lines: Line[]): Piece[] {
  const pieces: Piece[] = [];
  for (const line of lines) {
    if (line.text.trim() === '') pieces.push({ kind: 'blank' });
    else if (!line.text.includes('\t')) pieces.push({ kind: 'text', line });
    else {
      const row = { n: line.n, cells: joinCutWord(line.text.split('\t')) };
      const last = pieces.at(-1);
      if (last?.kind === 'rows') last.rows.push(row);
      else pieces.push({ kind: 'rows', rows: [row] });
    }
  }
  return pieces;
}

// ---------------------------------------------------------------------------------------------
// A cell's text as paragraphs.

const HTML_TAG = /<\/?(?:p|div|ul|ol|li|br|span|i|em|b|strong|u|sup|sub|font|a|h[1-6])[\s/>]/i;
const HTML_BLOCKS = new Set(['p', 'div', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tr']);
const HTML_DROPPED = new Set(['script', 'style']);

interface Span {
  text: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
}

/** A paragraph from styled spans: whitespace collapsed, and bold etc. only when every word has it. */
function paragraphOf(spans: Span[]): Paragraph | undefined {
  const text = spans
    .map((s) => s.text)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return undefined;
  const visible = spans.filter((s) => s.text.trim() !== '');
  const paragraph: Paragraph = { text };
  if (visible.every((s) => s.bold)) paragraph.bold = true;
  if (visible.every((s) => s.italic)) paragraph.italic = true;
  if (visible.every((s) => s.underline)) paragraph.underline = true;
  return paragraph;
}

/** HTML left in a cell: each p, li, div... a paragraph; br ends one too; i/em, b/strong and u kept as flags. */
function htmlParagraphs(html: string): Paragraph[] {
  const root = parse(html, { blockTextElements: { script: true, style: true } });
  const paragraphs: Paragraph[] = [];
  let spans: Span[] = [];
  const end = () => {
    const p = paragraphOf(spans);
    if (p) paragraphs.push(p);
    spans = [];
  };
  const walk = (node: Node, style: Omit<Span, 'text'>): void => {
    if (node instanceof TextNode) {
      spans.push({ text: node.text, ...style });
      return;
    }
    if (!(node instanceof HTMLElement)) return; // a comment
    const tag = (node.rawTagName ?? '').toLowerCase();
    if (HTML_DROPPED.has(tag)) return;
    if (tag === 'br') return end();
    const inner = {
      bold: style.bold || tag === 'b' || tag === 'strong',
      italic: style.italic || tag === 'i' || tag === 'em',
      underline: style.underline || tag === 'u',
    };
    if (HTML_BLOCKS.has(tag)) end();
    for (const child of node.childNodes) walk(child, inner);
    if (HTML_BLOCKS.has(tag)) end();
  };
  walk(root, { bold: false, italic: false, underline: false });
  end();
  return paragraphs;
}

/** Markdown emphasis some copies write for italic or bold ('*An assessment ...*'): the marks go, the flags stay. */
const EMPHASIS = /(?<=^|[\s(])(\*{1,2})(?=\S)(.+?)(?<=\S)\1(?=$|[\s).,;:!?])/g;
/** Each asterisk can start a search to the end of the line: past these, the marks are left as written. */
const EMPHASIS_LIMITS = { marks: 50, length: 100_000 };

function plainParagraph(text: string): Paragraph | undefined {
  const marks = text.split('*').length - 1;
  const marked = marks > 0 && marks <= EMPHASIS_LIMITS.marks && text.length <= EMPHASIS_LIMITS.length;
  const whole = marked ? /^(\*{1,2})(?=\S)(.+)(?<=\S)\1$/.exec(text.trim()) : null;
  const paragraph: Paragraph = { text: (marked ? text.replace(EMPHASIS, '$2') : text).replace(/\v/g, '\n').trim() };
  if (paragraph.text === '') return undefined;
  if (whole && !whole[2]?.includes(whole[1] ?? '*')) {
    if (whole[1] === '**') paragraph.bold = true;
    else paragraph.italic = true;
  }
  return paragraph;
}

/** A list mark at the start of a paragraph ('• Actions', '- A number of ...'), as Word's bullet label. */
function bulletLabel(p: Paragraph): Paragraph {
  const m = p.listLabel === undefined ? /^(?:[•●○■▪◦·]\s*|-\s+)(?=\S)/.exec(p.text) : null;
  return m ? { ...p, text: p.text.slice(m[0].length), listLabel: '•' } : p;
}

const GLUED_UPPER = /(?<=[\p{Ll}\d)])([IVX]{1,5})\.(?=\p{Lu})/gu;
const GLUED_LOWER = /(?<=[\p{Ll}\d)])([ivx]{1,5})\.(?=\p{Lu})/gu;

/** Where glued labels I., II., III. (or i., ii., ...) count up from the first, in this text. */
function gluedLabels(text: string, pattern: RegExp): Array<{ at: number; end: number; label: string }> {
  const found: Array<{ at: number; end: number; label: string }> = [];
  for (const m of text.matchAll(pattern)) {
    const numeral = (m[1] ?? '').toLowerCase();
    if ((ROMANS as readonly string[]).indexOf(numeral) !== found.length) continue;
    found.push({ at: m.index, end: m.index + m[0].length, label: m[0] });
  }
  return found;
}

/**
 * A list Word numbers I., II., ... copied without the tab after each label ('meetingI.KP to provide
 * ... 2023II.Supt Okafor'): one paragraph per item, with its label. Upper-case labels count from one
 * glued label; lower-case ones from two (a lone 'i.' after a word is too often the word's own end).
 */
function unglueLabels(p: Paragraph): Paragraph[] {
  const upper = gluedLabels(p.text, GLUED_UPPER);
  const lower = gluedLabels(p.text, GLUED_LOWER);
  const labels = upper.length > 0 ? upper : lower.length > 1 ? lower : [];
  if (labels.length === 0 || p.listLabel !== undefined) return [p];
  const out: Paragraph[] = [];
  const before = p.text.slice(0, labels[0]?.at).trim();
  if (before !== '') out.push({ ...p, text: before });
  labels.forEach((l, i) => {
    const text = p.text.slice(l.end, labels[i + 1]?.at).trim();
    out.push({ ...p, text, listLabel: l.label });
  });
  return out;
}

// The HTML parser slows sharply on deeply nested tags (unclosed ones nest): a cell of minutes has a
// few dozen, so a few thousand is not minutes.
export const MAX_HTML_TAGS_PER_CELL = 1_000;
export const MAX_HTML_TAGS = 20_000;
const HTML_TAGS = new RegExp(HTML_TAG.source, 'gi');
const tooMuchMarkup = (limit: string) =>
  new MinutesFileError(
    `the copied text holds more HTML markup than minutes do (over ${limit}): copy the text out of Word again, or send the Word file (.docx)`,
  );

/** Reads cells into paragraphs, counting them (and any HTML tags) against the limits. */
class CellReader {
  readonly budget = new MinutesBudget();
  private htmlTags = 0;

  private countTags(raw: string): void {
    let inCell = 0;
    for (const _tag of raw.matchAll(HTML_TAGS)) {
      this.htmlTags++;
      if (++inCell > MAX_HTML_TAGS_PER_CELL)
        throw tooMuchMarkup(`${MAX_HTML_TAGS_PER_CELL.toLocaleString('en-GB')} tags in one cell`);
      if (this.htmlTags > MAX_HTML_TAGS) throw tooMuchMarkup(`${MAX_HTML_TAGS.toLocaleString('en-GB')} tags`);
    }
  }

  /** The paragraphs of one cell (or one line outside a table); none for an empty one. */
  paragraphs(raw: string): Paragraph[] {
    if (raw.trim() === '') return [];
    let read: Paragraph[];
    if (HTML_TAG.test(raw)) {
      this.countTags(raw);
      read = htmlParagraphs(raw);
    } else read = [plainParagraph(raw)].filter((p) => p !== undefined);
    const out = read.flatMap(unglueLabels).map(bulletLabel);
    for (const p of out) this.budget.count(p.text);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Joining what the page broke.

const startsLower = (p: Paragraph | undefined): boolean => p !== undefined && /^\p{Ll}/u.test(p.text);

/**
 * Adds paragraphs after others; one that starts in lower case (the page cut it) goes on from the last.
 * (Paragraphs are trimmed when read, so joining is a plain concatenation, cheap however many lines.)
 */
function appendParagraphs(to: Paragraph[], more: Paragraph[]): void {
  for (const p of more) {
    const last = to.at(-1);
    if (last && last.text !== '' && p.listLabel === undefined && startsLower(p)) {
      const joined: Paragraph = { ...last, text: `${last.text} ${p.text}` };
      if (!p.italic) delete joined.italic;
      if (!p.bold) delete joined.bold;
      if (!p.underline) delete joined.underline;
      to[to.length - 1] = joined;
    } else to.push(p);
  }
}

type TextRow = Paragraph[][];

/** A line with an empty first cell whose text goes on in lower case: the rest of the row above. */
function continuesRow(row: TextRow): boolean {
  const [first, ...rest] = row;
  const filled = rest.filter((c) => c.length > 0);
  return (first?.length ?? 0) === 0 && filled.length > 0 && filled.every((c) => startsLower(c[0]));
}

class TableBuilder {
  readonly rows: TextRow[] = [];
  width = 0;

  constructor(private readonly read: CellReader) {}

  add(cells: string[]): void {
    const row = cells.map((c) => this.read.paragraphs(c));
    this.width = Math.max(this.width, row.length);
    const last = this.rows.at(-1);
    if (last && continuesRow(row)) {
      row.forEach((cell, i) => {
        last[i] ??= [];
        appendParagraphs(last[i], cell);
      });
      return;
    }
    this.read.budget.count();
    this.rows.push(row);
  }

  /** Lines with no tab between a row and the rest of its cell after a page break: the cell's paragraphs. */
  spill(lines: Line[]): void {
    const last = this.rows.at(-1);
    if (!last) return;
    const at = last.findLastIndex((c) => c.length > 0);
    const cell = last[Math.max(0, at)] ?? [];
    for (const line of lines) {
      appendParagraphs(cell, this.read.paragraphs(line.text));
    }
    last[Math.max(0, at)] = cell;
  }

  /** The table, every row as wide as the widest (the copy drops trailing empty cells unevenly). */
  block(): Block {
    const rows = this.rows.map((row) => ({
      cells: Array.from({ length: this.width }, (_, i) => ({ paragraphs: row[i] ?? [] })),
    }));
    return { kind: 'table', rows };
  }
}

const widthOf = (rows: Array<{ cells: string[] }>): number => Math.max(...rows.map((r) => r.cells.length));
const firstEmpty = (rows: Array<{ cells: string[] }>): boolean => rows[0]?.cells[0]?.trim() === '';

/** After a blank line, rows go on the same table when they start with an empty cell or are as wide. */
function sameTable(width: number, rows: Array<{ cells: string[] }>): boolean {
  return (firstEmpty(rows) && widthOf(rows) <= width) || widthOf(rows) === width;
}

/** Rows after a page break that each lost their empty first cell: one cell short, and the table goes on after. */
function lostFirstCell(width: number, rows: Array<{ cells: string[] }>, next: Piece | undefined): boolean {
  const short = rows.every((r) => r.cells.length === width - 1 && r.cells[0]?.trim() !== '');
  return short && next?.kind === 'rows' && sameTable(width, next.rows);
}

/** Text copied out of Word (the minutes' tables as tab-separated lines) as the neutral minutes document. */
export function readCopiedText(text: string): MinutesDocument {
  const read = new CellReader();
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((t, i) => ({ n: i + 1, text: t }));
  const { kept, setAside } = withoutArtefacts(lines);
  const pieces = piecesOf(kept);

  const blocks: Block[] = [];
  let table: TableBuilder | undefined;
  let pending: Line[] = []; // lines with no tab since the table's last row: paragraphs, or its cell spilling over
  const paragraph = (line: Line) => {
    for (const p of read.paragraphs(line.text)) {
      const last = blocks.at(-1);
      if (last?.kind === 'paragraph' && p.listLabel === undefined && startsLower(p) && last.paragraph.text !== '') {
        const joined: Paragraph[] = [last.paragraph];
        appendParagraphs(joined, [p]);
        last.paragraph = joined[0] ?? p;
      } else blocks.push({ kind: 'paragraph', paragraph: p });
    }
  };
  const closeTable = () => {
    if (table) blocks.push(table.block());
    table = undefined;
    pending.forEach(paragraph);
    pending = [];
  };

  pieces.forEach((piece, i) => {
    if (piece.kind === 'blank') return;
    if (piece.kind === 'text') {
      if (table) pending.push(piece.line);
      else paragraph(piece.line);
      return;
    }
    let after = i + 1; // the next piece that is not a blank line (each run of blanks is passed once)
    while (pieces[after]?.kind === 'blank') after++;
    const next = pieces[after];
    let rows = piece.rows.map((r) => r.cells);
    if (table && pending.length > 0 && firstEmpty(piece.rows) && widthOf(piece.rows) <= table.width) {
      table.spill(pending);
      pending = [];
    } else if (table && pending.length === 0 && sameTable(table.width, piece.rows)) {
      // the table goes on after a page break
    } else if (table && pending.length === 0 && lostFirstCell(table.width, piece.rows, next)) {
      rows = rows.map((cells) => ['', ...cells]);
    } else {
      closeTable();
      table = new TableBuilder(read);
    }
    for (const cells of rows) table.add(cells);
  });
  closeTable();

  const document: MinutesDocument = { source: 'text', blocks };
  if (setAside.length > 0) document.setAside = setAside;
  return document;
}
