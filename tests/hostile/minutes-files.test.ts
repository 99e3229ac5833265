// Files given as minutes that are not plain Word or text, or are built to hurt the reader: each is
// refused with one MinutesFileError of one line saying what to do, and nothing else is ever thrown.
// The hostile Word files are made here with fflate; memory is checked only as a sanity bound.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readCopiedText } from '../../bot/minutes/copied-text.ts';
import { MinutesFileError, type MinutesDocument } from '../../bot/minutes/document.ts';
import { readDocx } from '../../bot/minutes/docx.ts';
import { MAX_MINUTES_FILE_BYTES, openMinutes } from '../../bot/minutes/open.ts';
import {
  WORD_MACRO_MAIN,
  contentTypesXml,
  declareSize,
  docx,
  documentXml,
  p,
  stylesXml,
  table,
} from '../helpers/minutes-docx.ts';

/** The one error reading refused with: a MinutesFileError, on one line. */
function refusal(read: () => unknown): string {
  let thrown: unknown;
  try {
    read();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(MinutesFileError);
  const message = (thrown as Error).message;
  expect(message).not.toMatch(/[\r\n]/);
  return message;
}

const MB = 1024 * 1024;
const tablesOf = (doc: MinutesDocument) => doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.rows] : []));
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

describe('zip bombs and oversized Word files', () => {
  it('a part that inflates beyond the size it declares is stopped as soon as it passes it', () => {
    const body = `${documentXml(p('minutes'))}${' '.repeat(30 * MB)}`;
    const bomb = declareSize(docx({ document: body }), 'word/document.xml', 2_000);
    expect(bomb.length).toBeLessThan(MB);
    const before = process.memoryUsage();
    expect(refusal(() => openMinutes(bomb))).toBe(
      'the Word file was not opened: its parts expand far beyond the sizes it declares (a "zip bomb"), which no Word file does',
    );
    const grown = process.memoryUsage().arrayBuffers - before.arrayBuffers;
    expect(grown).toBeLessThan(64 * MB);
  });

  it('a part declaring 1 GB is refused on its declaration, before anything is inflated or allocated', () => {
    const bomb = declareSize(docx({ document: documentXml(p('minutes')) }), 'word/document.xml', 2 ** 30);
    const before = process.memoryUsage();
    expect(refusal(() => openMinutes(bomb))).toBe('the Word file is too large to read: its text is over 20 MB');
    const after = process.memoryUsage();
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(64 * MB);
    expect(after.rss - before.rss).toBeLessThan(256 * MB);
  });

  it('so is [Content_Types].xml declaring 1 GB, the first part read', () => {
    const bomb = declareSize(docx(), '[Content_Types].xml', 2 ** 30);
    expect(refusal(() => readDocx(bomb))).toBe('the Word file is too large to read: its text is over 20 MB');
  });

  it('parts that each declare their true size, but are over 20 MB together, are refused', () => {
    const big = ' '.repeat(12 * MB);
    const file = docx({ document: `${documentXml(p('x'))}${big}`, styles: `${stylesXml('')}${big}` });
    expect(refusal(() => readDocx(file))).toBe('the Word file is too large to read: its text is over 20 MB');
  });

  it('an archive of tens of thousands of parts is refused', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i <= 10_000; i++) files[`junk/${i}`] = new Uint8Array(0);
    const many = zipSync({ '[Content_Types].xml': strToU8(contentTypesXml({})), ...files }, { level: 0 });
    expect(refusal(() => openMinutes(many))).toBe(
      'the Word file was not opened: it holds over 10,000 parts, which no Word file does',
    );
  });

  it('a document over the paragraph or character limit is refused, saying the limit', () => {
    const rows = table(Array.from({ length: 50_001 }, () => ['']));
    expect(refusal(() => readDocx(docx({ document: documentXml(rows) })))).toBe(
      'the minutes are too long to read: over 50,000 paragraphs and table rows',
    );
    const long = p('a'.repeat(1_000_001));
    expect(refusal(() => readDocx(docx({ document: documentXml(long + long) })))).toBe(
      'the minutes are too long to read: over 2,000,000 characters of text',
    );
  });

  it('copied text with more HTML than minutes hold is refused (the parser slows on deeply nested tags)', () => {
    expect(refusal(() => readCopiedText(`01\t${'<i>'.repeat(1_001)}text\t`))).toBe(
      'the copied text holds more HTML markup than minutes do (over 1,000 tags in one cell): copy the text out of Word again, or send the Word file (.docx)',
    );
    const cell = '<i>x</i>'.repeat(500); // 1,000 tags: the most one cell may hold
    expect(refusal(() => readCopiedText(Array.from({ length: 21 }, (_, i) => `${i}\t${cell}`).join('\n')))).toBe(
      'the copied text holds more HTML markup than minutes do (over 20,000 tags): copy the text out of Word again, or send the Word file (.docx)',
    );
    expect(tablesOf(readCopiedText(`01\t${cell}`))[0]?.[0]?.cells[1]?.paragraphs).toHaveLength(1);
  });

  it('text shaped to make the reader slow is read, or refused by the limits, all the same', () => {
    expect(readCopiedText(`* ${'*a '.repeat(600_000)}`).blocks).toHaveLength(1); // asterisks: left as written
    expect(readCopiedText(`x\ta${'I'.repeat(1_000_000)}.B`).blocks).toHaveLength(1); // no label so long
    expect(refusal(() => readCopiedText(`x\n\n${'lower case line\n\n'.repeat(60_000)}`))).toBe(
      'the minutes are too long to read: over 50,000 paragraphs and table rows',
    );
  });

  it('copied text over the limits is refused the same way', () => {
    expect(refusal(() => readCopiedText('a\tb\n'.repeat(50_001)))).toBe(
      'the minutes are too long to read: over 50,000 paragraphs and table rows',
    );
    expect(refusal(() => readCopiedText(`${'a'.repeat(1_500_000)}\n\n${'b'.repeat(600_000)}`))).toBe(
      'the minutes are too long to read: over 2,000,000 characters of text',
    );
  });
});

