// Scrutiny questions in the conversation: `scrutiny for dd/MM/yyyy` + a list, `ask`, `questions`,
// `question Q1b`, `raise from Q1b ...`, and the question card's buttons.
import { actionCard, messageCard, questionCard, type Notice } from '../../cards/index.ts';
import { VERB, type CardVerb } from '../../cards/verbs.ts';
import type { BoardContext } from '../services/board-context.ts';
import { delegateQuestion, type HandedOver } from '../services/delegate.ts';
import { queueActionCards, queueQuestionCards, type NotifyReport } from '../outbox/queue.ts';
import { handedOver, notifyLines } from '../outbox/words.ts';
import { decideQuestion, raiseFromQuestion, respond, type QuestionResult } from '../services/question-reply.ts';
import {
  askQuestion,
  describeQuestions,
  enterQuestions,
  listQuestions,
  type QuestionsReport,
} from '../services/questions.ts';
import { isLead, mayEditRecord } from '../rules/permissions.ts';
import { normaliseNumber } from '../rules/questions-parse.ts';
import { mayEnterQuestions, QUESTION_STATE_LABEL } from '../rules/questions.ts';
import { formatRef, formatUkDate } from '../rules/refs.ts';
import { RefusedError } from '../rules/refused.ts';
import type { Actor, IsoDate, Question } from '../rules/types.ts';
import { actionModel } from '../present/actions.ts';
import { viewContext } from '../present/context.ts';
import { questionModel, questionsListCard } from '../present/questions.ts';
import { questionIdOf, textOf } from './card-inputs.ts';
import { onCommandKind, type CardHandler, type CommandHandler } from './handler.ts';
import { answered, cardNotice, cardReply, type CardAction, type CardOutcome } from './replies.ts';

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
  return [...describeQuestions(r), '', ...notifyLines(sent, 'respondents', 'chat')].join('\n');
}

/** The questions were entered: say how each line went, and send the respondents their cards. */
async function entered(t: BoardContext, report: QuestionsReport) {
  const sent = await queueQuestionCards(t, report.touched);
  const tone = report.counts.error ? 'warning' : 'good';
  return {
    replies: [cardReply(messageCard({ title: 'Scrutiny questions', text: reportText(report, sent), tone }))],
    queued: sent.queued > 0,
  };
}

export const questionCommands: CommandHandler[] = [
  onCommandKind('scrutiny', {
    who: mayEnterQuestions,
    run: async (t, actor, command) => entered(t, await enterQuestions(t, actor, command.table, command.meeting)),
  }),
  onCommandKind('ask', {
    who: mayEnterQuestions,
    run: async (t, actor, command) => entered(t, await askQuestion(t, actor, command.line)),
  }),
  onCommandKind('questions', {
    // The leads get the states of the next meeting's questions; anyone else the cards they are to answer.
    async run(t, actor, command) {
      const ctx = await viewContext(t, actor);
      if (isLead(actor)) {
        const meeting: IsoDate | undefined =
          command.meeting ??
          ctx.meetings
            .map((m) => m.date)
            .filter((d) => d >= ctx.today)
            .sort()[0];
        const questions = await listQuestions(t, meeting ? { meeting } : { open: true });
        const title = meeting ? `Scrutiny questions for ${formatUkDate(meeting)}` : 'Open scrutiny questions';
        return answered(cardReply(questionsListCard(questions, ctx, title)));
      }
      const mine = actor.personId ? await t.stores.questions.listOpenFor(t.scope, actor.personId) : [];
      if (mine.length === 0)
        return answered(
          cardReply(
            messageCard({ title: 'Scrutiny questions', text: 'You have no questions to answer.', tone: 'good' }),
          ),
        );
      const cards = await Promise.all(
        mine.slice(0, QUESTION_CARDS).map(async (q) => questionCard(await questionModel(t, q, ctx))),
      );
      return answered(...cards.map(cardReply));
    },
  }),
  onCommandKind('question', {
    async run(t, actor, command) {
      const q = await byNumber(t, command.number);
      return answered(cardReply(questionCard(await questionModel(t, q, await viewContext(t, actor)))));
    },
  }),
  onCommandKind('raiseFromQuestion', {
    who: mayEditRecord,
    async run(t, actor, command) {
      const q = await byNumber(t, command.number);
      const { action, warnings } = await raiseFromQuestion(t, actor, q.id, command.line);
      const sent = await queueActionCards(t, [action]);
      const notice: Notice = {
        tone: warnings.length ? 'warning' : 'good',
        text: [`Raised ${formatRef(action.ref)} from ${q.number}.`, ...warnings].join(' '),
      };
      const card = actionCard(actionModel(action, await viewContext(t, actor), { notice }));
      return { replies: [cardReply(card)], queued: sent.queued > 0 };
    },
  }),
];

