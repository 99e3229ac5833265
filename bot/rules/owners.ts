// Owners of an action: splitting 'JD - do x' / 'JD to do x' into owner and task, and resolving the
// owner's words against the people directory. Resolution never guesses: anything not matched by a
// clear rule comes back 'unknown' or 'ambiguous' for a person to settle.
import type { Person } from './types.ts';
import { stripRank } from './initials.ts';
import { normaliseText } from './text.ts';

export type OwnerSplit = { ownerText: string; ownerForm: 'prefix' | 'subject'; labels: string[]; text: string };

export type Resolution =
  | { kind: 'person'; personId: string }
  | { kind: 'body'; name: string }
  | { kind: 'unknown'; label: string }
  | { kind: 'ambiguous'; label: string; candidates: Array<{ personId: string; name: string; initials: string }> };

export const NO_OWNER = 'no owner: expected "XX - text" or "XX to text"';

// Bodies the minutes name as owners, by their lower-case name without 'the', to how we show them.
const BODIES: Readonly<Record<string, string>> = { force: 'the Force', opcc: 'OPCC', pcc: 'PCC', cc: 'CC' };

// Words that say a phrase before '(XX)' is a role ('OPCC lead (AW)'), not a task ('Add rates (CHI)').
const ROLE_WORDS = new Set([
  'lead',
  'officer',
  'manager',
  'head',
  'director',
  'chief',
  'analyst',
  'team',
  'secretariat',
  'chair',
  'ceo',
  'commissioner',
  'coordinator',
  'co-ordinator',
  'adviser',
  'advisor',
  'representative',
  'rep',
  'deputy',
  'assistant',
  'partner',
  'secretary',
  'treasurer',
  'cfo',
]);

// First words that make a run of capitalised words a phrase, not a person ('The Report', 'All Staff').
const NOT_NAMES = new Set([
  'the',
  'a',
  'an',
  'all',
  'any',
  'each',
  'every',
  'this',
  'that',
  'these',
  'those',
  'please',
  'no',
]);

