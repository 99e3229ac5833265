// A Word file (.docx) read into the neutral minutes document. The package is opened with fflate's
// streaming reader and its XML parts walked with sax: the minutes need only paragraphs, tables, tabs,
// bold/italic/underline and the numbers Word draws before list paragraphs, and a streaming walk lets
// the size limits hold before anything large is built. A file that is not plain Word, or that is
// built to hurt the reader, is refused with one MinutesFileError saying why.
import type { Tag } from 'sax';
import {
  MinutesBudget,
  MinutesFileError,
  type Block,
  type Cell,
  type MinutesDocument,
  type Paragraph,
  type Row,
} from './document.ts';
import {
  CONTENT_TYPES,
  REFUSED,
  attr,
  decodeXml,
  isOle,
  isZip,
  oleRefusal,
  unzipParts,
  walkXml,
  wordPackage,
} from './docx-package.ts';
import { ListNumbering, intOf, readNumbering, readStyleNumbering } from './docx-numbering.ts';

// ---------------------------------------------------------------------------------------------
// The document: body paragraphs and tables, in order.

interface RunStyle {
  bold: boolean;
  italic: boolean;
  underline: boolean;
}

/** Elements whose content is not the document's current text: deletions, field codes, old properties, fallbacks. */
const SKIPPED = new Set(['w:del', 'w:instrText', 'w:delInstrText', 'mc:Fallback', 'w:pPrChange', 'w:rPrChange']);

