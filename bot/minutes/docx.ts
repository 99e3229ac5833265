// A Word file (.docx) read into the neutral minutes document. The package is opened with fflate's
// streaming reader and its XML parts walked with sax: the minutes need only paragraphs, tables, tabs,
// bold/italic/underline and the numbers Word draws before list paragraphs, and a streaming walk lets
// the size limits hold before anything large is built. A file that is not plain Word, or that is
// built to hurt the reader, is refused with one MinutesFileError saying why.
import { Unzip, UnzipInflate } from 'fflate';
import sax, { type Tag } from 'sax';
import {
  MinutesBudget,
  MinutesFileError,
  type Block,
  type Cell,
  type MinutesDocument,
  type Paragraph,
  type Row,
} from './document.ts';

export { MinutesFileError } from './document.ts';

/** The most the parts read from a Word file may hold once inflated: a year of long minutes is well under 2 MB. */
export const MAX_DOCUMENT_XML = 20 * 1024 * 1024;
/** A Word file has a few dozen parts (more with pictures); tens of thousands is a crafted archive. */
const MAX_PARTS = 10_000;
/**
 * The archive is fed to the inflater in slices this big: DEFLATE expands at most about 1,000 times,
 * so no single step inflates more than ~16 MB before the real size is measured.
 */
const SLICE = 16 * 1024;

const REFUSED = {
  notZip: 'this is not a Word file (.docx): it could not be opened as one',
  tooLarge: `the Word file is too large to read: its text is over ${MAX_DOCUMENT_XML / 1024 / 1024} MB`,
  bomb: 'the Word file was not opened: its parts expand far beyond the sizes it declares (a "zip bomb"), which no Word file does',
  tooManyParts: `the Word file was not opened: it holds over ${MAX_PARTS.toLocaleString('en-GB')} parts, which no Word file does`,
  doctype: 'the Word file was not opened: it contains an XML DOCTYPE or entity declaration, which Word never writes',
  macros: 'this Word file contains macros (.docm): save it as a plain Word document (.docx) and send that',
  excel: 'this is an Excel workbook (.xlsx), not the minutes: send the Word file (.docx)',
  powerpoint: 'this is a PowerPoint presentation (.pptx), not the minutes: send the Word file (.docx)',
  openDocument:
    'this is an OpenDocument file (.odt): open it in Word, save it as a Word document (.docx) and send that',
  otherZip: 'this is a ZIP archive, not a Word document (.docx)',
  noText: 'this is not a Word document: it has no document text',
  encrypted:
    'this Word file is password-protected: open it in Word, remove the password (File > Info > Protect Document) and send it again',
  oldWord: 'this is an old Word document (.doc), or a protected one: open it in Word, save it as .docx and send that',
} as const;

// A part's name comes from the file: shown on one line, and short.
// eslint-disable-next-line no-control-regex -- the control characters are the point
const shown = (part: string): string => part.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 80);
const damaged = (part: string): string =>
  `the Word file is damaged (its part ${shown(part)} could not be read): open it in Word, save it again and send that`;

const WORD_MAIN = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml',
];
const NUMBERING = 'application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml';
const STYLES = 'application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml';
const CONTENT_TYPES = '[Content_Types].xml';

// ---------------------------------------------------------------------------------------------
// The signatures a file starts with (the first bytes, whatever its name says).

const ZIP_MAGIC = [0x50, 0x4b];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => magic.every((b, i) => bytes[i] === b);

/** A ZIP archive: a .docx, or an .xlsx, .pptx, .odt... */
export const isZip = (bytes: Uint8Array): boolean => startsWith(bytes, ZIP_MAGIC);
/** An OLE compound file: an old .doc, or a password-protected Word file (Word encrypts into one). */
export const isOle = (bytes: Uint8Array): boolean => startsWith(bytes, OLE_MAGIC);

