// Text into XML 1.0, for the Word documents' parts: the characters XML 1.0 cannot carry at all (a
// stray control character or half a surrogate pair pasted from somewhere) dropped, since no escape
// makes them legal. The docx library escapes the five special characters itself.

const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The characters XML 1.0 allows, and nothing else. */
export function xmlSafe(s: string): string {
  return s.replace(FORBIDDEN, '');
}
