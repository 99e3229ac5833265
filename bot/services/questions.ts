// Putting scrutiny questions to the force: a pasted list for a meeting, or one at a time. Each
// respondent is resolved like an action's owner (never guessed); entering the same list again
// changes nothing, and a changed line updates its question with a history entry.
import { isAlreadyExists } from '../../storage/errors.ts';
import { londonToday } from '../rules/dates.ts';
import { resolveOwner, splitOwnerLine } from '../rules/owners.ts';
import {
  normaliseNumber,
  parseQuestion,
  parseQuestions,
  type ParsedQuestion,
  type QuestionLine,
} from '../rules/questions-parse.ts';
import { applyQuestionPatch, mayEnterQuestions, newQuestion, questionId, questionOrder } from '../rules/questions.ts';
import { formatUkDate } from '../rules/refs.ts';
import { RefusedError } from '../rules/refused.ts';
import type { Actor, IsoDate, Person, Question } from '../rules/types.ts';
import { subtractWorkingDays } from '../rules/working-days.ts';
import { ownerFrom } from './import-actions.ts';
import type { BoardContext } from './board-context.ts';

/** DIGEST_LEAD_DAYS' default: a question is due on the digest's day, in time for the papers. */
export const QUESTION_LEAD_DAYS = 5;

export interface QuestionLineReport {
  line: number;
  number?: string;
  result: 'added' | 'updated' | 'unchanged' | 'error';
  questionId?: string;
  reason?: string;
  warnings: string[];
}

export interface QuestionsReport {
  meeting: IsoDate;
  lines: QuestionLineReport[];
  counts: { added: number; updated: number; unchanged: number; error: number };
  /** The questions added or changed: their respondents get a card. */
  touched: Question[];
}

async function meetingOrRefuse(t: BoardContext, meeting: IsoDate): Promise<void> {
  const meetings = await t.stores.meetings.list(t.scope);
  if (!meetings.some((m) => m.date === meeting))
    throw new RefusedError(`no meeting on ${formatUkDate(meeting)}: add it first (next meeting, or meeting add)`);
}

/** Adds the question or brings it up to date with `p`. */
async function save(
  t: BoardContext,
  actor: Actor,
  meeting: IsoDate,
  p: ParsedQuestion,
  directory: readonly Person[],
  leadDays: number,
): Promise<QuestionLineReport & { question?: Question }> {
  const { owner: respondent, warning } = ownerFrom(p.respondentLabel, resolveOwner(p.respondentLabel, directory));
  const id = questionId(meeting, p.number);
  const warnings = warning ? [warning.replace(/^owner/, 'respondent')] : [];
  // An answer pasted with its question (as minuted) is read, not kept here: the minutes import records it.
  if (p.answer) warnings.push('its minuted answer is not kept by this command (import the minutes to record it)');
  const now = t.now().toISOString();
  const base = { line: p.line, number: p.number, questionId: id, warnings };
  const created = newQuestion(
    {
      id,
      number: p.number,
      meeting,
      text: p.text,
      respondent,
      ...(p.theme ? { theme: p.theme } : {}),
      due: subtractWorkingDays(meeting, leadDays),
    },
    actor,
    now,
  );
  try {
    await t.stores.questions.create(t.scope, created.next, created.history);
    return { ...base, result: 'added', question: created.next };
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
  }
  let changed = false;
  const stored = await t.stores.questions.change(t.scope, id, (current) => {
    const change = applyQuestionPatch(
      current,
      { text: p.text, respondent, ...(p.theme ? { theme: p.theme } : {}) },
      actor,
      now,
    );
    changed = change !== null;
    return change;
  });
  return {
    ...base,
    result: changed ? 'updated' : 'unchanged',
    ...(stored && changed ? { question: stored.question } : {}),
  };
}

function report(meeting: IsoDate, lines: Array<QuestionLineReport & { question?: Question }>): QuestionsReport {
  const count = (r: QuestionLineReport['result']) => lines.filter((l) => l.result === r).length;
  return {
    meeting,
    lines: lines.map(({ question: _q, ...l }) => l),
    counts: { added: count('added'), updated: count('updated'), unchanged: count('unchanged'), error: count('error') },
    touched: lines.flatMap((l) => (l.question ? [l.question] : [])),
  };
}