const INITIALS = /^[A-Z]{2,4}$/;
const NAME_WORD = /^[A-Z][\p{L}'-]*$/u;

function bodyName(label: string): string | null {
  return BODIES[label.toLowerCase().replace(/^the /, '')] ?? null;
}

function isName(label: string): boolean {
  const words = label.split(' ');
  return (
    words.length >= 2 &&
    words.length <= 3 &&
    !NOT_NAMES.has(words[0]?.toLowerCase() ?? '') &&
    words.every((w) => NAME_WORD.test(w))
  );
}

function isRankName(label: string): boolean {
  const { rank, rest } = stripRank(label);
  const words = rest.split(' ');
  return rank !== undefined && words.length <= 3 && words.every((w) => NAME_WORD.test(w));
}

/**
 * How sure we are that a label is an owner: 'strong' for initials, '(XX)', rank + name and bodies;
 * 'name' for a bare run of capitalised words, which could also be a title ('Deep Dive Schedule').
 */
export function ownerLabelKind(label: string): 'strong' | 'name' | null {
  if (INITIALS.test(label) || bodyName(label) || isRankName(label)) return 'strong';
  const paren = /^(.*?)\s*\(([A-Z]{2,4})\)$/.exec(label);
  if (paren) {
    const before = paren[1] ?? '';
    const words = before.split(' ').filter((w) => w !== '');
    if (words.length === 0) return 'strong';
    if (words.length <= 6 && (ownerLabelKind(before) !== null || words.some((w) => ROLE_WORDS.has(w.toLowerCase()))))
      return 'strong';
    return null;
  }
  return isName(label) ? 'name' : null;
}

/**
 * Splits an owner phrase into its owners: 'Supt Okafor / OPCC lead (AW)' -> two labels. Owners are
 * joined by '/', '&', '+', ',' or ' and ' ('and' only when every part looks like an owner, so a role
 * such as 'Head of Analysis and Service Improvement (SR)' stays whole). 'T/Supt' is not two owners.
 */
export function splitOwnerLabels(ownerText: string): string[] {
  return normaliseText(ownerText)
    .split(/\s*(?:(?<!(?:^|\s)[TAC])\/|&|\+|,)\s*/)
    .filter((p) => p !== '')
    .flatMap((part) => {
      const pieces = part.split(/\s+and\s+/i);
      return pieces.length > 1 && pieces.every((p) => ownerLabelKind(p) !== null) ? pieces : [part];
    });
}

function ownerStrength(ownerText: string): 'strong' | 'name' | null {
  const labels = splitOwnerLabels(ownerText);
  if (labels.length === 0) return null;
  const kinds = labels.map(ownerLabelKind);
  if (kinds.some((k) => k === null)) return null;
  return kinds.every((k) => k === 'strong') ? 'strong' : 'name';
}

/** True when the phrase reads as one or more owners. */
export function looksLikeOwners(ownerText: string): boolean {
  return ownerStrength(ownerText) !== null;
}

/**
 * Splits 'OWNER - task' (prefix; also en/em dash or 'OWNER: task') or 'OWNER to task' (subject).
 * The prefix form is tried first, at the first dash; then each ' to ' in turn whose left side reads
 * as owners. The task keeps its wording ('present the demand model ...' for the subject form).
 */
export function splitOwnerLine(s: string): OwnerSplit | { error: string } {
  const t = normaliseText(s);
  const done = (ownerText: string, ownerForm: OwnerSplit['ownerForm'], text: string): OwnerSplit | { error: string } =>
    text === ''
      ? { error: `no action text after the owner "${ownerText}"` }
      : { ownerText, ownerForm, labels: splitOwnerLabels(ownerText), text };

  // A hyphen needs a space on one side ('Carter-Lee' is a name); en/em dashes and ': ' do not.
  const dash = /\s-\s?|-\s|\s?[\u2013\u2014]\s?|:\s/.exec(t);
  if (dash) {
    const left = t.slice(0, dash.index).trim();
    if (left !== '' && looksLikeOwners(left)) return done(left, 'prefix', t.slice(dash.index + dash[0].length).trim());
  }

  for (const m of t.matchAll(/\sto\s/gi)) {
    const left = t.slice(0, m.index).trim();
    const text = t.slice(m.index + m[0].length).trim();
    const strength = ownerStrength(left);
    // 'Deep Dive Schedule to be reviewed' is a passive task, not a person called Deep Dive Schedule.
    if (strength === 'strong' || (strength === 'name' && !/^be\b/i.test(text))) return done(left, 'subject', text);
  }
  return { error: NO_OWNER };
}

function norm(s: string): string {
  return normaliseText(s).toLowerCase();
}

function withoutThe(s: string): string {
  return s.replace(/^the /, '');
}

function decide(label: string, matches: readonly Person[]): Resolution | null {
  const unique = [...new Map(matches.map((p) => [p.id, p])).values()];
  if (unique.length === 0) return null;
  if (unique.length === 1 && unique[0]) return { kind: 'person', personId: unique[0].id };
  return {
    kind: 'ambiguous',
    label,
    candidates: unique.map((p) => ({ personId: p.id, name: p.name, initials: p.initials })),
  };
}

/**
 * Resolves one owner label against the directory, first rule that matches wins:
 * '(XX)' inside the label; an alias; initials; full name; rank + surname; a known body.
 * Reversed initials ('DJ' for Jane Doe) resolve only through an alias.
 */
export function resolveOwner(label: string, directory: readonly Person[]): Resolution {
  const clean = normaliseText(label);
  const key = norm(clean);

  const paren = /\(([A-Za-z]{2,4})\)/.exec(clean);
  if (paren?.[1] && norm(paren[1]) !== key) {
    const inner = resolveOwner(paren[1], directory);
    if (inner.kind === 'person' || inner.kind === 'ambiguous')
      return inner.kind === 'ambiguous' ? { ...inner, label: clean } : inner;
  }

  const byAlias = decide(
    clean,
    directory.filter((p) => p.aliases.some((a) => withoutThe(norm(a)) === withoutThe(key))),
  );
  if (byAlias) return byAlias;

  const byInitials = decide(
    clean,
    directory.filter((p) => p.initials.toLowerCase() === key),
  );
  if (byInitials) return byInitials;

  const { rank, rest } = stripRank(clean);
  const restKey = norm(rest);
  const byName = decide(
    clean,
    directory.filter((p) => norm(p.name) === key || norm(stripRank(p.name).rest) === restKey),
  );
  if (byName) return byName;

  if (rank !== undefined && restKey !== '') {
    const bySurname = decide(
      clean,
      directory.filter((p) => ` ${norm(stripRank(p.name).rest)}`.endsWith(` ${restKey}`)),
    );
    if (bySurname) return bySurname;
  }

  const body = bodyName(clean);
  if (body) return { kind: 'body', name: body };
  return { kind: 'unknown', label: clean };
}

/** '"AW" could be Alex Wong (AW) or Anna White (AW)': how every report names an ambiguous owner. */
export function couldBe(r: Extract<Resolution, { kind: 'ambiguous' }>, said = r.label): string {
  return `"${said}" could be ${r.candidates.map((c) => `${c.name} (${c.initials})`).join(' or ')}`;
}

/**
 * Why an owner's words reach nobody, as the reports after an import say it: two people share them
 * (say who, and that an alias tells them apart), a body rather than a person, or nobody in the
 * directory has them.
 */
export function unassignedReason(label: string, directory: readonly Person[]): string {
  const r = resolveOwner(label, directory);
  if (r.kind === 'ambiguous') return `${couldBe(r)}: add an alias to the directory to tell them apart`;
  if (r.kind === 'body') return 'a body, not a person (add it as an alias of a person to route it)';
  return 'not in the directory';
}

export function resolveOwners(labels: readonly string[], directory: readonly Person[]): Resolution[] {
  return labels.map((label) => resolveOwner(label, directory));
}

/** An action as the minutes word it: 'JD - Circulate ...', 'SCL to present ...', or the text alone when no owner is minuted. */
export function asMinuted(a: { ownerText: string; ownerForm: 'prefix' | 'subject'; text: string }): string {
  if (a.ownerText === '') return a.text;
  return a.ownerForm === 'subject' ? `${a.ownerText} to ${a.text}` : `${a.ownerText} - ${a.text}`;
}
