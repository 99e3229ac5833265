// Scrutiny questions as cards: the question card (what this viewer may see and do) and the list of
// questions with their states.
import {
  countsSentence,
  listCard,
  QUESTION_COUNT_LABELS,
  type AdaptiveCard,
  type Notice,
  type QuestionCardModel,
} from '../../cards/index.ts';
import type { BoardContext } from '../services/board-context.ts';
import { formatLondon } from '../rules/dates.ts';
import { redactQuestion } from '../rules/exempt.ts';
import { countFlags, questionFlags, shownCounts } from '../rules/flags.ts';
import { MAX_RESPONSE } from '../rules/limits.ts';
import { isDelegate, isLeadRole } from '../rules/permissions.ts';
import {
  isRespondent,
  mayDecideQuestion,
  mayRespond,
  QUESTION_STATE_LABEL,
  questionRespondent,
} from '../rules/questions.ts';
import { formatRef, formatUkDate } from '../rules/refs.ts';
import type { Person, Question } from '../rules/types.ts';
import { cardRefreshUsers, delegationView, type ViewContext } from './context.ts';

/** Whose Teams clients redraw a question card: the respondent, the delegate, the chair, the secretariat and the scrutiny lead. */
function questionRefreshUsers(q: Question, people: ReadonlyMap<string, Person>): string[] {
  const holders = [q.respondent.personId, q.delegate?.personId].filter((id): id is string => Boolean(id));
  return cardRefreshUsers(holders, isLeadRole, people);
}

export async function questionModel(
  t: BoardContext,
  raw: Question,
  ctx: ViewContext,
  extra: { notice?: Notice; typed?: string; partly?: boolean } = {},
): Promise<QuestionCardModel> {
  // Every question card is drawn from what this viewer may see (exempt.ts).
  const q = redactQuestion(raw, ctx.viewer);
  const actions = (await Promise.all(q.actionIds.map((id) => t.stores.actions.get(t.scope, id)))).flatMap((s) =>
    s ? [formatRef(s.action.ref)] : [],
  );
  // The box holds what was just typed (a refused or stale card), else the saved draft, else the response to edit.
  const value = extra.typed ?? q.draft ?? q.response;
  return {
    questionId: q.id,
    board: ctx.board,
    version: q.version,
    number: q.number,
    ...(q.theme ? { theme: q.theme } : {}),
    text: q.text,
    meetingDate: formatUkDate(q.meeting),
    respondent: questionRespondent(q, ctx.people),
    ...(q.due ? { due: formatUkDate(q.due) } : {}),
    stateLabel: QUESTION_STATE_LABEL[q.state],
    overdue: questionFlags(q, ctx.today).overdue,
    ...(q.response
      ? {
          response: {
            text: q.response,
            by: q.respondedBy ?? 'someone',
            at: formatLondon(q.respondedAt ?? q.updatedAt),
          },
        }
      : {}),
    ...(actions.length ? { actions } : {}),
    canRespond: mayRespond(ctx.viewer, q).ok,
    // The chair and the secretariat may enter a response for the respondent: the form says so.
    ...(!isRespondent(ctx.viewer, q) && !isDelegate(ctx.viewer, q)
      ? { responseTitle: `Response on behalf of ${questionRespondent(q, ctx.people)}` }
      : {}),
    canDecide: mayDecideQuestion(ctx.viewer).ok,
    ...delegationView(q, q.respondent.personId ? [q.respondent.personId] : [], !q.closedOn, ctx),
    ...(value ? { responseValue: value } : {}),
    ...(extra.typed === undefined && q.draft && q.draftAt
      ? { draftLine: `Draft saved ${formatLondon(q.draftAt)}: not yet submitted` }
      : {}),
    partly: extra.partly ?? q.state === 'partly_answered',
    responseLimit: MAX_RESPONSE,
    ...(extra.notice ? { notice: extra.notice } : {}),
    refreshUserIds: questionRefreshUsers(q, ctx.people),
  };
}

/**
 * The questions and their states, for the chair, secretariat and scrutiny lead (also in
 * `outstanding`): the counts as at today (flags.ts), and each question overdue flagged as such.
 */
export function questionsListCard(questions: readonly Question[], ctx: ViewContext, title: string): AdaptiveCard {
  const flagged = questions.map((q) => ({ q, flags: questionFlags(q, ctx.today) }));
  const counts = countFlags(
    flagged.map(({ q, flags }) => ({ ...flags, kind: 'question' as const, id: q.id })),
    ctx.today,
  ).questions;
  return listCard({
    title,
    intro: questions.length
      ? `${questions.length} question${questions.length === 1 ? '' : 's'} · as at ${formatUkDate(ctx.today)}: ${countsSentence(shownCounts(counts), QUESTION_COUNT_LABELS)}.`
      : 'No scrutiny questions.',
    rows: flagged.map(({ q: raw, flags }) => {
      const q = redactQuestion(raw, ctx.viewer);
      return {
        title: `${q.number}${q.theme ? ` (${q.theme})` : ''}: ${q.text}`,
        subtitle: [
          questionRespondent(q, ctx.people),
          `meeting of ${formatUkDate(q.meeting)}`,
          q.due ? `due ${formatUkDate(q.due)}` : '',
        ]
          .filter(Boolean)
          .join(' · '),
        ...(flags.overdue
          ? { flag: `Overdue · ${QUESTION_STATE_LABEL[q.state]}`, flagTone: 'attention' as const }
          : {
              flag: QUESTION_STATE_LABEL[q.state],
              flagTone: q.closedOn || q.state === 'answered' ? ('good' as const) : ('warning' as const),
            }),
      };
    }),
  });
}
