// Which stored action a row of the minutes' review is, when the row has no reference (the
// roman-numeral rows of "Actions outside of meeting"). The rule, in full: a candidate is an action
// of the meeting under review that is still open, or was closed by this very meeting (so importing
// the same minutes again finds the same action); it matches when its owners agree and its text is
// the same task (SAME_TASK below). Exactly one match is the action; two or more is no match, and
// the row says which it could have been. Nothing is guessed. Pure.
import { normaliseText } from './text.ts';
import { isOpen } from './statuses.ts';
import type { Action, IsoDate } from './types.ts';

/** Share of content words two texts must have in common (Dice coefficient) to be the same task. */
export const SAME_TASK = 0.6;

// Words that say nothing of the task.
const LITTLE = new Set(
  'a an the of to for and or on in at by with from into as be is are was were this that these those it its their our all any'.split(
    ' ',
  ),
);

/** The task's content words: lower case, without the little words; a plural 's' dropped ('reports' = 'report'). */
export function taskWords(text: string): Set<string> {
  return new Set(
    normaliseText(text)
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w !== '' && !LITTLE.has(w))
      .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w)),
  );
}

/** 2|A∩B| / (|A|+|B|) over the content words: 1 for the same words, 0 for none in common. */
export function taskSimilarity(a: string, b: string): number {
  const wa = taskWords(a);
  const wb = taskWords(b);
  if (wa.size + wb.size === 0) return 0;
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return (2 * common) / (wa.size + wb.size);
}

/** The owners as a row gives them: the directory people its labels resolved to, and the labels. */
export interface RowOwners {
  personIds: string[];
  labels: string[];
}

/**
 * Owners agree when every person the row names is an owner of the action; a row whose owners are
 * no one in the directory agrees when its labels are the action's (any case); a row that names no
 * owner leaves the text alone to decide.
 */
export function ownersAgree(row: RowOwners, action: Action): boolean {
  if (row.personIds.length > 0) return row.personIds.every((id) => action.owners.some((o) => o.personId === id));
  if (row.labels.length === 0) return true;
  const theirs = new Set(action.owners.map((o) => normaliseText(o.label).toLowerCase()));
  return row.labels.every((l) => theirs.has(normaliseText(l).toLowerCase()));
}

/** An action the row may be: open, or closed by the meeting whose minutes hold the row. */
export function isCandidate(action: Action, reviewedAt: IsoDate): boolean {
  return isOpen(action.status) || action.closedOn === reviewedAt;
}

export type ReviewMatch =
  { kind: 'match'; action: Action } | { kind: 'ambiguous'; actions: Action[] } | { kind: 'none' };

export function matchReviewRow(
  row: RowOwners & { text: string },
  actions: readonly Action[],
  reviewedAt: IsoDate,
): ReviewMatch {
  const found = actions.filter(
    (a) => isCandidate(a, reviewedAt) && ownersAgree(row, a) && taskSimilarity(row.text, a.text) >= SAME_TASK,
  );
  if (found.length === 1 && found[0]) return { kind: 'match', action: found[0] };
  return found.length > 1 ? { kind: 'ambiguous', actions: found } : { kind: 'none' };
}
