// Actions written in an item's Action column ('SCL: - i. Consider including outcome rates' /
// 'by crime type in the quarterly' / 'report', one action over several cells or lines of a copy),
// and their match in the Actions Arising table: the table wins; an action in the column that the
// table lacks is reported, never recorded twice.
import { parseRef } from '../rules/refs.ts';
import { parseStatusWord } from '../rules/statuses.ts';
import { splitOwnerLine } from '../rules/owners.ts';
import type { ReadItem } from './items.ts';
import type { ArisingAction, ItemColumnAction, Unplaced } from './record.ts';
import { clean, overlap } from './text.ts';

const NUMERAL = /^([ivx]{1,5})[.)]\s+/i;

interface Piece {
  owner?: { ownersAsWritten: string; owners: string[] };
  numeral?: string;
  text: string;
}

/** 'SCL: - i. Consider ...' -> owner SCL, numeral i, the task; null when the words name no owner. */
function opening(fragment: string): Piece | null {
  const split = splitOwnerLine(fragment);
  if (!('error' in split) && split.ownerForm === 'prefix') {
    const rest = split.text.replace(/^[-\u2013\u2014:]\s*/, '');
    const numeral = NUMERAL.exec(rest)?.[1]?.toLowerCase();
    return {
      owner: { ownersAsWritten: split.ownerText, owners: split.labels },
      ...(numeral ? { numeral } : {}),
      text: numeral ? rest.replace(NUMERAL, '') : rest,
    };
  }
  const numeral = NUMERAL.exec(fragment)?.[1]?.toLowerCase();
  return numeral ? { numeral, text: fragment.replace(NUMERAL, '') } : null;
}

export function readItemActions(
  items: readonly ReadItem[],
  taken: ReadonlySet<number>,
): { actions: ItemColumnAction[]; unplaced: Unplaced[] } {
  const actions: ItemColumnAction[] = [];
  const unplaced: Unplaced[] = [];
  for (const item of items) {
    const pieces: Piece[] = [];
    for (const row of item.rows.filter((r) => !taken.has(r.id))) {
      for (const p of row.action) {
        const fragment = clean(p.text);
        const opened = opening(fragment);
        const last = pieces.at(-1);
        if (opened) pieces.push({ ...opened, owner: opened.owner ?? last?.owner });
        else if (last) last.text = `${last.text} ${fragment}`;
        else {
          const why = parseStatusWord(fragment)
            ? 'a decision in the Action column of an item, not beside a reviewed action'
            : 'an Action column entry with no owner ("XX: - the action")';
          unplaced.push({ section: 'actions', text: fragment, why });
        }
      }
    }
    for (const piece of pieces) {
      actions.push({
        item: item.number,
        ...(piece.numeral ? { numeral: piece.numeral } : {}),
        ownersAsWritten: piece.owner?.ownersAsWritten ?? '',
        owners: piece.owner?.owners ?? [],
        text: piece.text.trim(),
      });
    }
  }
  return { actions, unplaced };
}

const sameOwners = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === 0 || b.length === 0 || a.some((x) => b.some((y) => x.toLowerCase() === y.toLowerCase()));

/**
 * Each Action-column action matched to its Actions Arising row: by the item and numeral its
 * reference names ('04 14/03/2023.ii' is item 04's ii), else by saying the same thing.
 */
export function reconcile(
  actions: readonly ItemColumnAction[],
  arising: readonly ArisingAction[],
  items: readonly ReadItem[],
): { actions: ItemColumnAction[]; unplaced: Unplaced[] } {
  const unplaced: Unplaced[] = [];
  const out = actions.map((a) => {
    const item = items.find((i) => i.number === a.item);
    const byRef = arising.find((r) => {
      const ref = parseRef(r.ref);
      return (
        ref?.shape === 'item' &&
        ref.number === item?.n &&
        ref.meeting === item.date &&
        (ref.sub ?? '') === (a.numeral ?? '')
      );
    });
    const match = byRef ?? arising.find((r) => overlap(r.text, a.text) >= 0.7 && sameOwners(r.owners, a.owners));
    if (match) return { ...a, sameAs: match.ref };
    unplaced.push({
      section: 'actions',
      text: `${a.ownersAsWritten ? `${a.ownersAsWritten}: ` : ''}${a.text}`,
      why: `written in the Action column of item ${a.item} but not in the Actions Arising table`,
    });
    return a;
  });
  return { actions: out, unplaced };
}