describe('Word files that are not plain Word', () => {
  const DOCTYPE =
    'the Word file was not opened: it contains an XML DOCTYPE or entity declaration, which Word never writes';

  it('a DOCTYPE, with or without entity declarations, in document.xml or another part', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>';
    const withEntities = documentXml(p('&lol2;')).replace(/^<\?xml[^>]*\?>/, laughs);
    expect(refusal(() => openMinutes(docx({ document: withEntities })))).toBe(DOCTYPE);
    const plain = documentXml(p('x')).replace(
      /^(<\?xml[^>]*\?>)/,
      '$1<!DOCTYPE w:document SYSTEM "file:///etc/passwd">',
    );
    expect(refusal(() => openMinutes(docx({ document: plain })))).toBe(DOCTYPE);
    const styles = stylesXml('').replace(/^(<\?xml[^>]*\?>)/, '$1<!DOCTYPE w:styles [<!ENTITY x "y">]>');
    expect(refusal(() => openMinutes(docx({ styles })))).toBe(DOCTYPE);
  });

  it('a macro-enabled file, by its content type or by the macros it carries', () => {
    const message = 'this Word file contains macros (.docm): save it as a plain Word document (.docx) and send that';
    expect(refusal(() => openMinutes(docx({ mainType: WORD_MACRO_MAIN })))).toBe(message);
    const carrying = docx({ extra: { 'word/vbaProject.bin': new Uint8Array([1, 2, 3]) } });
    expect(refusal(() => openMinutes(carrying))).toBe(message);
  });

  it('an Excel workbook, a PowerPoint presentation, an OpenDocument text, another zip', () => {
    const sheet = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
    const xlsx = zipSync({
      '[Content_Types].xml': strToU8(contentTypesXml({ 'xl/workbook.xml': sheet })),
      'xl/workbook.xml': strToU8('<workbook/>'),
    });
    expect(refusal(() => openMinutes(xlsx, 'minutes.docx'))).toBe(
      'minutes.docx: this is an Excel workbook (.xlsx), not the minutes: send the Word file (.docx)',
    );
    const slides = 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml';
    const pptx = zipSync({
      '[Content_Types].xml': strToU8(contentTypesXml({ 'ppt/presentation.xml': slides })),
      'ppt/presentation.xml': strToU8('<presentation/>'),
    });
    expect(refusal(() => openMinutes(pptx))).toBe(
      'this is a PowerPoint presentation (.pptx), not the minutes: send the Word file (.docx)',
    );
    const odt = zipSync({
      mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
      'content.xml': strToU8('<office:document-content/>'),
      'META-INF/manifest.xml': strToU8('<manifest/>'),
    });
    expect(refusal(() => openMinutes(odt))).toBe(
      'this is an OpenDocument file (.odt): open it in Word, save it as a Word document (.docx) and send that',
    );
    const other = zipSync({ 'notes.txt': strToU8('minutes') });
    expect(refusal(() => openMinutes(other))).toBe('this is a ZIP archive, not a Word document (.docx)');
    const noText = docx({ contentTypes: contentTypesXml({}) });
    expect(refusal(() => openMinutes(noText))).toBe('this is a ZIP archive, not a Word document (.docx)');
  });

  it('a password-protected Word file, and an old .doc (both OLE compound files)', () => {
    const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    const encrypted = Buffer.concat([Buffer.from(ole), Buffer.alloc(504), Buffer.from('EncryptedPackage', 'utf16le')]);
    const protectedMessage =
      'this Word file is password-protected: open it in Word, remove the password (File > Info > Protect Document) and send it again';
    expect(refusal(() => openMinutes(encrypted))).toBe(protectedMessage);
    expect(refusal(() => readDocx(encrypted))).toBe(protectedMessage);
    const doc = Buffer.concat([Buffer.from(ole), Buffer.alloc(1024)]);
    expect(refusal(() => openMinutes(doc, 'minutes.docx'))).toBe(
      'minutes.docx: this is an old Word document (.doc), or a protected one: open it in Word, save it as .docx and send that',
    );
  });

  it('damaged XML, and a damaged or truncated archive', () => {
    const broken = documentXml(p('x')).replace('</w:body>', '<w:p></w:body>');
    expect(refusal(() => openMinutes(docx({ document: broken })))).toBe(
      'the Word file is damaged (its part word/document.xml could not be read): open it in Word, save it again and send that',
    );
    const unknownEntity = documentXml(p('&nbsp2;'));
    expect(refusal(() => openMinutes(docx({ document: unknownEntity })))).toMatch(/^the Word file is damaged/);
    const real = fixture('minutes-2023-03-14.docx');
    expect(refusal(() => openMinutes(real.subarray(0, real.length / 2)))).toMatch(
      /^the Word file is damaged \(its part /,
    );
    expect(refusal(() => readDocx(Buffer.from('PK this is not a zip at all')))).toBe(
      'this is not a Word file (.docx): it could not be opened as one',
    );
  });

  it('corrupted or cut Word files: every one is read or refused with a MinutesFileError, nothing else', () => {
    const real = fixture('minutes-2020-07-21.docx');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: real.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        fc.boolean(),
        (at, value, cut) => {
          const bytes = cut ? real.subarray(0, at) : Buffer.from(real).fill(value, at, at + 1);
          try {
            openMinutes(bytes);
          } catch (err) {
            expect(err).toBeInstanceOf(MinutesFileError);
            expect((err as Error).message).not.toMatch(/[\r\n]/);
          }
        },
      ),
      { numRuns: 80, seed: 20_200_721 },
    );
  });

  it('any text is read as text; it never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        expect(readCopiedText(s).source).toBe('text');
      }),
      { numRuns: 300, seed: 20_230_314 },
    );
  });
});

