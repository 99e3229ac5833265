// Scrutiny questions: who may do what, how a change becomes the next state and its history entry,
// and how a question reads in the digest. Pure: the clock and the directory are arguments.
import { historyBase, trackDelegationAndExemption } from './changes.ts';
import { creditUpdate } from './credit.ts';
import { formatLondonDate } from './dates.ts';
import { questionFlags } from './flags.ts';
import type { DigestItem, Proposal } from './digest-model.ts';
import { checkCharacters, MAX_QUESTION_TEXT, MAX_RESPONSE, TooLongError } from './limits.ts';
import { isDelegate, isLead, roleOf, type Decision } from './permissions.ts';
import { formatUkDate } from './refs.ts';
import type {
  QuestionChange,
  Actor,
  Delegation,
  Exemption,
  IsoDate,
  IsoInstant,
  Owner,
  Person,
  Question,
  QuestionHistoryEntry,
  QuestionState,
  Status,
} from './types.ts';

export const QUESTION_STATE_LABEL: Record<QuestionState, string> = {
  awaiting: 'Awaiting response',
  partly_answered: 'Partly answered',
  answered: 'Answered',
  carried_forward: 'Carried forward',
};

const ALLOW: Decision = { ok: true };
const refuse = (reason: string): Decision => ({ ok: false, reason });

/** '2021-04-27' + 'Q3a/Q3b' -> '2021-04-27.q3a-q3b': the same number at the same meeting is the same question. */
export function questionId(meeting: IsoDate, number: string): string {
  return `${meeting}.${number.toLowerCase().replace(/\//g, '-')}`;
}

/** '2021-04-27.q3a-q3b' -> 'Q3a/Q3b, meeting of 27/04/2021': how an action names its question. */
export function describeQuestionId(id: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})\.(.+)$/.exec(id);
  if (!m?.[1] || !m[2]) return id;
  return `${m[2]
    .split('-')
    .map((n) => `Q${n.replace(/^q/, '')}`)
    .join('/')}, meeting of ${formatUkDate(m[1])}`;
}

/** The scrutiny lead puts the questions; the secretariat and the chair may too. */
export function mayEnterQuestions(actor: Actor): Decision {
  if (isLead(actor)) return ALLOW;
  return refuse('questions are put by the scrutiny lead, the secretariat or the chair');
}

export function isRespondent(actor: Actor, q: Question): boolean {
  return actor.personId !== undefined && q.respondent.personId === actor.personId;
}

/** The respondent writes the response; the chair and the secretariat may enter it for them. */
export function mayRespond(actor: Actor, q: Question): Decision {
  const role = roleOf(actor);
  if (q.closedOn && role !== 'chair' && role !== 'secretariat')
    return refuse('this question has been marked answered: it is closed');
  if (isRespondent(actor, q) || isDelegate(actor, q) || role === 'chair' || role === 'secretariat') return ALLOW;
  return refuse('only the question’s respondent, the chair and the secretariat can answer it');
}

/** Answered or carried forward is the meeting's call: the chair's, or the secretariat's recording it. */
export function mayDecideQuestion(actor: Actor): Decision {
  const role = roleOf(actor);
  if (role === 'chair' || role === 'secretariat') return ALLOW;
  return refuse('only the chair and the secretariat mark a question answered or carried forward');
}

export interface QuestionPatch {
  state?: QuestionState;
  text?: string;
  theme?: string;
  respondent?: Owner;
  due?: IsoDate;
  /** Saves a draft (an empty string clears it). */
  draft?: string;
  /** Submits a response: it replaces the draft. */
  response?: string;
  /** With a response entered for someone else: who gave it, and when (default: the actor, now). */
  given?: Omit<GivenResponse, 'response' | 'closedOn'>;
  /** The chair or secretariat closed it (marked answered): the day. */
  closedOn?: IsoDate;
  reopen?: boolean;
  /** An action raised from the question. */
  addAction?: string;
  /** Hand it to a colleague, or take it back (null). */
  delegate?: Delegation | null;
  exempt?: Exemption | null;
  remark?: string;
}

