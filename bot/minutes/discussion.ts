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

/** The item's discussion; undefined when its Item column says nothing but its title. */
export function readDiscussion(item: ReadItem, taken: ReadonlySet<string>): ItemDiscussion | undefined {
  const before: Paragraph[] = [];
  const after: Paragraph[] = [];
  let tookAny = false;
  for (const row of item.rows)
    row.item.forEach((p, i) => {
      if (taken.has(paragraphKey(row, i))) tookAny = true;
      else if (!isPageNumber(p.text) && !exemptionOf(p.text)) (tookAny ? after : before).push(p);
    });
  const first = kept(before);
  const paragraphs = [...first, ...kept(after)];
  if (paragraphs.length === 0) return undefined;
  return { paragraphs, ...(tookAny ? { papersAt: first.length } : {}) };
}
