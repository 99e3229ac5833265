// Clean-up for text pasted from Word or Teams. Word exports non-breaking spaces around dashes and
// between a reference's number and date, zero-width marks, and "smart" quotes; without this a
// reference or an owner's initials would not match what the parsers expect.

// Unicode space separators other than the plain space (NBSP, narrow NBSP, en/em spaces, ...).
const UNICODE_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
// Zero-width space/joiners, word joiner, BOM, and the soft hyphen Word inserts when hyphenating.
const INVISIBLES = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033]/g;

/**
 * Everything normaliseText does except collapsing and trimming, so a caller can still see tabs
 * and runs of spaces (the column separators of a pasted table).
 */
export function cleanChars(s: string): string {
  return s.replace(UNICODE_SPACES, ' ').replace(INVISIBLES, '').replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"');
}

/** One clean line of text: plain spaces, ASCII quotes, single spaces, trimmed. Dashes are kept. */
export function normaliseText(s: string): string {
  return cleanChars(s)
    .replace(/[ \t\f\v]+/g, ' ')
    .trim();
}

/** A value on one line (a name, a place, a spreadsheet cell or JSON string that held line breaks). */
export function oneLine(s: string): string {
  return normaliseText(s.replace(/\r\n|\r|\n/g, ' '));
}

/** Splits on Windows, old Mac and Unix line endings alike. */
export function splitLines(s: string): string[] {
  return s.split(/\r\n|\r|\n/);
}

// Characters no person types and no store should keep: C0 controls other than tab, line breaks,
// form feed and vertical tab (Word's, cleaned up above), DEL, the C1 controls, and a UTF-16
// surrogate without its pair (not text at all: only a forged request carries one).
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- the control characters are the point
  /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `s` cannot be kept as text ('a control character (U+0007)'), or null when it can. */
export function unsafeCharacter(s: string): string | null {
  const m = UNSAFE.exec(s);
  if (!m) return null;
  const code = m[0].charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code >= 0xd800 && code <= 0xdfff ? `a broken character (${hex})` : `a control character (${hex})`;
}