/** Why an OLE file cannot be read: an encrypted Word file holds a stream named EncryptedPackage. */
export function oleRefusal(bytes: Uint8Array): string {
  const name = Buffer.from('EncryptedPackage', 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes(name) ? REFUSED.encrypted : REFUSED.oldWord;
}

// ---------------------------------------------------------------------------------------------
// The package: its part names, and the few parts read, with the sizes they really inflate to.

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * The names of every part of a ZIP archive, and the wanted parts inflated. fflate's one-shot reader
 * allocates from the size an archive declares, so this streams instead and counts what is really
 * inflated: a part larger than it declares, or all of them over MAX_DOCUMENT_XML, stops the reading.
 */
function unzipParts(
  bytes: Uint8Array,
  wanted: ReadonlySet<string>,
): { names: Set<string>; parts: Map<string, Uint8Array> } {
  const names = new Set<string>();
  const parts = new Map<string, Uint8Array>();
  const started = new Set<string>();
  let inflated = 0;
  const unzip = new Unzip((file) => {
    names.add(file.name);
    if (names.size > MAX_PARTS) throw new MinutesFileError(REFUSED.tooManyParts);
    if (!wanted.has(file.name) || started.has(file.name)) return;
    // Refused on what it declares, before a byte is inflated.
    if ((file.originalSize ?? 0) > MAX_DOCUMENT_XML) throw new MinutesFileError(REFUSED.tooLarge);
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, data, final) => {
      if (err) throw err instanceof MinutesFileError ? err : new MinutesFileError(damaged(file.name));
      size += data.length;
      inflated += data.length;
      if (file.originalSize !== undefined && size > file.originalSize) throw new MinutesFileError(REFUSED.bomb);
      if (inflated > MAX_DOCUMENT_XML) throw new MinutesFileError(REFUSED.tooLarge);
      chunks.push(data);
      if (final) parts.set(file.name, concat(chunks, size));
    };
    started.add(file.name);
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length; at += SLICE) {
      unzip.push(bytes.subarray(at, at + SLICE), at + SLICE >= bytes.length);
    }
  } catch (err) {
    if (err instanceof MinutesFileError) throw err;
    throw new MinutesFileError(names.size === 0 ? REFUSED.notZip : damaged([...names].at(-1) ?? 'unknown'));
  }
  for (const name of started) if (!parts.has(name)) throw new MinutesFileError(damaged(name));
  if (names.size === 0) throw new MinutesFileError(REFUSED.notZip);
  return { names, parts };
}

/** XML text: UTF-8 unless it starts with a UTF-16 byte-order mark (both are allowed). */
function decodeXml(bytes: Uint8Array): string {
  const label =
    bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  return new TextDecoder(label).decode(bytes);
}

