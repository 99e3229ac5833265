// Small Word files for the minutes reader's tests, zipped with fflate: the parts the reader looks at
// (content types, document, numbering, styles) as given, so a test can make them right or hostile.
import { strToU8, zipSync, type Zippable } from 'fflate';

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const WORD = 'application/vnd.openxmlformats-officedocument.wordprocessingml';
export const WORD_MAIN = `${WORD}.document.main+xml`;
export const WORD_MACRO_MAIN = 'application/vnd.ms-word.document.macroEnabled.main+xml';

/** word/document.xml around a body. */
export function documentXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W_NS}"><w:body>${body}</w:body></w:document>`;
}

/** A paragraph of plain runs; `num` puts it in a list, `style` gives it a paragraph style. */
export function p(text: string, opts: { num?: [numId: number, ilvl: number]; style?: string } = {}): string {
  const props = [
    opts.style ? `<w:pStyle w:val="${opts.style}"/>` : '',
    opts.num ? `<w:numPr><w:ilvl w:val="${opts.num[1]}"/><w:numId w:val="${opts.num[0]}"/></w:numPr>` : '',
  ].join('');
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
}

/** A table of rows of cells, each cell one paragraph of text. */
export function table(rows: string[][]): string {
  const tr = (cells: string[]) => `<w:tr>${cells.map((c) => `<w:tc>${p(c)}</w:tc>`).join('')}</w:tr>`;
  return `<w:tbl>${rows.map(tr).join('')}</w:tbl>`;
}

/** One abstract list's levels: [format, level text, start?] per level. */
export function abstractNum(id: number, levels: Array<[format: string, text: string, start?: number]>): string {
  const lvl = levels
    .map(
      ([format, text, start], ilvl) =>
        `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start ?? 1}"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/></w:lvl>`,
    )
    .join('');
  return `<w:abstractNum w:abstractNumId="${id}">${lvl}</w:abstractNum>`;
}

/** A num over an abstract list; `restartAt` gives level 0 a start override (a list that starts again). */
export function num(id: number, abstractId: number, restartAt?: number): string {
  const override =
    restartAt === undefined ? '' : `<w:lvlOverride w:ilvl="0"><w:startOverride w:val="${restartAt}"/></w:lvlOverride>`;
  return `<w:num w:numId="${id}"><w:abstractNumId w:val="${abstractId}"/>${override}</w:num>`;
}

export function numberingXml(inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="${W_NS}">${inner}</w:numbering>`;
}

export function stylesXml(inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="${W_NS}">${inner}</w:styles>`;
}

export function contentTypesXml(overrides: Record<string, string>): string {
  const o = Object.entries(overrides)
    .map(([part, type]) => `<Override PartName="/${part}" ContentType="${type}"/>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>${o}</Types>`;
}

export interface DocxParts {
  document?: string;
  numbering?: string;
  styles?: string;
  /** The main part's content type (Word's by default). */
  mainType?: string;
  /** Replaces the content types the other options make. */
  contentTypes?: string;
  /** Any other parts, as text or bytes. */
  extra?: Record<string, string | Uint8Array>;
}

/** A .docx of these parts; the document is an empty body unless given. */
export function docx(parts: DocxParts = {}): Uint8Array {
  const overrides: Record<string, string> = { 'word/document.xml': parts.mainType ?? WORD_MAIN };
  const files: Zippable = {};
  if (parts.numbering !== undefined) overrides['word/numbering.xml'] = `${WORD}.numbering+xml`;
  if (parts.styles !== undefined) overrides['word/styles.xml'] = `${WORD}.styles+xml`;
  files['[Content_Types].xml'] = strToU8(parts.contentTypes ?? contentTypesXml(overrides));
  files['word/document.xml'] = strToU8(parts.document ?? documentXml(''));
  if (parts.numbering !== undefined) files['word/numbering.xml'] = strToU8(parts.numbering);
  if (parts.styles !== undefined) files['word/styles.xml'] = strToU8(parts.styles);
  for (const [name, data] of Object.entries(parts.extra ?? {}))
    files[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(files);
}

/**
 * Makes an archive lie about a part's inflated size: the local header (which a streaming reader
 * trusts) and the central directory both say `size`.
 */
export function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const nameBytes = strToU8(name);
  const nameAt = (at: number) => nameBytes.every((b, i) => out[at + i] === b);
  let patched = 0;
  for (let at = 0; at + 46 < out.length; at++) {
    const sig = view.getUint32(at, true);
    if (sig === 0x04034b50 && view.getUint16(at + 26, true) === nameBytes.length && nameAt(at + 30)) {
      view.setUint32(at + 22, size, true);
      patched++;
    } else if (sig === 0x02014b50 && view.getUint16(at + 28, true) === nameBytes.length && nameAt(at + 46)) {
      view.setUint32(at + 24, size, true);
      patched++;
    }
  }
  if (patched !== 2) throw new Error(`${name}: found ${patched} of its 2 headers`);
  return out;
}
