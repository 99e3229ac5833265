// The papers' Word layout, shared by the action log and the open minutes, written with the docx
// library: A4, Arial 11 in UK English, 2 cm margins; the protective marking centred at the top and
// the bottom of every page; the title and 'Page n of m' in the footer; tables whose header row
// repeats on every page, whose rows are never split across pages (unless a row is taller than a
// page, when splitting is the only way to show it whole), with columns sized to what they hold.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { linesIn, textWidth } from './measure.ts';
import { xmlSafe } from './xml.ts';

/** Points: the body, the small lines under it, the footer. */
export const BODY_POINTS = 11;
const SMALL_POINTS = 9;
const FOOTER_POINTS = 8;
const FONT = 'Arial';

// Twentieths of a point (dxa). A4 is 210 x 297 mm; 2 cm margins all round.
const A4 = { short: 11_906, long: 16_838 };
const MARGIN = 1_134;
// The header and footer sit 1 cm from the edge, inside the margin.
const HEADER_DISTANCE = 567;
/** The room for text across a page. */
export const TEXT_WIDTH = { portrait: A4.short - 2 * MARGIN, landscape: A4.long - 2 * MARGIN } as const;
/** The room for text down a page, less the marking's lines in the header and footer. */
export const TEXT_HEIGHT = { portrait: A4.long - 2 * MARGIN - 600, landscape: A4.short - 2 * MARGIN - 600 } as const;
export type Orientation = keyof typeof TEXT_WIDTH;

// A cell's padding, left and right, top and bottom.
const CELL_PAD = { side: 85, edge: 40 };
// A line of Arial is about 1.15 times its size (its ascent and descent), in dxa.
const lineHeight = (points: number): number => Math.ceil(points * 1.15 * 20);
const HEADER_FILL = 'D9D9D9';
const GROUP_FILL = 'F2F2F2';

/** A paragraph's text: one line, stripped of what XML cannot carry, a tab as Word's own tab. */
function runs(line: string, style: RunStyle): TextRun[] {
  const parts = xmlSafe(line).split('\t');
  const children = parts.flatMap((p, i) => (i === 0 ? [p] : [new Tab(), p]));
  return [
    new TextRun({
      children,
      ...(style.bold ? { bold: true } : {}),
      ...(style.italics ? { italics: true } : {}),
      ...(style.points ? { size: style.points * 2 } : {}),
    }),
  ];
}

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  /** Size in points (default: the body's). */
  points?: number;
}

export interface ParaStyle extends RunStyle {
  heading?: 1 | 2;
  align?: 'left' | 'center' | 'right';
  /** Space above, in dxa. */
  before?: number;
  /** Indent from the left, in dxa (a list's items). */
  indent?: number;
  keepNext?: boolean;
}

const LINE_BREAK = /\r\n?|\n|\u2028|\u2029/;
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

/** A paragraph per line of the text, as Word writes an Enter; a label in bold before the first, if given. */
export function paras(text: string, style: ParaStyle = {}, label?: string): Paragraph[] {
  if (style.heading) {
    // A heading of two lines is one heading (one entry in Word's navigation pane), its lines broken.
    const lines = text.split(LINE_BREAK);
    return [
      new Paragraph({
        heading: style.heading === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
        children: lines.flatMap((line, n) => [...(n > 0 ? [new TextRun({ break: 1 })] : []), ...runs(line, style)]),
      }),
    ];
  }
  return text.split(LINE_BREAK).map(
    (line, n) =>
      new Paragraph({
        children: [...(label && n === 0 ? runs(label, { ...style, bold: true }) : []), ...runs(line, style)],
        ...(style.align ? { alignment: ALIGN[style.align] } : {}),
        ...(style.before !== undefined && n === 0 ? { spacing: { before: style.before } } : {}),
        ...(style.indent ? { indent: { left: style.indent, hanging: 170 } } : {}),
        ...(style.keepNext ? { keepNext: true } : {}),
      }),
  );
}

/** What a cell holds: lines of text, each with its style, as measured and as drawn. */
export interface CellLine {
  text: string;
  style?: ParaStyle;
  /** A bold label before the text ('Owner: '). */
  label?: string;
}

export type CellContent = CellLine[];

/** The small-print style, for the lines under a cell's main text. */
export const SMALL: ParaStyle = { points: SMALL_POINTS };

export interface Column {
  title: string;
  /** dxa */
  width: number;
}

function cellParas(content: CellContent): Paragraph[] {
  const lines = content.length > 0 ? content : [{ text: '' }];
  return lines.flatMap((l) => paras(l.text, l.style ?? {}, l.label));
}

/** How tall a cell's content is in dxa, set in a column `width` wide (its padding included). */
export function cellHeight(content: CellContent, width: number): number {
  const room = width - 2 * CELL_PAD.side;
  let height = 2 * CELL_PAD.edge;
  for (const l of content) {
    const points = l.style?.points ?? BODY_POINTS;
    for (const [n, line] of l.text.split(LINE_BREAK).entries()) {
      const text = n === 0 && l.label ? `${l.label}${line}` : line;
      height +=
        linesIn(text, room, points, l.style?.bold) * lineHeight(points) + (n === 0 ? (l.style?.before ?? 0) : 0);
    }
  }
  return height;
}

/** A table row's cells, one per column (a cell may span several: `span`). */
export interface RowSpec {
  cells: Array<{ content: CellContent; span?: number }>;
  /** A group's title row: shaded, kept with the row after it. */
  group?: boolean;
  /** Part of the same item as the row above, or below: the line between them is dotted. */
  joinedAbove?: boolean;
  joinedBelow?: boolean;
}

const DOTTED = { style: BorderStyle.DOTTED, size: 4, color: 'A6A6A6' } as const;