async function saveAll(
  t: BoardContext,
  actor: Actor,
  meeting: IsoDate,
  parsed: readonly QuestionLine[],
  leadDays: number,
): Promise<QuestionsReport> {
  const directory = (await t.stores.people.list(t.scope)).map((p) => p.person);
  const lines: Array<QuestionLineReport & { question?: Question }> = [];
  const seen = new Set<string>();
  for (const p of parsed) {
    if (p.kind === 'error') {
      lines.push({
        line: p.line,
        ...(p.number ? { number: p.number } : {}),
        result: 'error',
        reason: p.reason,
        warnings: [],
      });
    } else if (seen.has(p.number)) {
      lines.push({
        line: p.line,
        number: p.number,
        result: 'error',
        reason: `${p.number} appears twice in the list`,
        warnings: [],
      });
    } else {
      seen.add(p.number);
      lines.push(await save(t, actor, meeting, p, directory, leadDays));
    }
  }
  return report(meeting, lines);
}

/** A pasted list of questions for the meeting on `meeting`. */
export async function enterQuestions(
  t: BoardContext,
  actor: Actor,
  input: string,
  meeting: IsoDate,
  leadDays = QUESTION_LEAD_DAYS,
): Promise<QuestionsReport> {
  const ok = mayEnterQuestions(actor);
  if (!ok.ok) throw new RefusedError(ok.reason);
  await meetingOrRefuse(t, meeting);
  const parsed = parseQuestions(input);
  if (parsed.length === 0)
    throw new RefusedError('no questions: paste them after the first line, one a line starting Q1, Q2, ...');
  return saveAll(t, actor, meeting, parsed, leadDays);
}

/**
 * `ask Q2 AFS - Is this information still sought?` (or `ask Q2. text - AFS`): one question, for the
 * next meeting in the calendar.
 */
export async function askQuestion(
  t: BoardContext,
  actor: Actor,
  line: string,
  leadDays = QUESTION_LEAD_DAYS,
): Promise<QuestionsReport> {
  const ok = mayEnterQuestions(actor);
  if (!ok.ok) throw new RefusedError(ok.reason);
  const today = londonToday(t.now());
  const meeting = (await t.stores.meetings.list(t.scope))
    .map((m) => m.date)
    .filter((d) => d >= today)
    .sort()[0];
  if (!meeting) throw new RefusedError('no meeting is coming up: set the next one first (next meeting dd/MM/yyyy)');
  return saveAll(t, actor, meeting, [parseAsk(line)], leadDays);
}

/** `Q2 AFS - text` first (the respondent before the text), else the list's own shape. */
export function parseAsk(line: string): QuestionLine {
  const m = /^\s*(Q\d{1,3}[a-z]?(?:\/Q?\d{1,3}[a-z]?)*)[.:]?\s+(.*)$/is.exec(line);
  if (m?.[1] && m[2]) {
    const split = splitOwnerLine(m[2]);
    if (!('error' in split) && split.ownerForm === 'prefix' && split.labels.length === 1) {
      return {
        kind: 'question',
        line: 1,
        number: normaliseNumber(m[1]),
        text: split.text,
        respondentLabel: split.ownerText,
      };
    }
  }
  const parsed = parseQuestion(line, 1);
  return parsed.kind === 'error' && !parsed.number
    ? {
        ...parsed,
        reason: 'say it as "ask Q2 AFS - the question", the number, the respondent\'s initials, then the question',
      }
    : parsed;
}

export async function listQuestions(
  t: BoardContext,
  filter: { meeting?: IsoDate; open?: boolean } = {},
): Promise<Question[]> {
  const all = filter.meeting
    ? await t.stores.questions.listForMeeting(t.scope, filter.meeting)
    : filter.open
      ? await t.stores.questions.listOpen(t.scope)
      : await t.stores.questions.listAll(t.scope);
  return all.filter((q) => !filter.open || !q.closedOn).sort(questionOrder);
}

export function describeQuestions(r: QuestionsReport): string[] {
  const lines = r.lines.map((l) => {
    const what = l.result === 'error' ? `not entered - ${l.reason ?? ''}` : l.result;
    return `line ${l.line}${l.number ? ` (${l.number})` : ''}: ${what}${l.warnings.length ? ` - ${l.warnings.join('; ')}` : ''}`;
  });
  const c = r.counts;
  return [
    ...lines,
    `Questions for ${formatUkDate(r.meeting)}: ${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged, ${c.error} not understood`,
  ];
}