interface XmlHandlers {
  open?: (tag: Tag) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

/** Walks one XML part with sax; a DOCTYPE or entity declaration, or XML that is not well-formed, is refused. */
function walkXml(xml: string, part: string, on: XmlHandlers): void {
  const parser = sax.parser(true);
  const refuse = (): never => {
    throw new MinutesFileError(REFUSED.doctype);
  };
  parser.ondoctype = refuse;
  parser.onsgmldeclaration = refuse;
  parser.onerror = () => {
    throw new MinutesFileError(damaged(part));
  };
  if (on.open) parser.onopentag = on.open;
  if (on.close) parser.onclosetag = on.close;
  if (on.text) parser.ontext = parser.oncdata = on.text;
  parser.write(xml).close();
}

const attr = (tag: Tag, name: string): string | undefined => tag.attributes[name];

interface WordPackage {
  main: string;
  numbering?: string;
  styles?: string;
}

/** Which parts hold the text, the list numbering and the styles; anything but plain Word is refused. */
function wordPackage(names: ReadonlySet<string>, contentTypes: Uint8Array | undefined): WordPackage {
  if (names.has('mimetype') && names.has('content.xml')) throw new MinutesFileError(REFUSED.openDocument);
  if ([...names].some((n) => n.toLowerCase().endsWith('vbaproject.bin'))) throw new MinutesFileError(REFUSED.macros);
  if (!contentTypes) throw new MinutesFileError(REFUSED.otherZip);
  const types = new Map<string, string>();
  walkXml(decodeXml(contentTypes), CONTENT_TYPES, {
    open: (tag) => {
      const name = attr(tag, 'PartName');
      const type = attr(tag, 'ContentType');
      if (tag.name === 'Override' && name && type) types.set(name.replace(/^\//, ''), type);
    },
  });
  const partOf = (wanted: readonly string[]): string | undefined =>
    [...types].find(([, type]) => wanted.includes(type))?.[0];
  const all = [...types.values()];
  if (all.some((t) => t.includes('macroEnabled'))) throw new MinutesFileError(REFUSED.macros);
  const main = partOf(WORD_MAIN);
  if (!main) {
    if (all.some((t) => t.includes('spreadsheetml')) || names.has('xl/workbook.xml'))
      throw new MinutesFileError(REFUSED.excel);
    if (all.some((t) => t.includes('presentationml')) || names.has('ppt/presentation.xml'))
      throw new MinutesFileError(REFUSED.powerpoint);
    throw new MinutesFileError(REFUSED.otherZip);
  }
  return { main, numbering: partOf([NUMBERING]), styles: partOf([STYLES]) };
}

// ---------------------------------------------------------------------------------------------
// List numbering: the label Word draws before a list paragraph ('I.', 'ii.', '1.', a bullet).

interface Level {
  start: number;
  format: string;
  text: string;
  /** Legal numbering: every level shown as a decimal ('1.1.'). */
  legal: boolean;
}

interface List {
  /** Lists that share a counter share a key: the nums of one abstract list continue each other unless restarted. */
  counter: string;
  levels: Map<number, Level>;
}

/** Where a paragraph style puts its paragraphs in a list. */
interface StyleNumbering {
  numId?: string;
  ilvl?: number;
  basedOn?: string;
}

const ROMAN: ReadonlyArray<[number, string]> = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

function roman(n: number): string {
  let out = '';
  for (const [value, numeral] of ROMAN) for (; n >= value; n -= value) out += numeral;
  return out;
}

/** Word's letters: a..z, then aa..zz, aaa... */
const letters = (n: number): string => String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'upperRoman':
      return roman(n).toUpperCase();
    case 'lowerRoman':
      return roman(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerLetter':
      return letters(n);
    case 'decimalZero':
      return String(n).padStart(2, '0');
    default:
      // decimal, and the rarer formats (ordinal, cardinal text...) as the number they count
      return String(n);
  }
}

/** Numbering as numbering.xml and styles.xml define it; `label` counts the paragraphs in document order. */
export class ListNumbering {
  private readonly counts = new Map<string, number[]>();

  constructor(
    private readonly lists: ReadonlyMap<string, List> = new Map(),
    private readonly styles: ReadonlyMap<string, StyleNumbering> = new Map(),
  ) {}

  /** The list a paragraph of this style is in, following basedOn (a loop in the styles ends the search). */
  private styleNumbering(styleId: string | undefined): { numId?: string; ilvl?: number } {
    const found: { numId?: string; ilvl?: number } = {};
    for (let id = styleId, hops = 0; id !== undefined && hops < 20; hops++) {
      const style = this.styles.get(id);
      if (!style) break;
      found.numId ??= style.numId;
      found.ilvl ??= style.ilvl;
      id = style.basedOn;
    }
    return found;
  }

  /** The label of the next paragraph with this numbering, counting it; undefined when it is not in a list. */
  label(own: { numId?: string; ilvl?: number; styleId?: string }): string | undefined {
    const style = this.styleNumbering(own.styleId);
    const numId = own.numId ?? style.numId;
    const ilvl = own.ilvl ?? style.ilvl ?? 0;
    const list = numId === undefined || numId === '0' ? undefined : this.lists.get(numId);
    const level = list?.levels.get(ilvl);
    if (!list || !level) return undefined;
    const counts = this.counts.get(list.counter) ?? [];
    counts[ilvl] = counts[ilvl] === undefined ? level.start : counts[ilvl] + 1;
    counts.length = ilvl + 1; // a deeper level starts again under the next paragraph of this one
    this.counts.set(list.counter, counts);
    if (level.format === 'bullet') return '•';
    if (level.format === 'none') return undefined;
    const label = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const k = Number(d) - 1;
      const at = list.levels.get(k);
      return formatNumber(counts[k] ?? at?.start ?? 1, level.legal ? 'decimal' : (at?.format ?? 'decimal'));
    });
    return label.trim() === '' ? undefined : label.trim();
  }
}

