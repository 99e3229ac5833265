// What the minutes say under each item, in their own words: the paragraphs of its Item column, less
// its title (read with the item), its exemption line (kept as its exemption), page numbers a copy
// carried, and what the review of actions and the questions took (the open minutes print those from
// their own records: the minutes' words once). Where those sat is kept, to print them in order.
import type { ItemDiscussion } from '../rules/types.ts';
import type { Paragraph } from './document.ts';
import { exemptionOf, paragraphKey, type ReadItem } from './items.ts';
import { isPageNumber, joinBroken } from './text.ts';

const kept = (paras: readonly Paragraph[]): ItemDiscussion['paragraphs'] =>
  joinBroken(paras).map((p) => ({ text: p.text, ...(p.listLabel ? { label: p.listLabel } : {}) }));

/** The paragraphs the other readers took: the review of actions, the questions and their answers (paragraphKey). */
export interface Taken {
  review: ReadonlySet<string>;
  questions: ReadonlySet<string>;
}

/** The item's discussion; undefined when its Item column says nothing but its title. */
export function readDiscussion(item: ReadItem, taken: Taken): ItemDiscussion | undefined {
  const before: Paragraph[] = [];
  const after: Paragraph[] = [];
  let papers: 'review' | 'questions' | undefined;
  for (const row of item.rows)
    row.item.forEach((p, i) => {
      const key = paragraphKey(row, i);
      const took = taken.review.has(key) ? 'review' : taken.questions.has(key) ? 'questions' : undefined;
      if (took) papers ??= took;
      else if (!isPageNumber(p.text) && !exemptionOf(p.text)) (papers ? after : before).push(p);
    });
  const first = kept(before);
  const paragraphs = [...first, ...kept(after)];
  if (paragraphs.length === 0) return undefined;
  return { paragraphs, ...(papers ? { papers: { kind: papers, at: first.length } } : {}) };
}