/**
 * A table across the page: its header row repeated on every page, its rows kept whole on one page
 * unless a row is taller than a page can hold (it is then let run on, or it would be cut off).
 */
export function paperTable(columns: readonly Column[], rows: readonly RowSpec[], orientation: Orientation): Table {
  const fullHeight = TEXT_HEIGHT[orientation];
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map(
      (c) =>
        new TableCell({
          width: { size: c.width, type: WidthType.DXA },
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL },
          children: paras(c.title, { bold: true }),
        }),
    ),
  });
  const headerHeight = Math.max(...columns.map((c) => cellHeight([{ text: c.title, style: { bold: true } }], c.width)));
  const body = rows.map((r) => {
    let col = 0;
    let tallest = 0;
    const cells = r.cells.map((c) => {
      const span = c.span ?? 1;
      const width = columns.slice(col, col + span).reduce((w, x) => w + x.width, 0);
      col += span;
      tallest = Math.max(tallest, cellHeight(c.content, width));
      return new TableCell({
        width: { size: width, type: WidthType.DXA },
        ...(span > 1 ? { columnSpan: span } : {}),
        ...(r.group ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: GROUP_FILL } } : {}),
        ...(r.joinedAbove || r.joinedBelow
          ? { borders: { ...(r.joinedAbove ? { top: DOTTED } : {}), ...(r.joinedBelow ? { bottom: DOTTED } : {}) } }
          : {}),
        children: cellParas(c.content),
      });
    });
    return new TableRow({
      // Kept whole when it fits on a page under the repeated header; a taller row could not be.
      cantSplit: tallest + headerHeight <= fullHeight,
      ...(r.group ? { keepNext: true } : {}),
      children: cells,
    });
  });
  return new Table({
    rows: [header, ...body],
    width: { size: columns.reduce((w, c) => w + c.width, 0), type: WidthType.DXA },
    columnWidths: columns.map((c) => c.width),
    // Fixed: Word need not measure every cell of a long log before showing it, and keeps these widths.
    layout: TableLayoutType.FIXED,
    margins: { top: CELL_PAD.edge, bottom: CELL_PAD.edge, left: CELL_PAD.side, right: CELL_PAD.side },
  });
}

/**
 * The width a column needs so that none of `texts` wraps (a reference, a date), at least `min`:
 * the widest text, the cell's padding and a little to spare for the renderer's rounding.
 */
export function fitWidth(texts: Iterable<string>, min: number, points = BODY_POINTS, bold = false): number {
  let widest = 0;
  for (const t of texts)
    for (const line of t.split(LINE_BREAK)) widest = Math.max(widest, textWidth(line, points, bold));
  return Math.max(min, Math.ceil(widest * 1.04) + 2 * CELL_PAD.side + 20);
}

/**
 * Column widths for a table across the page: the fixed ones as given, the one marked `fill`
 * taking what is left (at least `minFill`; the fixed ones give way in proportion if need be).
 */
export function layoutColumns(
  spec: ReadonlyArray<{ title: string; width?: number; fill?: true }>,
  orientation: Orientation,
  minFill: number,
): Column[] {
  const total = TEXT_WIDTH[orientation];
  const fixed = spec.reduce((w, c) => w + (c.fill ? 0 : (c.width ?? 0)), 0);
  const scale = fixed + minFill > total ? (total - minFill) / fixed : 1;
  const widths = spec.map((c) => (c.fill ? 0 : Math.floor((c.width ?? 0) * scale)));
  const rest = total - widths.reduce((a, b) => a + b, 0);
  return spec.map((c, i) => ({ title: c.title, width: c.fill ? rest : (widths[i] ?? 0) }));
}

export interface PaperSection {
  orientation: Orientation;
  children: Array<Paragraph | Table>;
}

export interface PaperDocument {
  /** Shown in the footer of every page and in the file's properties. */
  title: string;
  /** The protective marking, at the top and the bottom of every page. */
  marking: string;
  creator: string;
  description: string;
  sections: PaperSection[];
}

function markingParagraph(marking: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, children: runs(marking, { bold: true, points: 12 }) });
}

function footer(title: string, marking: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          ...runs(`${title} · `, { points: FOOTER_POINTS }),
          new TextRun({
            size: FOOTER_POINTS * 2,
            children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
          }),
        ],
      }),
      markingParagraph(marking),
    ],
  });
}

function section(s: PaperSection, p: PaperDocument): ISectionOptions {
  return {
    properties: {
      page: {
        // docx takes the portrait size and turns it for landscape.
        size: {
          width: A4.short,
          height: A4.long,
          orientation: s.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: {
          top: MARGIN,
          right: MARGIN,
          bottom: MARGIN,
          left: MARGIN,
          header: HEADER_DISTANCE,
          footer: HEADER_DISTANCE,
        },
      },
    },
    headers: { default: new Header({ children: [markingParagraph(p.marking)] }) },
    footers: { default: footer(p.title, p.marking) },
    children: s.children,
  };
}

const heading = (points: number, before: number) => ({
  run: { font: FONT, size: points * 2, bold: true, color: '000000' },
  paragraph: { spacing: { before, after: 120 }, keepNext: true, keepLines: true },
});

/** The .docx as a Buffer. */
export async function paperDocx(p: PaperDocument): Promise<Buffer> {
  const doc = new Document({
    title: xmlSafe(p.title),
    creator: xmlSafe(p.creator),
    description: xmlSafe(p.description),
    styles: {
      default: {
        document: {
          run: { font: FONT, size: BODY_POINTS * 2, language: { value: 'en-GB' } },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
        heading1: heading(16, 0),
        heading2: heading(13, 240),
      },
    },
    sections: p.sections.map((s) => section(s, p)),
  });
  return Packer.toBuffer(doc);
}
