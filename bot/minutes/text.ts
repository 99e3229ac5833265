// The minutes' text as the section readers compare it. Copying out of Word splits ordinals
// ('14 th'), leaves HTML tags of its clipboard ('<u>Minutes</u>') and page numbers on lines of
// their own; none of that is content.
import type { Cell, Paragraph } from './document.ts';
import { normaliseText } from '../rules/text.ts';

const TAGS = /<\/?(?:u|b|i|em|strong|p|span|br|ul|li|ol)(?:\s[^<>]*)?\/?>/gi;

/** One clean line: single spaces, ordinals whole ('14 th' -> '14th'), no stray clipboard tags. */
export function clean(s: string): string {
  return normaliseText(s.replace(TAGS, ' ').replace(/(\d)\s+(st|nd|rd|th)\b/g, '$1$2'));
}

/** A cell's paragraphs, cleaned, the empty ones left out. */
export function cellParagraphs(cell: Cell | undefined): Paragraph[] {
  return (cell?.paragraphs ?? []).map((p) => ({ ...p, text: clean(p.text) })).filter((p) => p.text !== '');
}

/** A cell's text on one line. */
export function cellLine(cell: Cell | undefined): string {
  return cellParagraphs(cell)
    .map((p) => p.text)
    .join(' ');
}

/** A page number copied with the text ('4'): not content. */
export function isPageNumber(s: string): boolean {
  return /^\d{1,3}$/.test(clean(s));
}

export const startsLower = (s: string): boolean => /^[a-z]/.test(s);

/** Without a last full stop: how a title or a task is kept ('Performance Scrutiny Report.'). */
export function withoutFullStop(s: string): string {
  return s.replace(/\s*\.$/, '');
}

/**
 * Paragraphs broken mid-sentence (a line that ends without a stop, the next starting lower case,
 * as a copy breaks them at a page's end) joined again; a list's item is never joined to the line before.
 */
export function joinBroken(paras: readonly Paragraph[]): Paragraph[] {
  const out: Paragraph[] = [];
  for (const p of paras) {
    const last = out.at(-1);
    if (last && !p.listLabel && startsLower(p.text) && !/[.?!:;]["')]?$/.test(last.text)) {
      out[out.length - 1] = { ...last, text: `${last.text} ${p.text}` };
    } else out.push(p);
  }
  return out;
}

/** Lower-case words of three letters or more, for telling whether two texts say the same thing. */
export function keywords(s: string): Set<string> {
  return new Set(
    clean(s)
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 3),
  );
}

/** How much of the shorter text the longer one has, 0..1. */
export function overlap(a: string, b: string): number {
  const x = keywords(a);
  const y = keywords(b);
  const shared = [...x].filter((w) => y.has(w)).length;
  const least = Math.min(x.size, y.size);
  return least === 0 ? 0 : shared / least;
}
