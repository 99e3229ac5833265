// User text on a card: shown as the user wrote it, never as markdown.
//
// TextBlock and FactSet values render a markdown subset (bold, italic, lists, links; Teams goes
// somewhat further). A backslash before ASCII punctuation is the CommonMark escape, so `escapeMarkdown`
// escapes what could start markup and leaves the rest alone, so the text stays readable where
// escapes are shown as typed.

// Characters that delimit markup anywhere in a line: emphasis, strike, code, links and images,
// raw HTML and autolinks. `(` and `)` are harmless once `[` `]` are escaped.
const INLINE = /[\\*_~`[\]<]/g;
// Characters that make a block when they open a line: heading, quote, list item, setext
// underline, table.
const LINE_START = /^([ \t]*)([#>+\-=|])/gm;
// An ordered list item: '1. ' or '1) ' at the start of a line.
const ORDERED = /^([ \t]*\d{1,9})([.)])(?=\s|$)/gm;
// An entity ('&amp;', '&#42;') would render as the character it names.
const ENTITY = /&(?=#?[a-z0-9]+;)/gi;

/** Escapes markdown in user text, and keeps its line breaks (a single '\n' would be a space). */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(INLINE, '\\$&')
    .replace(ENTITY, '\\&')
    .replace(LINE_START, '$1\\$2')
    .replace(ORDERED, '$1\\$2')
    .replace(/\n+/g, '\n\n');
}

/** At most `max` characters (code points, so no pair is split), ending in '…' when cut. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const points = Array.from(s);
  if (points.length <= max) return s;
  return `${points
    .slice(0, Math.max(0, max - 1))
    .join('')
    .trimEnd()}…`;
}

/** Shown text: truncated first (never inside an escape), then escaped. */
export function shownText(s: string, max = Number.POSITIVE_INFINITY): string {
  return escapeMarkdown(truncate(s, max));
}

/** 'Jane Doe', 'Jane Doe and Sam Carter-Lee', 'A, B and C'. */
export function names(list: readonly string[]): string {
  const clean = list.map((n) => n.trim()).filter((n) => n !== '');
  if (clean.length <= 1) return clean[0] ?? '';
  return `${clean.slice(0, -1).join(', ')} and ${clean[clean.length - 1]}`;
}

/**
 * What a refused input is given back holding: the whole text, unless it is over the limit by more
 * than a quarter (an enormous paste, or a forged request: the card must stay under Teams' size), then
 * cut there, still over the limit. Either way sending it again is refused again with its length:
 * it is never saved cut short.
 */
export function givenBack(s: string, limit: number): string {
  const max = Math.ceil(limit * 1.25);
  if (s.length <= max) return s;
  return Array.from(s).slice(0, max).join('');
}

/** One number format, made once: toLocaleString makes one on every call, which costs more than the rest of a card's text. */
const UK_NUMBER = new Intl.NumberFormat('en-GB');

/** A count as the cards write it: '4,000'. */
export const ukNumber = (n: number): string => UK_NUMBER.format(n);

/** An input's label with its limit: 'Note (up to 4,000 characters)'. */
export function withLimit(label: string, limit: number): string {
  return `${label} (up to ${ukNumber(limit)} characters)`;
}
