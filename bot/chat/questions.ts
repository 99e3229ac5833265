// Scrutiny questions in the conversation: `scrutiny for dd/MM/yyyy` + a list, `ask`, `questions`,
// `question Q1b`, `raise from Q1b ...`, and the question card's buttons. SDK-free like dispatch.ts.
import {
  actionCard,
  messageCard,
  questionCard,
  QUESTION_VERBS,
  type AdaptiveCard,
  type Notice,
} from '../../cards/index.ts';
import { queueActionCards, queueQuestionCards, type NotifyReport } from '../services/notify.ts';
import { delegateQuestion } from '../services/delegate.ts';
import { decideQuestion, raiseFromQuestion, respond, type QuestionResult } from '../services/question-reply.ts';
import {
  askQuestion,
  describeQuestions,
  enterQuestions,
  listQuestions,
  type QuestionsReport,
} from '../services/questions.ts';
import type { BoardContext } from '../services/board-context.ts';
import type { Command } from '../rules/commands.ts';
import { normaliseNumber } from '../rules/questions-parse.ts';
import { isLead } from '../rules/permissions.ts';
import { QUESTION_STATE_LABEL } from '../rules/questions.ts';
import { formatRef, formatUkDate } from '../rules/refs.ts';
import { RefusedError } from '../rules/refused.ts';
import type { Actor, IsoDate, Question } from '../rules/types.ts';
import { actionModel } from '../present/actions.ts';
import { viewContext } from '../present/context.ts';
import { questionModel, questionsListCard } from '../present/questions.ts';

export type QuestionCommand = Extract<
  Command,
  { kind: 'scrutiny' | 'ask' | 'questions' | 'question' | 'raiseFromQuestion' }
>;

/** The most question cards one `questions` answers with. */
const QUESTION_CARDS = 10;

/** A question by its number: the open one of the latest meeting first. */
export async function byNumber(t: BoardContext, number: string): Promise<Question> {
  const wanted = normaliseNumber(number).toLowerCase();
  const all = (await t.stores.questions.listAll(t.scope)).filter((q) => q.number.toLowerCase() === wanted);
  const pick = all.filter((q) => !q.closedOn).at(-1) ?? all.at(-1);
  if (!pick) throw new RefusedError(`no scrutiny question ${normaliseNumber(number)}`);
  return pick;
}

function reportText(r: QuestionsReport, sent: NotifyReport): string {
  const notSent = [...new Set(sent.unreachable.map((u) => `Not sent to ${u.owner}: ${u.reason}`))];
  return [
    ...describeQuestions(r),
    '',
    `${sent.toOwners} card${sent.toOwners === 1 ? '' : 's'} on the way to respondents.`,
    ...notSent,
  ].join('\n');
}

export async function onQuestionCommand(
  t: BoardContext,
  actor: Actor,
  command: QuestionCommand,
): Promise<{ cards: AdaptiveCard[]; queued: boolean }> {
  switch (command.kind) {
    case 'scrutiny':
    case 'ask': {
      const report =
        command.kind === 'scrutiny'
          ? await enterQuestions(t, actor, command.table, command.meeting)
          : await askQuestion(t, actor, command.line);
      const sent = await queueQuestionCards(t, report.touched);
      const tone = report.counts.error ? 'warning' : 'good';
      return {
        cards: [messageCard({ title: 'Scrutiny questions', text: reportText(report, sent), tone })],
        queued: sent.queued > 0,
      };
    }
    case 'questions': {
      const ctx = await viewContext(t, actor);
      if (isLead(actor)) {
        const meeting: IsoDate | undefined =
          command.meeting ??
          ctx.meetings
            .map((m) => m.date)
            .filter((d) => d >= ctx.today)
            .sort()[0];
        const questions = await listQuestions(t, meeting ? { meeting } : { open: true });
        return {
          cards: [
            questionsListCard(
              questions,
              ctx,
              meeting ? `Scrutiny questions for ${formatUkDate(meeting)}` : 'Open scrutiny questions',
            ),
          ],
          queued: false,
        };
      }
      const mine = actor.personId ? await t.stores.questions.listOpenFor(t.scope, actor.personId) : [];
      if (mine.length === 0)
        return {
          cards: [messageCard({ title: 'Scrutiny questions', text: 'You have no questions to answer.', tone: 'good' })],
          queued: false,
        };
      const cards = await Promise.all(
        mine.slice(0, QUESTION_CARDS).map(async (q) => questionCard(await questionModel(t, q, ctx))),
      );
      return { cards, queued: false };
    }
    case 'question': {
      const q = await byNumber(t, command.number);
      return { cards: [questionCard(await questionModel(t, q, await viewContext(t, actor)))], queued: false };
    }
    case 'raiseFromQuestion': {
      const q = await byNumber(t, command.number);
      const { action, warnings } = await raiseFromQuestion(t, actor, q.id, command.line);
      const sent = await queueActionCards(t, [action]);
      const notice: Notice = {
        tone: warnings.length ? 'warning' : 'good',
        text: [`Raised ${formatRef(action.ref)} from ${q.number}.`, ...warnings].join(' '),
      };
      return {
        cards: [actionCard(actionModel(action, await viewContext(t, actor), { notice }))],
        queued: sent.queued > 0,
      };
    }
  }
}