function checkText(p: { text?: string; draft?: string; response?: string; theme?: string; respondent?: Owner }): void {
  if (p.text !== undefined && p.text.length > MAX_QUESTION_TEXT)
    throw new TooLongError('the question', p.text.length, MAX_QUESTION_TEXT);
  for (const [what, v] of [
    ['the draft', p.draft],
    ['the response', p.response],
  ] as const) {
    if (v !== undefined && v.length > MAX_RESPONSE) throw new TooLongError(what, v.length, MAX_RESPONSE);
    checkCharacters(what, v);
  }
  checkCharacters('the question', p.text);
  checkCharacters('the theme', p.theme);
  checkCharacters('the respondent', p.respondent?.label);
}

function historyOf(
  q: Question,
  actor: Actor,
  at: IsoInstant,
  kind: QuestionHistoryEntry['kind'],
  changes: QuestionHistoryEntry['changes'],
  note?: string,
): QuestionHistoryEntry {
  // An empty note is no note on a question.
  return { questionId: q.id, ...historyBase(actor, at, kind, note || undefined), changes };
}

/** A response given at a meeting and entered by someone else (the secretariat, from the minutes): credited to `by`. */
export interface GivenResponse {
  response: string;
  by: string;
  at: IsoInstant;
  /** The meeting heard it: the question leaves the open list that day. */
  closedOn?: IsoDate;
}

