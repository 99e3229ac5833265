// The Word package (.docx is a ZIP of XML parts): which parts hold the text, read with the sizes
// they really inflate to (fflate's streaming reader), and walked with sax. Anything that is not plain
// Word, or is built to hurt the reader, is refused here with one MinutesFileError saying why.
import { Unzip, UnzipInflate } from 'fflate';
import sax, { type Tag } from 'sax';
import { MinutesFileError } from './document.ts';

/** The most the parts read from a Word file may hold once inflated: a year of long minutes is well under 2 MB. */
export const MAX_DOCUMENT_XML = 20 * 1024 * 1024;
/** A Word file has a few dozen parts (more with pictures); tens of thousands is a crafted archive. */
const MAX_PARTS = 10_000;
/**
 * The archive is fed to the inflater in slices this big: DEFLATE expands at most about 1,000 times,
 * so no single step inflates more than ~16 MB before the real size is measured.
 */
const SLICE = 16 * 1024;

export const REFUSED = {
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
export const CONTENT_TYPES = '[Content_Types].xml';

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

/**
 * The names of every part of a ZIP archive, and the wanted parts inflated. fflate's one-shot reader
 * allocates from the size an archive declares, so this streams instead and counts what is really
 * inflated: a part larger than it declares, or all of them over MAX_DOCUMENT_XML, stops the reading.
 */
export function unzipParts(
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
      if (final) parts.set(file.name, Buffer.concat(chunks, size));
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
export function decodeXml(bytes: Uint8Array): string {
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
export function walkXml(xml: string, part: string, on: XmlHandlers): void {
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

export const attr = (tag: Tag, name: string): string | undefined => tag.attributes[name];

interface WordPackage {
  main: string;
  numbering?: string;
  styles?: string;
}

/** Which parts hold the text, the list numbering and the styles; anything but plain Word is refused. */
export function wordPackage(names: ReadonlySet<string>, contentTypes: Uint8Array | undefined): WordPackage {
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