// ---------------------------------------------------------------------------------------------
// The question card's buttons

type Did = 'draft' | 'submit' | 'decide' | 'delegate';

function notice(result: QuestionResult & HandedOver, did: Did): Notice {
  switch (result.kind) {
    case 'saved': {
      const state = QUESTION_STATE_LABEL[result.question.state];
      const d = result.question.delegate;
      if (did === 'delegate')
        return {
          tone: 'good',
          text: d
            ? handedOver(d.label, Boolean(result.delegateWaits), 'answer')
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

/** What a button did to the question, and what was typed on the card to give back with it. */
interface Done {
  result: QuestionResult & HandedOver;
  typed?: { typed: string; partly: boolean };
}

/** A button on a question card: the card must name it; the question is drawn again with what happened. */
function onQuestion(
  verb: CardVerb,
  did: Did,
  act: (t: BoardContext, actor: Actor, questionId: string, action: CardAction) => Promise<Done>,
): CardHandler {
  return {
    verb,
    async run(t, actor, action) {
      const questionId = questionIdOf(action.data);
      if (!questionId) return cardNotice('Not understood', 'This card does not name a question I know.');
      const { result, typed } = await act(t, actor, questionId, action);
      const q = 'question' in result ? result.question : undefined;
      if (!q) return { card: messageCard({ title: 'Not saved', text: notice(result, did).text, tone: 'attention' }) };
      const ctx = await viewContext(t, actor);
      return { card: questionCard(await questionModel(t, q, ctx, { notice: notice(result, did), ...typed })) };
    },
  };
}

const requestOf = (action: CardAction) => (action.requestId ? { requestId: action.requestId } : {});

const viewQuestion: CardHandler = {
  verb: VERB.questionView,
  async run(t, actor, { data }): Promise<CardOutcome> {
    const questionId = questionIdOf(data);
    if (!questionId) return cardNotice('Not understood', 'This card does not name a question I know.');
    const stored = await t.stores.questions.get(t.scope, questionId);
    if (!stored) return cardNotice('Not found', 'This question no longer exists.');
    return { card: questionCard(await questionModel(t, stored.question, await viewContext(t, actor))) };
  },
};

/** Delegate (to the colleague picked on the card) and take back. */
function onDelegation(verb: typeof VERB.questionDelegate | typeof VERB.questionTakeBack): CardHandler {
  return onQuestion(verb, 'delegate', async (t, actor, questionId, action) => {
    const to = textOf(action.data.delegateTo);
    let result: QuestionResult & HandedOver =
      verb === VERB.questionDelegate && !to
        ? { kind: 'refused', reason: 'choose the colleague to hand it to' }
        : await delegateQuestion(t, actor, {
            id: questionId,
            ...(verb === VERB.questionDelegate && to ? { toPersonId: to } : {}),
            ...requestOf(action),
          });
    if (result.kind === 'refused' && !result.question) {
      const current = await t.stores.questions.get(t.scope, questionId);
      if (current) result = { ...result, question: current.question };
    }
    return { result };
  });
}

/** Save draft and Submit response: a refused or stale one gives back what was typed. */
function onResponse(verb: typeof VERB.questionDraft | typeof VERB.questionSubmit): CardHandler {
  const submit = verb === VERB.questionSubmit;
  return onQuestion(verb, submit ? 'submit' : 'draft', async (t, actor, questionId, action) => {
    const text = textOf(action.data.response) ?? '';
    const partly = action.data.partly === true || action.data.partly === 'true';
    const version = Number(action.data.version);
    const result = await respond(t, actor, {
      questionId,
      text,
      submit,
      partly,
      ...(Number.isInteger(version) ? { cardVersion: version } : {}),
      ...requestOf(action),
    });
    return result.kind !== 'saved' && result.kind !== 'unchanged'
      ? { result, typed: { typed: text, partly } }
      : { result };
  });
}

/** The chair's or the secretariat's decision: answered, or carried forward. */
function onDecision(verb: typeof VERB.questionAnswered | typeof VERB.questionCarryForward): CardHandler {
  return onQuestion(verb, 'decide', async (t, actor, questionId, action) => ({
    result: await decideQuestion(t, actor, {
      questionId,
      to: verb === VERB.questionAnswered ? 'answered' : 'carried_forward',
      ...requestOf(action),
    }),
  }));
}

export const questionButtons: CardHandler[] = [
  viewQuestion,
  onResponse(VERB.questionDraft),
  onResponse(VERB.questionSubmit),
  onDecision(VERB.questionAnswered),
  onDecision(VERB.questionCarryForward),
  onDelegation(VERB.questionDelegate),
  onDelegation(VERB.questionTakeBack),
];