/** Reads document.xml: body paragraphs and tables, in order, with list labels from `numbering`. */
export function readDocumentXml(xml: string, numbering = new ListNumbering(), budget = new MinutesBudget()): Block[] {
  const blocks: Block[] = [];
  // Tables nest: the innermost open table gets rows; a nested table's paragraphs go to the outer cell.
  const tables: Array<{ rows: Row[]; cell?: Cell }> = [];
  let para:
    | { text: string; runs: Array<{ text: string } & RunStyle>; numId?: string; ilvl?: number; styleId?: string }
    | undefined;
  let paraDepth = 0; // a paragraph inside a paragraph (a text box) is read as part of it
  let run: RunStyle | undefined;
  let inText = false;
  let skip = 0;
  let inRunProps = false;
  let inParaProps = false;

  const endParagraph = () => {
    if (!para) return;
    const visible = para.runs.filter((r) => r.text.trim() !== '');
    const paragraph: Paragraph = { text: para.text };
    if (visible.length > 0 && visible.every((r) => r.bold)) paragraph.bold = true;
    if (visible.length > 0 && visible.every((r) => r.italic)) paragraph.italic = true;
    if (visible.length > 0 && visible.every((r) => r.underline)) paragraph.underline = true;
    const label = numbering.label(para);
    if (label !== undefined) paragraph.listLabel = label;
    budget.count(paragraph.text);
    para = undefined;
    const table = tables.at(-1);
    if (table?.cell) table.cell.paragraphs.push(paragraph);
    else if (!table) blocks.push({ kind: 'paragraph', paragraph });
  };
  const add = (text: string) => {
    if (!para || !run || inRunProps) return;
    para.text += text;
    para.runs.push({ text, ...run });
  };
  const on = (v: string | undefined) => v === undefined || !['0', 'false', 'none'].includes(v);

  const open = (tag: Tag) => {
    const name = tag.name;
    const val = attr(tag, 'w:val');
    if (skip > 0 || SKIPPED.has(name)) {
      if (!tag.isSelfClosing) skip++;
      return;
    }
    switch (name) {
      case 'w:tbl':
        endParagraph(); // a table in a text box ends the paragraph around it
        tables.push({ rows: [] });
        break;
      case 'w:tr':
        budget.count();
        tables.at(-1)?.rows.push({ cells: [] });
        break;
      case 'w:tc': {
        const table = tables.at(-1);
        const cell: Cell = { paragraphs: [] };
        table?.rows.at(-1)?.cells.push(cell);
        if (table) table.cell = cell;
        break;
      }
      case 'w:p':
        paraDepth++;
        para ??= { text: '', runs: [] };
        break;
      case 'w:pPr':
        inParaProps = true;
        break;
      case 'w:pStyle':
        if (inParaProps && para && paraDepth === 1) para.styleId = val;
        break;
      case 'w:numId':
        if (inParaProps && para && paraDepth === 1) para.numId = val;
        break;
      case 'w:ilvl':
        if (inParaProps && para && paraDepth === 1) para.ilvl = intOf(val);
        break;
      case 'w:r':
        run = { bold: false, italic: false, underline: false };
        break;
      case 'w:rPr':
        inRunProps = true;
        break;
      case 'w:b':
        if (inRunProps && run) run.bold = on(val);
        break;
      case 'w:i':
        if (inRunProps && run) run.italic = on(val);
        break;
      case 'w:u':
        if (inRunProps && run) run.underline = on(val);
        break;
      case 'w:t':
        inText = true;
        break;
      case 'w:tab':
        add('\t'); // in a run only: a w:tab in the paragraph's properties is a tab stop
        break;
      case 'w:br':
      case 'w:cr':
        add('\n');
        break;
      case 'w:noBreakHyphen':
        add('-');
        break;
    }
  };
  const close = (name: string) => {
    if (skip > 0) {
      skip--;
      return;
    }
    switch (name) {
      case 'w:t':
        inText = false;
        break;
      case 'w:rPr':
        inRunProps = false;
        break;
      case 'w:pPr':
        inParaProps = false;
        break;
      case 'w:r':
        run = undefined;
        break;
      case 'w:p':
        paraDepth = Math.max(0, paraDepth - 1);
        if (paraDepth === 0) endParagraph();
        break;
      case 'w:tc': {
        endParagraph();
        const table = tables.at(-1);
        if (table) delete table.cell;
        break;
      }
      case 'w:tbl': {
        const done = tables.pop();
        if (!done) break;
        const outer = tables.at(-1);
        // A table inside a cell: its cells' paragraphs become the outer cell's.
        if (outer?.cell) outer.cell.paragraphs.push(...done.rows.flatMap((r) => r.cells.flatMap((c) => c.paragraphs)));
        else blocks.push({ kind: 'table', rows: done.rows });
        break;
      }
    }
  };
  walkXml(xml, 'word/document.xml', {
    open,
    close,
    text: (text) => {
      if (inText && skip === 0) add(text);
    },
  });
  return blocks;
}

/** The minutes in a .docx; a MinutesFileError says in one sentence why a file cannot be read. */
export function readDocx(bytes: Uint8Array): MinutesDocument {
  if (isOle(bytes)) throw new MinutesFileError(oleRefusal(bytes));
  if (!isZip(bytes)) throw new MinutesFileError(REFUSED.notZip);
  const first = unzipParts(bytes, new Set([CONTENT_TYPES]));
  const pkg = wordPackage(first.names, first.parts.get(CONTENT_TYPES));
  const wanted = [pkg.main, pkg.numbering, pkg.styles].filter((p): p is string => p !== undefined);
  const { parts } = unzipParts(bytes, new Set(wanted));
  const document = parts.get(pkg.main);
  if (!document) throw new MinutesFileError(REFUSED.noText);
  const read = (part: string | undefined) => {
    const data = part === undefined ? undefined : parts.get(part);
    return data === undefined ? undefined : decodeXml(data);
  };
  const numberingXml = read(pkg.numbering);
  const stylesXml = read(pkg.styles);
  const numbering = new ListNumbering(
    numberingXml === undefined ? undefined : readNumbering(numberingXml),
    stylesXml === undefined ? undefined : readStyleNumbering(stylesXml),
  );
  return { source: 'docx', blocks: readDocumentXml(decodeXml(document), numbering) };
}
