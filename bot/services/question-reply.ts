// Answering a scrutiny question (draft or submit), the meeting's view of it (answered, carried
// forward), and an action raised from it. Every change goes through one rule-checked write
// (QuestionStore.change): stored with its history entry, or refused with the reason.
import { londonToday } from '../rules/dates.ts';
import { MAX_RESPONSE } from '../rules/limits.ts';
import { applyQuestionPatch, mayDecideQuestion, mayRespond, type QuestionPatch } from '../rules/questions.ts';
import { RefusedError } from '../rules/refused.ts';
import type { Action, Actor, Question, QuestionChange, QuestionHistoryEntry } from '../rules/types.ts';
import { requestMark } from '../../storage/requests.ts';
import { changeRecord, type RecordResult } from './change-record.ts';
import { raiseAction } from './raise.ts';
import type { BoardContext } from './board-context.ts';

/** A stale answer gives back the text typed. */
export type QuestionResult = RecordResult<Question, 'question', string>;

/** The change a patch makes to a question, once `check` (which throws RefusedError to refuse) lets it. */
export function questionChange(
  t: BoardContext,
  actor: Actor,
  patch: (q: Question) => QuestionPatch,
  check: (q: Question) => void = () => {},
): (q: Question) => QuestionChange | null {
  return (current) => {
    check(current);
    return applyQuestionPatch(current, patch(current), actor, t.now().toISOString());
  };
}

export interface ResponseRequest {
  questionId: string;
  text: string;
  /** Submit the response; otherwise it is saved as a draft. */
  submit: boolean;
  partly?: boolean;
  cardVersion?: number;
  requestId?: string;
}

/** What others changed since the card was drawn that the respondent must see first (drafts and raised actions do not count). */
const conflicts = (since: readonly QuestionHistoryEntry[]): boolean =>
  since.some((h) => h.changes.some((c) => c.field !== 'draft' && c.field !== 'action'));

export async function respond(t: BoardContext, actor: Actor, req: ResponseRequest): Promise<QuestionResult> {
  // Line breaks kept (a response is paragraphs), Windows ones made plain; trailing space dropped.
  const text = req.text.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
  const refuse = async (reason: string): Promise<QuestionResult> => {
    const current = await t.stores.questions.get(t.scope, req.questionId);
    return { kind: 'refused', reason, ...(current ? { question: current.question } : {}) };
  };
  if (text.length > MAX_RESPONSE)
    return refuse(
      `the response is ${text.length.toLocaleString('en-GB')} characters; the limit is ${MAX_RESPONSE.toLocaleString('en-GB')}`,
    );
  if (req.submit && text.trim() === '') return refuse('nothing to submit: write the response first');
  const current = await t.stores.questions.get(t.scope, req.questionId);
  if (!current) return { kind: 'refused', reason: 'this question no longer exists' };
  // Whoever may not answer is told so, not that their card is out of date.
  const allowed = mayRespond(actor, current.question);
  if (!allowed.ok) return { kind: 'refused', reason: allowed.reason, question: current.question };
  const cardVersion = req.cardVersion;
  if (cardVersion !== undefined && current.question.version > cardVersion) {
    const since = (await t.stores.questions.history(t.scope, req.questionId)).filter(
      (h) => (h.version ?? 0) > cardVersion,
    );
    if (conflicts(since)) return { kind: 'stale', question: current.question, draft: text };
  }
  return changeRecord(
    t,
    t.stores.questions,
    'question',
    req.questionId,
    questionChange(
      t,
      actor,
      () => (req.submit ? { response: text, state: req.partly ? 'partly_answered' : 'answered' } : { draft: text }),
      (q) => {
        // A change between the stale check and this write (milliseconds) is not re-checked for
        // staleness: the response goes on the question as it now is, which keeps the typed text.
        const ok = mayRespond(actor, q);
        if (!ok.ok) throw new RefusedError(ok.reason);
      },
    ),
    requestMark(req.requestId, actor.id, req.submit ? 'submit' : 'draft', {
      text,
      partly: req.submit ? Boolean(req.partly) : undefined,
    }),
  );
}

/** The meeting's view: answered (it leaves the open list) or carried forward to the next meeting. */
export async function decideQuestion(
  t: BoardContext,
  actor: Actor,
  req: { questionId: string; to: 'answered' | 'carried_forward'; requestId?: string },
): Promise<QuestionResult> {
  const today = londonToday(t.now());
  return changeRecord(
    t,
    t.stores.questions,
    'question',
    req.questionId,
    questionChange(
      t,
      actor,
      (): QuestionPatch =>
        req.to === 'answered' ? { state: 'answered', closedOn: today } : { state: 'carried_forward', reopen: true },
      () => {
        const ok = mayDecideQuestion(actor);
        if (!ok.ok) throw new RefusedError(ok.reason);
      },
    ),
    requestMark(req.requestId, actor.id, 'decide', { to: req.to }),
  );
}

/**
 * `raise from Q1b SR - consider presenting CHI at a future PAM`: an action for the latest meeting
 * that keeps its question's id, and the question keeps the action's.
 */
export async function raiseFromQuestion(
  t: BoardContext,
  actor: Actor,
  questionId: string,
  line: string,
): Promise<{ action: Action; question: Question; warnings: string[] }> {
  const found = await t.stores.questions.get(t.scope, questionId);
  if (!found) throw new RefusedError('no such question');
  const { action, warnings } = await raiseAction(t, actor, line, { questionId });
  const linked = await changeRecord(
    t,
    t.stores.questions,
    'question',
    questionId,
    questionChange(t, actor, () => ({ addAction: action.id })),
  );
  if (linked.kind === 'refused')
    throw new RefusedError(`the action was raised but not linked to its question: ${linked.reason}`);
  return { action, question: linked.question, warnings };
}
