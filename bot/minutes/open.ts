// One entry for any file the secretariat gives as minutes. What a file is comes from its first bytes,
// never its name (a .docx name on copied text, or a .txt name on a Word file, is read for what it
// is); the name only makes the messages clearer. Anything that is not a Word file or text is refused
// with one sentence saying what to send instead.
import { readCopiedText } from './copied-text.ts';
import { MinutesFileError, type MinutesDocument } from './document.ts';
import { isOle, isZip, oleRefusal, readDocx } from './docx.ts';

/** The largest file taken: a year of long minutes in Word, pictures and all, is well under 2 MB. */
export const MAX_MINUTES_FILE_BYTES = 10 * 1024 * 1024;

const SEND_INSTEAD = 'send the Word file (.docx), or copy the text out of it and paste it';

const REFUSED = {
  empty: 'the file is empty',
  tooLarge: `the file is too large: minutes files are taken up to ${MAX_MINUTES_FILE_BYTES / 1024 / 1024} MB`,
  pdf: `this is a PDF: ${SEND_INSTEAD}`,
  image: `this is an image, not the minutes: ${SEND_INSTEAD}`,
  rtf: 'this is a Rich Text file (.rtf): open it in Word, save it as a Word document (.docx) and send that',
  binary: `this is not a Word document or text: ${SEND_INSTEAD}`,
} as const;

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const at = (bytes: Uint8Array, offset: number, magic: readonly number[]): boolean =>
  magic.every((b, i) => bytes[offset + i] === b);

/** The formats people send by mistake, by their signatures. */
const NOT_MINUTES: ReadonlyArray<{ is: (b: Uint8Array) => boolean; refusal: string }> = [
  { is: (b) => at(b, 0, ascii('%PDF')), refusal: REFUSED.pdf },
  { is: (b) => at(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), refusal: REFUSED.image }, // PNG
  { is: (b) => at(b, 0, [0xff, 0xd8, 0xff]), refusal: REFUSED.image }, // JPEG
  { is: (b) => at(b, 0, ascii('GIF87a')) || at(b, 0, ascii('GIF89a')), refusal: REFUSED.image },
  { is: (b) => at(b, 0, ascii('RIFF')) && at(b, 8, ascii('WEBP')), refusal: REFUSED.image },
  { is: (b) => at(b, 0, ascii('{\\rtf')), refusal: REFUSED.rtf },
];

// Text has no NUL, and hardly any other control characters (tab, line breaks, form feed and
// vertical tab are Word's own); a file with many is binary, whatever it decodes to.
// eslint-disable-next-line no-control-regex -- the control characters are the point
const CONTROL = /[\u0001-\u0008\u000e-\u001f\u007f]/g;
function isText(s: string): boolean {
  return !s.includes('\u0000') && (s.match(CONTROL)?.length ?? 0) * 200 <= s.length;
}

/**
 * Text as the copy was saved: UTF-8 (with or without its byte-order mark), UTF-16 with one, or,
 * when the bytes are not UTF-8, the Windows code page Notepad saves in. Undefined when not text.
 */
function decodeText(bytes: Uint8Array): string | undefined {
  const encoding = at(bytes, 0, [0xff, 0xfe]) ? 'utf-16le' : at(bytes, 0, [0xfe, 0xff]) ? 'utf-16be' : undefined;
  let text: string;
  try {
    text = new TextDecoder(encoding ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch {
    if (encoding) return undefined;
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return isText(text) ? text : undefined;
}

/** The minutes in any file: a Word file or copied text; a MinutesFileError says in one sentence why not. */
export function openMinutes(bytes: Uint8Array, name?: string): MinutesDocument {
  const refuse = (reason: string): never => {
    throw new MinutesFileError(name ? `${name}: ${reason}` : reason);
  };
  if (bytes.length === 0) return refuse(REFUSED.empty);
  if (bytes.length > MAX_MINUTES_FILE_BYTES) return refuse(REFUSED.tooLarge);
  const known = NOT_MINUTES.find((k) => k.is(bytes));
  if (known) return refuse(known.refusal);
  if (isOle(bytes)) return refuse(oleRefusal(bytes));
  try {
    if (isZip(bytes)) return readDocx(bytes);
    const text = decodeText(bytes);
    if (text === undefined) return refuse(REFUSED.binary);
    return readCopiedText(text);
  } catch (err) {
    if (err instanceof MinutesFileError && name && !err.message.startsWith(`${name}: `)) return refuse(err.message);
    throw err;
  }
}