describe('files that are not minutes at all', () => {
  const SEND = 'send the Word file (.docx), or copy the text out of it and paste it';
  const cases: Array<[string, Uint8Array, string]> = [
    ['a PDF', Buffer.from('%PDF-1.7\n%\xe2\xe3\n1 0 obj', 'latin1'), `this is a PDF: ${SEND}`],
    [
      'a PNG',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
      `this is an image, not the minutes: ${SEND}`,
    ],
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), `this is an image, not the minutes: ${SEND}`],
    ['a GIF', Buffer.from('GIF89a\x01\x00', 'latin1'), `this is an image, not the minutes: ${SEND}`],
    ['a WebP', Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'), `this is an image, not the minutes: ${SEND}`],
    [
      'an RTF',
      Buffer.from('{\\rtf1\\ansi Minutes}'),
      'this is a Rich Text file (.rtf): open it in Word, save it as a Word document (.docx) and send that',
    ],
    [
      'binary',
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]),
      `this is not a Word document or text: ${SEND}`,
    ],
    [
      'UTF-16 without a byte-order mark',
      Buffer.from('Minutes\tA', 'utf16le'),
      `this is not a Word document or text: ${SEND}`,
    ],
    ['empty', new Uint8Array(0), 'the file is empty'],
  ];
  for (const [what, bytes, message] of cases) {
    it(`${what}: '${message}'`, () => {
      expect(refusal(() => openMinutes(bytes))).toBe(message);
    });
  }

  it('a file over the size cap is refused before it is looked at, whatever it holds', () => {
    expect(refusal(() => openMinutes(new Uint8Array(MAX_MINUTES_FILE_BYTES + 1), 'minutes.docx'))).toBe(
      'minutes.docx: the file is too large: minutes files are taken up to 10 MB',
    );
    expect(openMinutes(Buffer.from('Minutes\n'.padEnd(MAX_MINUTES_FILE_BYTES, ' '))).source).toBe('text');
  });
});
