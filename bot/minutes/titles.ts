// An item's title: the first paragraph of its cell when Word set it apart (bold, underlined, or a
// paragraph of its own), else the words before the first sentence of the minute ('Minutes' in
// 'Minutes The Minutes of the previous meeting ...', 'Quarterly Performance Report' in
// 'Quarterly Performance Report SCL gave a brief outline ...').
import type { Paragraph } from './document.ts';
import { withoutFullStop } from './text.ts';

// Words that open a sentence of the minute rather than continue a title.
const STARTERS = new Set([
  'The',
  'It',
  'A',
  'An',
  'All',
  'This',
  'These',
  'There',
  'Further',
  'Following',
  'In',
  'At',
  'On',
  'As',
  'We',
  'He',
  'She',
  'They',
  'Members',
  'Officers',
  'Having',
  'Since',
  'Both',
  'Each',
]);
// Small words a title carries between its capitalised ones ('Terms of Reference').
const CONNECTORS = new Set(['of', 'and', 'for', 'the', 'to', 'in', 'on', 'at', 'a', 'an', 'with', 'by', 'vs']);

const inTitle = (w: string): boolean => CONNECTORS.has(w) || /^[\p{Lu}\p{N}'"(&\u2013\u2014/-]/u.test(w);

/** The title words before the minute's first sentence, or null when no sentence clearly starts. */
export function titleHead(text: string): { title: string; rest: string } | null {
  const words = text.split(' ');
  for (let k = 1; k < Math.min(words.length - 1, 14); k++) {
    const prev = words[k - 1] ?? '';
    if (!inTitle(prev)) return null;
    const word = words[k] ?? '';
    const next = words[k + 1] ?? '';
    // 'SCL gave ...': initials followed by a verb open a sentence too.
    const opens = STARTERS.has(word) || (/^[A-Z]{2,4}$/.test(word) && /^[a-z]/.test(next));
    if (opens && !CONNECTORS.has(prev)) return { title: words.slice(0, k).join(' '), rest: words.slice(k).join(' ') };
  }
  return null;
}

function isShortTitle(text: string): boolean {
  return text.split(' ').length <= 12 && !/[.?!]\s/.test(text);
}

export function splitTitle(paras: readonly Paragraph[]): { title: string; body: Paragraph[] } {
  const [first, ...rest] = paras;
  if (!first) return { title: '', body: [] };
  if (first.bold || first.underline || isShortTitle(first.text))
    return { title: withoutFullStop(first.text), body: rest };
  const head = titleHead(first.text);
  if (head) return { title: head.title, body: [{ ...first, text: head.rest }, ...rest] };
  // No title set apart: the first sentence stands for it, and stays in the minute.
  const sentence = /^(.+?[.?!])\s/.exec(first.text)?.[1] ?? first.text;
  return { title: withoutFullStop(sentence), body: [...paras] };
}