function notice(result: QuestionResult, did: 'draft' | 'submit' | 'decide' | 'delegate'): Notice {
  switch (result.kind) {
    case 'saved': {
      const state = QUESTION_STATE_LABEL[result.question.state];
      const d = result.question.delegate;
      if (did === 'delegate')
        return {
          tone: 'good',
          text: d
            ? `Handed to ${d.label}: they can answer; you stay accountable.`
            : 'Taken back: it is yours to answer again.',
        };
      const text =
        did === 'submit'
          ? `Response submitted: ${state}. Thank you.`
          : did === 'draft'
            ? 'Draft saved. Submit it when it is ready.'
            : `${result.question.number}: ${state}.`;
      return { tone: 'good', text };
    }
    case 'unchanged':
      return { tone: 'warning', text: 'Nothing to save: the question already says that.' };
    case 'refused':
      return { tone: 'attention', text: `Not saved: ${result.reason}.` };
    case 'stale':
      return {
        tone: 'warning',
        text: `This question changed since this card was drawn (it is now ${QUESTION_STATE_LABEL[result.question.state]}): your text was not saved. Check it below and send it again.`,
      };
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A question card's button; null when the verb is not a question's. */
export async function onQuestionCard(
  t: BoardContext,
  actor: Actor,
  verb: string,
  data: Record<string, unknown>,
  requestId?: string,
): Promise<AdaptiveCard | null> {
  if (!Object.values<string>(QUESTION_VERBS).includes(verb)) return null;
  const questionId = str(data.questionId);
  if (!questionId || questionId.length > 200)
    return messageCard({
      title: 'Not understood',
      text: 'This card does not name a question I know.',
      tone: 'attention',
    });
  const version = Number(data.version);
  const cardVersion = Number.isInteger(version) ? { cardVersion: version } : {};
  const req = requestId ? { requestId } : {};
  let result: QuestionResult;
  let extra: { typed?: string; partly?: boolean } = {};
  if (verb === QUESTION_VERBS.view) {
    const stored = await t.stores.questions.get(t.scope, questionId);
    if (!stored) return messageCard({ title: 'Not found', text: 'This question no longer exists.', tone: 'attention' });
    return questionCard(await questionModel(t, stored.question, await viewContext(t, actor)));
  } else if (verb === QUESTION_VERBS.delegate || verb === QUESTION_VERBS.takeBack) {
    const to = str(data.delegateTo);
    if (verb === QUESTION_VERBS.delegate && !to)
      result = { kind: 'refused', reason: 'choose the colleague to hand it to' };
    else
      result = await delegateQuestion(t, actor, {
        id: questionId,
        ...(verb === QUESTION_VERBS.delegate && to ? { toPersonId: to } : {}),
        ...req,
      });
    if (result.kind === 'refused' && !result.question) {
      const current = await t.stores.questions.get(t.scope, questionId);
      if (current) result = { ...result, question: current.question };
    }
  } else if (verb === QUESTION_VERBS.draft || verb === QUESTION_VERBS.submit) {
    const text = str(data.response) ?? '';
    const partly = data.partly === true || data.partly === 'true';
    result = await respond(t, actor, {
      questionId,
      text,
      submit: verb === QUESTION_VERBS.submit,
      partly,
      ...cardVersion,
      ...req,
    });
    if (result.kind !== 'saved' && result.kind !== 'unchanged') extra = { typed: text, partly };
  } else {
    result = await decideQuestion(t, actor, {
      questionId,
      to: verb === QUESTION_VERBS.answered ? 'answered' : 'carried_forward',
      ...req,
    });
  }
  const q = 'question' in result ? result.question : undefined;
  const did =
    verb === QUESTION_VERBS.submit
      ? 'submit'
      : verb === QUESTION_VERBS.draft
        ? 'draft'
        : verb === QUESTION_VERBS.delegate || verb === QUESTION_VERBS.takeBack
          ? 'delegate'
          : 'decide';
  if (!q) return messageCard({ title: 'Not saved', text: notice(result, did).text, tone: 'attention' });
  return questionCard(
    await questionModel(t, q, await viewContext(t, actor), { notice: notice(result, did), ...extra }),
  );
}
