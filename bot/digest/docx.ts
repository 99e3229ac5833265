// The digest as a Word document, for the meeting papers as they are: A4 portrait, Arial 10pt,
// a title, the meeting's details and counts, then per meeting a table in the minutes' shape
// (Ref / Action / Owner / Update / Status) whose header row repeats on every page.
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Digest, DigestGroup, DigestItem } from '../tracker/digest-model.ts';
import { countsLine, digestTitle, meetingLine, ownersText, statusLines, xmlSafe } from './text.ts';

// Twentieths of a point (dxa). A4 is 210 x 297 mm; 2 cm margins leave 17 cm (9638 dxa) of text.
const A4 = { width: 11_906, height: 16_838 };
const MARGIN = 1_134;
const TEXT_WIDTH = A4.width - 2 * MARGIN;
// Ref fits '05 14/03/2023.iii' on two lines at most; the action text gets the most room.
const COLUMNS = [
  { title: 'Ref', width: 1_400 },
  { title: 'Action', width: 3_200 },
  { title: 'Owner', width: 1_600 },
  { title: 'Update', width: 2_038 },
  { title: 'Status', width: 1_400 },
] as const;
/** Half-points: 10pt body text. */
const BODY_SIZE = 20;
const FONT = 'Arial';

/** A cell's paragraphs: one per line of the text (Word has no line breaks inside a run's text). */
function paragraphs(text: string, opts: { bold?: boolean; size?: number } = {}): Paragraph[] {
  const lines = xmlSafe(text).split(/\r\n?|\n|\u2028|\u2029/);
  return lines.map((line) => new Paragraph({ children: [new TextRun({ text: line, ...(opts.bold ? { bold: true } : {}), ...(opts.size ? { size: opts.size } : {}) })] }));
}

function cell(children: Paragraph[], width: number, header = false): TableCell {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'D9D9D9' } } : {}),
  });
}

function headerRow(): TableRow {
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: COLUMNS.map((c) => cell(paragraphs(c.title, { bold: true }), c.width, true)),
  });
}

function updateParagraphs(i: DigestItem): Paragraph[] {
  const u = i.latestUpdate;
  if (!u) return paragraphs('—');
  const who = [u.by, u.date].filter((s) => s.trim() !== '').join(', ');
  return [...paragraphs(u.text), ...(who ? paragraphs(who, { size: BODY_SIZE - 2 }) : [])];
}

function itemRow(i: DigestItem): TableRow {
  const [status = '', ...more] = statusLines(i);
  const cells = [
    paragraphs(i.ref),
    paragraphs(i.text),
    paragraphs(ownersText(i.owners)),
    updateParagraphs(i),
    [...paragraphs(status, { bold: true }), ...more.flatMap((l) => paragraphs(l, { size: BODY_SIZE - 2 }))],
  ];
  return new TableRow({ children: cells.map((c, n) => cell(c, COLUMNS[n]?.width ?? 0)) });
}

function groupTable(g: DigestGroup): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMNS.map((c) => c.width),
    layout: TableLayoutType.FIXED,
    // Once for the table, not on every cell: a 10,000-row log is written noticeably faster.
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    rows: [headerRow(), ...g.items.map(itemRow)],
  });
}

/** The Word document (.docx) as a Buffer. */
export async function digestDocx(d: Digest): Promise<Buffer> {
  const title = xmlSafe(digestTitle(d));
  const body: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(title)] }),
    ...paragraphs(meetingLine(d)),
    new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text: xmlSafe(countsLine(d)), bold: true })] }),
  ];
  if (d.groups.length === 0) body.push(new Paragraph({ spacing: { before: 240 }, children: [new TextRun('No actions are open.')] }));
  for (const g of d.groups) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [new TextRun(xmlSafe(g.title))] }));
    body.push(groupTable(g));
  }

  const doc = new Document({
    creator: xmlSafe(d.board),
    title,
    description: `Compiled ${d.compiledAt}`,
    styles: {
      default: {
        document: { run: { font: FONT, size: BODY_SIZE, language: { value: 'en-GB' } }, paragraph: { spacing: { after: 0 } } },
        heading1: { run: { font: FONT, size: 28, bold: true, color: '000000' }, paragraph: { spacing: { after: 120 } } },
        heading2: { run: { font: FONT, size: 24, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ text: `${title} · page `, size: 16 }), new TextRun({ children: [PageNumber.CURRENT], size: 16 }), new TextRun({ text: ' of ', size: 16 }), new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16 })],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
