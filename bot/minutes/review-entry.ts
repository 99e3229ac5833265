// One reviewed action's words: its owners, its task, and the outcome minuted after it
// ('KP to provide the OPCC with a district breakdown. Breakdown provided to TE on 1st March 2023',
// 'JD to circulate the draft - Completed'). A row that names a topic rather than an owner
// ('Performance Scrutiny Report – Written response to be provided by the Force') has no owner.
import { MONTHS } from '../rules/deep-dives.ts';
import { takeOutcome } from '../rules/import-parse.ts';
import { stripRank } from '../rules/initials.ts';
import { ownerLabelKind, splitOwnerLine } from '../rules/owners.ts';
import { clean } from './text.ts';

export interface ReviewText {
  ownersAsWritten: string;
  owners: string[];
  ownerForm?: 'prefix' | 'subject';
  text: string;
  outcome?: string;
}

// Words of a subject, a report or a plan: a run of capitalised words holding one is a topic, not a person.
const TOPIC_WORDS = new Set(
  'report reports scrutiny review update plan plans strategy subjects subject proposed performance board panel meeting meetings policy data schedule deep dive terms reference minutes action actions item items response paper papers budget crime policing training forum presentation group programme project audit survey figures statistics written future'.split(
    ' ',
  ),
);

/** Whether each label is an owner: initials, a role, a rank and name, a body, a person the minutes name, or words no topic uses. */
function areOwners(labels: readonly string[], named: (label: string) => boolean): boolean {
  return (
    labels.length > 0 &&
    labels.every((label) => {
      const kind = ownerLabelKind(label);
      if (kind === 'strong') return true;
      return kind === 'name' && (named(label) || !label.split(' ').some((w) => TOPIC_WORDS.has(w.toLowerCase())));
    })
  );
}

/** The first sentence and what follows it; a full stop after a rank ('Supt.') or an initial ends none. */
export function firstSentence(text: string): { first: string; rest?: string } {
  for (const m of text.matchAll(/\.\s+(?=[\p{Lu}\p{N}])/gu)) {
    const before = /(\S+)$/.exec(text.slice(0, m.index))?.[1] ?? '';
    if (before.length <= 1 || /^(no|st|approx|e\.g|i\.e|etc|vs)$/i.test(before) || stripRank(`${before} X`).rank)
      continue;
    return { first: text.slice(0, m.index), rest: text.slice(m.index + m[0].length) };
  }
  return { first: text };
}

export function readReviewText(raw: string, named: (label: string) => boolean): ReviewText {
  const { first, rest } = firstSentence(clean(raw));
  const taken = takeOutcome(first);
  const outcome = [taken.outcome, rest].filter((o): o is string => o !== undefined && o !== '').join('. ');
  const split = splitOwnerLine(taken.text);
  const owned = !('error' in split) && areOwners(split.labels, named);
  return {
    ...(owned
      ? { ownersAsWritten: split.ownerText, owners: split.labels, ownerForm: split.ownerForm, text: split.text }
      : { ownersAsWritten: '', owners: [], text: taken.text }),
    ...(outcome ? { outcome } : {}),
  };
}

const MONTH_WORDS = [...MONTHS.map((m) => m.slice(0, 3)), 'tba', 'tbc', 'tbd'].join('|');
const NEXT_ITEM = new RegExp(String.raw`(?<=[.;])\s+(?=(?:${MONTH_WORDS})[a-z]*\b)`, 'i');

/** The items of an 'Updated to: -' list: its lines, each cut where another month starts ('... May). April Q4 - ...'). */
export function updatedItems(lines: readonly string[]): string[] {
  return lines
    .map((l, i) => (i === 0 ? l.replace(/^updated to\s*:?\s*[-\u2013\u2014]?\s*/i, '') : l))
    .flatMap((l) => l.split(NEXT_ITEM))
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