export function newQuestion(
  fields: Pick<Question, 'id' | 'number' | 'meeting' | 'text' | 'respondent'> & {
    theme?: string;
    due?: IsoDate;
    exempt?: Exemption;
    /** Answered already: created answered, with the response credited to whoever gave it. */
    answered?: GivenResponse;
  },
  actor: Actor,
  now: IsoInstant,
  remark?: string,
): QuestionChange {
  const { answered, ...rest } = fields;
  checkText({ ...rest, ...(answered ? { response: answered.response } : {}) });
  const next: Question = {
    ...rest,
    state: answered ? 'answered' : 'awaiting',
    ...(answered
      ? {
          response: answered.response,
          respondedBy: answered.by,
          respondedAt: answered.at,
          ...(answered.closedOn ? { closedOn: answered.closedOn } : {}),
        }
      : {}),
    actionIds: [],
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const changes: QuestionHistoryEntry['changes'] = [{ field: 'state', to: next.state }];
  if (answered) changes.push({ field: 'response' });
  return { next, history: historyOf(next, actor, now, 'created', changes, remark) };
}

/** The next state after `patch`, or null when it changes nothing. */
export function applyQuestionPatch(
  current: Question,
  patch: QuestionPatch,
  actor: Actor,
  now: IsoInstant,
): QuestionChange | null {
  checkText(patch);
  const next: Question = { ...current, actionIds: [...current.actionIds] };
  const changes: QuestionHistoryEntry['changes'] = [];
  const set = <K extends 'state' | 'text' | 'theme' | 'due'>(field: K, value: Question[K] | undefined): void => {
    if (value === undefined || value === current[field]) return;
    next[field] = value;
    changes.push({
      field,
      ...(current[field] !== undefined ? { from: String(current[field]) } : {}),
      to: String(value),
    });
  };
  set('state', patch.state);
  set('text', patch.text);
  set('theme', patch.theme);
  set('due', patch.due);
  if (patch.respondent && JSON.stringify(patch.respondent) !== JSON.stringify(current.respondent)) {
    next.respondent = patch.respondent;
    changes.push({ field: 'respondent', from: current.respondent.label, to: patch.respondent.label });
  }
  if (patch.draft !== undefined && patch.draft !== (current.draft ?? '')) {
    if (patch.draft === '') delete next.draft;
    else next.draft = patch.draft;
    next.draftAt = now;
    // The draft's words are not history: only that one was saved.
    changes.push({ field: 'draft' });
  }
  if (patch.response !== undefined && patch.response !== current.response) {
    next.response = patch.response;
    next.respondedAt = patch.given?.at ?? now;
    next.respondedBy = patch.given?.by ?? actor.name;
    delete next.draft;
    delete next.draftAt;
    changes.push({ field: 'response' });
  }
  if (patch.closedOn && !current.closedOn) {
    next.closedOn = patch.closedOn;
    changes.push({ field: 'closed', to: patch.closedOn });
  }
  if (patch.reopen && current.closedOn) {
    delete next.closedOn;
    changes.push({ field: 'closed', from: current.closedOn });
  }
  trackDelegationAndExemption(current, next, patch, (c) => changes.push(c));
  if (patch.addAction && !current.actionIds.includes(patch.addAction)) {
    next.actionIds.push(patch.addAction);
    changes.push({ field: 'action', to: patch.addAction });
  }
  if (changes.length === 0) return null;
  next.updatedAt = now;
  next.version = current.version + 1;
  return { next, history: historyOf(next, actor, now, 'updated', changes, patch.remark) };
}

// The digest's vocabulary is the actions' (Status, Proposal): a question maps onto the nearest.
const AS_STATUS: Record<QuestionState, Status> = {
  awaiting: 'open',
  partly_answered: 'in_progress',
  answered: 'completed',
  carried_forward: 'carried_forward',
};

/** Who gives a question's response: its respondent and delegate, by directory name and as written. */
function responseGivers(q: Question, people: ReadonlyMap<string, Person>): string[] {
  const named = (id: string | undefined): string[] => {
    const p = id ? people.get(id) : undefined;
    return p ? [p.name] : [];
  };
  return [
    q.respondent.label,
    ...named(q.respondent.personId),
    ...(q.delegate ? [q.delegate.label, ...named(q.delegate.personId)] : []),
  ];
}

export function questionRespondent(q: Question, people: ReadonlyMap<string, Person>): string {
  const p = q.respondent.personId ? people.get(q.respondent.personId) : undefined;
  const name = p ? `${p.name} (${p.initials})` : q.respondent.label;
  return q.delegate ? `${name} (delegated to ${q.delegate.label})` : name;
}

/** A question as the digest lists it: its response (in full: the Word document shows it) as the latest update. */
export function questionDigestItem(q: Question, people: ReadonlyMap<string, Person>, today: IsoDate): DigestItem {
  const flags = questionFlags(q, today);
  const proposal: Proposal = q.closedOn
    ? 'discharged'
    : flags.overdue
      ? 'overdue'
      : flags.noReply
        ? 'no reply since the meeting'
        : q.state === 'carried_forward'
          ? 'carried forward'
          : q.state === 'answered'
            ? 'propose discharge'
            : 'in progress';
  return {
    kind: 'question',
    id: q.id,
    ref: q.number,
    text: q.theme ? `${q.theme}: ${q.text}` : q.text,
    owners: [questionRespondent(q, people)],
    ...(q.response
      ? {
          latestUpdate: {
            text: q.response,
            ...creditUpdate(
              q.respondedBy,
              responseGivers(q, people),
              (q.respondent.personId ? people.get(q.respondent.personId)?.name : undefined) ?? q.respondent.label,
            ),
            date: formatLondonDate(q.respondedAt ?? q.updatedAt),
          },
        }
      : {}),
    status: AS_STATUS[q.state],
    statusLabel: QUESTION_STATE_LABEL[q.state],
    ...(q.due ? { due: formatUkDate(q.due) } : {}),
    ...flags,
    proposal,
    ...(q.exempt
      ? {
          exempt: {
            exemption: q.exempt.exemption,
            ownerLabel: q.respondent.label,
            viewers: [q.respondent.personId, q.delegate?.personId].filter((x): x is string => x !== undefined),
          },
        }
      : {}),
  };
}

/** Numbers in the report's order: Q1, Q1b, Q2, Q3a/Q3b, Q10. */
export function questionOrder(
  a: Pick<Question, 'meeting' | 'number'>,
  b: Pick<Question, 'meeting' | 'number'>,
): number {
  return a.meeting.localeCompare(b.meeting) || a.number.localeCompare(b.number, 'en', { numeric: true });
}