const intOf = (v: string | undefined): number | undefined => {
  const n = v === undefined ? NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
};

/** numbering.xml: each num's levels (its abstract list's, with the num's own overrides). */
export function readNumbering(xml: string): Map<string, List> {
  const abstracts = new Map<string, Map<number, Level>>();
  const nums = new Map<string, { abstractId?: string; starts: Map<number, number>; levels: Map<number, Level> }>();
  let levels: Map<number, Level> | undefined; // the levels being read: an abstract list's, or a num's overrides
  let level: Level | undefined;
  let num: { abstractId?: string; starts: Map<number, number>; levels: Map<number, Level> } | undefined;
  let overrideLevel: number | undefined;
  walkXml(xml, 'word/numbering.xml', {
    open: (tag) => {
      const val = attr(tag, 'w:val');
      switch (tag.name) {
        case 'w:abstractNum':
          levels = new Map();
          abstracts.set(attr(tag, 'w:abstractNumId') ?? '', levels);
          break;
        case 'w:num':
          num = { starts: new Map(), levels: new Map() };
          nums.set(attr(tag, 'w:numId') ?? '', num);
          break;
        case 'w:abstractNumId':
          if (num) num.abstractId = val;
          break;
        case 'w:lvlOverride':
          overrideLevel = intOf(attr(tag, 'w:ilvl'));
          if (num) levels = num.levels;
          break;
        case 'w:startOverride':
          if (num && overrideLevel !== undefined) num.starts.set(overrideLevel, intOf(val) ?? 1);
          break;
        case 'w:lvl':
          level = { start: 1, format: 'decimal', text: '', legal: false };
          levels?.set(intOf(attr(tag, 'w:ilvl')) ?? 0, level);
          break;
        case 'w:start':
          if (level) level.start = intOf(val) ?? 1;
          break;
        case 'w:numFmt':
          if (level && val) level.format = val;
          break;
        case 'w:lvlText':
          if (level) level.text = val ?? '';
          break;
        case 'w:isLgl':
          if (level) level.legal = val !== '0' && val !== 'false';
          break;
      }
    },
    close: (name) => {
      if (name === 'w:lvl') level = undefined;
      else if (name === 'w:abstractNum' || name === 'w:lvlOverride') levels = undefined;
      else if (name === 'w:num') num = undefined;
    },
  });
  const lists = new Map<string, List>();
  for (const [numId, n] of nums) {
    const base = abstracts.get(n.abstractId ?? '') ?? new Map<number, Level>();
    const merged = new Map([...base, ...n.levels]);
    for (const [ilvl, start] of n.starts) {
      const at = merged.get(ilvl);
      if (at) merged.set(ilvl, { ...at, start });
    }
    // A num that restarts a level counts on its own; the others continue their abstract list.
    const restarts = n.starts.size > 0 || n.levels.size > 0;
    lists.set(numId, { counter: restarts ? `num ${numId}` : `abstract ${n.abstractId ?? ''}`, levels: merged });
  }
  return lists;
}

/** styles.xml: the paragraph styles that put their paragraphs in a list. */
export function readStyleNumbering(xml: string): Map<string, StyleNumbering> {
  const styles = new Map<string, StyleNumbering>();
  let style: StyleNumbering | undefined;
  let inPPrChange = 0;
  walkXml(xml, 'word/styles.xml', {
    open: (tag) => {
      const val = attr(tag, 'w:val');
      if (tag.name === 'w:style') {
        style = attr(tag, 'w:type') === 'paragraph' ? {} : undefined;
        if (style) styles.set(attr(tag, 'w:styleId') ?? '', style);
      } else if (tag.name === 'w:pPrChange') inPPrChange++;
      else if (!style || inPPrChange > 0) return;
      else if (tag.name === 'w:basedOn') style.basedOn = val;
      else if (tag.name === 'w:numId') style.numId = val;
      else if (tag.name === 'w:ilvl') style.ilvl = intOf(val);
    },
    close: (name) => {
      if (name === 'w:style') style = undefined;
      else if (name === 'w:pPrChange') inPPrChange--;
    },
  });
  return styles;
}

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
