// Text into XML 1.0, for the Word document's parts: the five special characters escaped, and the
// characters XML 1.0 cannot carry at all (a stray control character or half a surrogate pair
// pasted from somewhere) dropped, since no escape makes them legal.

const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Anything either pass could change. Most text has none of it and is returned as it is, which
// matters with tens of thousands of cells.
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** The characters XML 1.0 allows, and nothing else. */
export function xmlSafe(s: string): string {
  return s.replace(FORBIDDEN, '');
}

/** Text for an element's content or an attribute's value (quoted either way). */
export function xmlText(s: string): string {
  if (!NEEDS_WORK.test(s)) return s;
  return xmlSafe(s).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
