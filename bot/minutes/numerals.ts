// Roman numerals that number the minutes' rows ('I.', 'II.', 'i.'): Word draws them as list labels,
// and text copied out of it glues them to the words around ('meetingI.KP to ...', '2023II.Supt').
import { ROMANS } from '../rules/refs.ts';
import type { Paragraph } from './document.ts';

function value(numeral: string): number {
  return (ROMANS as readonly string[]).indexOf(numeral.toLowerCase()) + 1;
}

const LEADING = /^\(?([IVX]{1,5}|[ivx]{1,5})[.)]\s*(?=\p{Lu})/u;

/** The numeral a paragraph opens with (its list label, or 'I.' / 'ii)' in its text), and the rest. */
export function leadingNumeral(p: Paragraph): { numeral: string; rest: string } | null {
  const label = /^\(?([IVXivx]{1,5})[.)]?$/.exec(p.listLabel?.trim() ?? '')?.[1];
  if (label && value(label) > 0) return { numeral: label.toLowerCase(), rest: p.text };
  const m = LEADING.exec(p.text);
  if (!m?.[1] || value(m[1]) === 0) return null;
  return { numeral: m[1].toLowerCase(), rest: p.text.slice(m[0].length) };
}

/**
 * A text cut at its numerals, counting up from `from` ('I.KP to ... 2023II.Supt ...' -> I and II):
 * a numeral is only taken in sequence, at the start or glued after a word, so 'I' and 'V' in
 * the text are left alone. The text before the first numeral comes first, without one.
 */
export function splitNumbered(text: string, from = 1): Array<{ numeral?: string; text: string }> {
  const out: Array<{ numeral?: string; text: string }> = [];
  let start = 0;
  let numeral: string | undefined;
  for (let n = from; n <= ROMANS.length; n++) {
    const roman = ROMANS[n - 1] ?? '';
    const re = new RegExp(
      String.raw`(?:^|(?<=[\p{Ll}\p{N}).,;:\s]))(?:${roman.toUpperCase()}|${roman})[.)]\s*(?=\p{Lu})`,
      'gu',
    );
    re.lastIndex = start;
    const m = re.exec(text);
    if (!m) break;
    const before = text.slice(start, m.index).trim();
    if (numeral !== undefined || before !== '') out.push({ ...(numeral ? { numeral } : {}), text: before });
    numeral = roman;
    start = m.index + m[0].length;
  }
  const last = text.slice(start).trim();
  if (numeral !== undefined || last !== '') out.push({ ...(numeral ? { numeral } : {}), text: last });
  return out;
}
