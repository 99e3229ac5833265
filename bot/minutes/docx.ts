// A Word file (.docx) read into the neutral minutes document. The package is opened with fflate
// and word/document.xml walked with sax: the minutes need only paragraphs, tables, tabs and
// bold/italic, and a streaming walk lets the size limits hold before anything large is built.
import { unzipSync } from 'fflate';
import sax from 'sax';
import type { Block, Cell, MinutesDocument, Paragraph, Row } from './document.ts';

export class MinutesFileError extends Error {}

/** The most document.xml may hold once inflated: a year of long minutes is well under 2 MB. */
export const MAX_DOCUMENT_XML = 20 * 1024 * 1024;

const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

function unpack(bytes: Uint8Array): { contentTypes: string; document: string } {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (f.name !== 'word/document.xml' && f.name !== '[Content_Types].xml') return false;
        if (f.originalSize > MAX_DOCUMENT_XML)
          throw new MinutesFileError('the Word file is too large to read (its text is over 20 MB)');
        return true;
      },
    });
  } catch (err) {
    if (err instanceof MinutesFileError) throw err;
    throw new MinutesFileError('this is not a Word file (.docx): it could not be opened as one');
  }
  const types = files['[Content_Types].xml'];
  const document = files['word/document.xml'];
  if (!types || !document) throw new MinutesFileError('this is not a Word document: it has no document text');
  const decoder = new TextDecoder('utf-8', { fatal: false });
  return { contentTypes: decoder.decode(types), document: decoder.decode(document) };
}

interface RunStyle {
  bold: boolean;
  italic: boolean;
  underline: boolean;
}

/** Reads document.xml: body paragraphs and tables, in order. */
export function readDocumentXml(xml: string): Block[] {
  const blocks: Block[] = [];
  const parser = sax.parser(true);
  // Tables nest: the innermost open table gets rows; a nested table's paragraphs go to the outer cell.
  const tables: Array<{ rows: Row[]; cell?: Cell }> = [];
  let para: { text: string; runs: Array<{ text: string } & RunStyle> } | undefined;
  let run: RunStyle | undefined;
  let inText = false;
  let skip = 0; // inside deleted text, field instructions or an alternative's fallback
  let inRunProps = false;

  const endParagraph = () => {
    if (!para) return;
    const visible = para.runs.filter((r) => r.text.trim() !== '');
    const paragraph: Paragraph = { text: para.text };
    if (visible.length > 0 && visible.every((r) => r.bold)) paragraph.bold = true;
    if (visible.length > 0 && visible.every((r) => r.italic)) paragraph.italic = true;
    if (visible.length > 0 && visible.every((r) => r.underline)) paragraph.underline = true;
    para = undefined;
    const table = tables.at(-1);
    if (table?.cell) table.cell.paragraphs.push(paragraph);
    else if (!table) blocks.push({ kind: 'paragraph', paragraph });
  };
  const add = (text: string) => {
    if (!para) return;
    para.text += text;
    para.runs.push({ text, ...(run ?? { bold: false, italic: false, underline: false }) });
  };
  const on = (v: string | undefined) => v === undefined || !['0', 'false', 'none'].includes(v);

  parser.onopentag = (tag) => {
    const name = tag.name;
    const attr = tag.attributes['w:val'];
    const val = typeof attr === 'string' ? attr : attr?.value;
    if (skip > 0 || name === 'w:del' || name === 'w:instrText' || name === 'mc:Fallback') {
      if (!tag.isSelfClosing) skip++;
      return;
    }
    switch (name) {
      case 'w:tbl':
        endParagraph();
        tables.push({ rows: [] });
        break;
      case 'w:tr':
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
        // A paragraph inside a paragraph (a text box) is read as part of it.
        if (!para) para = { text: '', runs: [] };
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
        if (!inRunProps) add('\t');
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
  parser.onclosetag = (name) => {
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
      case 'w:r':
        run = undefined;
        break;
      case 'w:p':
        endParagraph();
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
  parser.ontext = (text) => {
    if (inText && skip === 0) add(text);
  };
  parser.onerror = () => {
    throw new MinutesFileError('the Word file is damaged: its text could not be read');
  };
  parser.write(xml).close();
  return blocks;
}

/** The minutes in a .docx; a MinutesFileError says in one sentence why a file cannot be read. */
export function readDocx(bytes: Uint8Array): MinutesDocument {
  const { contentTypes, document } = unpack(bytes);
  if (!contentTypes.includes(WORD_MAIN)) {
    throw new MinutesFileError(
      contentTypes.includes('macroEnabled')
        ? 'this Word file contains macros (.docm): save it as a plain Word document (.docx) and send that'
        : 'this is not a Word document (.docx)',
    );
  }
  return { source: 'docx', blocks: readDocumentXml(document) };
}
