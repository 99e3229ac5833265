// The digest as a Word document, for the meeting papers as they are: A4 portrait, Arial 10pt,
// a title, the meeting's details and counts, then per meeting a table in the minutes' shape
// (Ref / Action / Owner / Update / Status) whose header row repeats on every page, and a footer
// with the title and 'page n of m'. The markup is written directly (wordml.ts) and packaged by
// word-package.ts.
import type { Digest, DigestGroup, DigestItem } from '../rules/digest-model.ts';
import { countsLine, digestTitle, meetingLine, ownersText, statusLines } from './text.ts';
import { FOOTER_REL, wordPackage } from './word-package.ts';
import {
  field,
  paragraphOf,
  paragraphProps,
  paragraphs,
  R_NS,
  run,
  runProps,
  W_NS,
  XML_DECLARATION,
} from './wordml.ts';

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
/** Half-points: 10pt body text, 9pt for the lines under it, 8pt in the footer. */
const BODY_SIZE = 20;
const FONT = 'Arial';

// Properties shared by thousands of runs and cells, written once.
const BOLD = runProps({ bold: true });
const SMALL = runProps({ size: BODY_SIZE - 2 });
const FOOTER_RUN = runProps({ size: 16 });
const HEADER_FILL = '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>';
const CELL_OPEN = COLUMNS.map((c) => `<w:tc><w:tcPr><w:tcW w:w="${c.width}" w:type="dxa"/></w:tcPr>`);
const BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="auto"';
const TABLE_OPEN =
  `<w:tbl><w:tblPr><w:tblW w:w="${TEXT_WIDTH}" w:type="dxa"/>` +
  `<w:tblBorders><w:top ${BORDER}/><w:left ${BORDER}/><w:bottom ${BORDER}/><w:right ${BORDER}/><w:insideH ${BORDER}/><w:insideV ${BORDER}/></w:tblBorders>` +
  // Fixed layout: Word need not measure every cell of a long log before showing it.
  '<w:tblLayout w:type="fixed"/>' +
  '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>' +
  `<w:tblGrid>${COLUMNS.map((c) => `<w:gridCol w:w="${c.width}"/>`).join('')}</w:tblGrid>`;
// Repeated at the top of every page the table runs onto, and never split itself.
const HEADER_ROW =
  '<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>' +
  COLUMNS.map(
    (c) =>
      `<w:tc><w:tcPr><w:tcW w:w="${c.width}" w:type="dxa"/>${HEADER_FILL}</w:tcPr>${paragraphs(c.title, BOLD)}</w:tc>`,
  ).join('') +
  '</w:tr>';

function updateCell(i: DigestItem): string {
  const u = i.latestUpdate;
  if (!u) return paragraphs('—');
  const who = [u.by, u.date].filter((s) => s.trim() !== '').join(', ');
  return paragraphs(u.text) + (who ? paragraphs(who, SMALL) : '');
}

function statusCell(i: DigestItem): string {
  const [status = '', ...more] = statusLines(i);
  return paragraphs(status, BOLD) + more.map((l) => paragraphs(l, SMALL)).join('');
}

function itemRow(i: DigestItem): string {
  const cells = [paragraphs(i.ref), paragraphs(i.text), paragraphs(ownersText(i.owners)), updateCell(i), statusCell(i)];
  let row = '<w:tr>';
  for (let n = 0; n < cells.length; n++) row += `${CELL_OPEN[n] ?? ''}${cells[n] ?? ''}</w:tc>`;
  return `${row}</w:tr>`;
}

function groupTable(g: DigestGroup): string {
  let table = TABLE_OPEN + HEADER_ROW;
  for (const i of g.items) table += itemRow(i);
  return `${table}</w:tbl>`;
}

function body(d: Digest, title: string): string {
  let out = paragraphs(title, '', paragraphProps({ style: 'Heading1' }));
  out += paragraphs(meetingLine(d));
  out += paragraphs(countsLine(d), BOLD, paragraphProps({ before: 120 }));
  if (d.groups.length === 0) out += paragraphs('No actions are open.', '', paragraphProps({ before: 240 }));
  for (const g of d.groups) out += paragraphs(g.title, '', paragraphProps({ style: 'Heading2' })) + groupTable(g);
  // Word ends a document with a paragraph, even after a table; so does this.
  out += '<w:p/>';
  const section =
    `<w:sectPr><w:footerReference w:type="default" r:id="${FOOTER_REL}"/>` +
    `<w:pgSz w:w="${A4.width}" w:h="${A4.height}"/>` +
    `<w:pgMar w:top="${MARGIN}" w:right="${MARGIN}" w:bottom="${MARGIN}" w:left="${MARGIN}" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>`;
  return `${XML_DECLARATION}<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:body>${out}${section}</w:body></w:document>`;
}

function footer(title: string): string {
  const runs =
    run(`${title} · page `, FOOTER_RUN) +
    field('PAGE', FOOTER_RUN) +
    run(' of ', FOOTER_RUN) +
    field('NUMPAGES', FOOTER_RUN);
  return `${XML_DECLARATION}<w:ftr xmlns:w="${W_NS}" xmlns:r="${R_NS}">${paragraphOf(runs, paragraphProps({ align: 'right' }))}</w:ftr>`;
}

const FONTS = `<w:rFonts w:ascii="${FONT}" w:hAnsi="${FONT}" w:eastAsia="${FONT}" w:cs="${FONT}"/>`;

/** A heading style: bold, black, kept with what follows, and an outline level for Word's navigation pane. */
function headingStyle(level: 1 | 2, size: number, before: number): string {
  return (
    `<w:style w:type="paragraph" w:styleId="Heading${level}"><w:name w:val="heading ${level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
    `<w:pPr><w:keepNext/><w:spacing w:before="${before}" w:after="120"/><w:outlineLvl w:val="${level - 1}"/></w:pPr>` +
    `<w:rPr>${FONTS}<w:b/><w:bCs/><w:color w:val="000000"/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr></w:style>`
  );
}

const STYLES =
  `${XML_DECLARATION}<w:styles xmlns:w="${W_NS}">` +
  `<w:docDefaults><w:rPrDefault><w:rPr>${FONTS}<w:sz w:val="${BODY_SIZE}"/><w:szCs w:val="${BODY_SIZE}"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>` +
  '<w:pPrDefault><w:pPr><w:spacing w:after="0"/></w:pPr></w:pPrDefault></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
  headingStyle(1, 28, 0) +
  headingStyle(2, 24, 240) +
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>' +
  '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
  '</w:styles>';

/** The Word document (.docx) as a Buffer. */
export async function digestDocx(d: Digest): Promise<Buffer> {
  const title = digestTitle(d);
  return wordPackage({
    document: body(d, title),
    styles: STYLES,
    footer: footer(title),
    title,
    creator: d.board,
    description: `Compiled ${d.compiledAt}`,
    created: d.compiledAt,
  });
}
