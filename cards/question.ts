// The scrutiny question card: the question, its response, and for the respondent a long response
// form (up to 8,000 characters, line breaks kept) with Save draft apart from Submit, so a long
// answer is never lost, and a "partly answered" toggle. The chair and the secretariat also get
// Mark answered / Carry forward.
import questionJson from './question.json' with { type: 'json' };
import { CardTemplate, fitting, cappedRefreshIds } from './engine.ts';
import type { AdaptiveCard, Notice, Tone } from './models.ts';
import { givenBack, names, escapeMarkdown, shownText, withLimit } from './text.ts';

export const DEFAULT_RESPONSE_LIMIT = 8_000;

export interface QuestionCardModel {
  questionId: string;
  board: string;
  /** The version the card is drawn at: a submit from an older card is checked for staleness. */
  version: number;
  /** 'Q1b'. */
  number: string;
  theme?: string;
  text: string;
  /** 'dd/MM/yyyy' */
  meetingDate: string;
  respondent: string;
  /** 'dd/MM/yyyy' */
  due?: string;
  stateLabel: string;
  /** Past its due date with no response (bot/rules/flags.ts): said under the facts. */
  overdue?: boolean;
  response?: { text: string; by: string; at: string };
  /** References of the actions raised from it. */
  actions?: string[];
  canRespond: boolean;
  canDecide: boolean;
  /** The colleague the respondent handed it to. */
  delegatedTo?: string;
  /** Present for the respondent: the people it can be handed to. */
  delegateChoices?: Array<{ title: string; value: string }>;
  canTakeBack?: boolean;
  /** What goes in the response box: the saved draft, the text typed on a stale card, or the response. */
  responseValue?: string;
  /** 'Draft saved 23/11/2026 18:10': says the box holds a draft. */
  draftLine?: string;
  partly?: boolean;
  /** The response's limit, said on the input (the bot refuses a longer one, saying so); default 8000. */
  responseLimit?: number;
  /** The response form's heading; default "Your response" ("Response on behalf of Jane Doe" for the chair). */
  responseTitle?: string;
  notice?: Notice;
  refreshUserIds?: string[];
}

interface QuestionData {
  hasNotice: boolean;
  notice: { tone: Tone; text: string } | null;
  hasRefresh: boolean;
  refreshUserIds: string[] | null;
  questionId: string;
  board: string;
  version: number;
  number: string;
  subtitle: string;
  text: string;
  respondent: string;
  due: string;
  stateLabel: string;
  overdue: boolean;
  hasActions: boolean;
  actions: string;
  hasResponse: boolean;
  response: string;
  respondedLine: string;
  canRespond: boolean;
  canDecide: boolean;
  isDelegated: boolean;
  delegatedTo: string;
  canDelegate: boolean;
  delegateChoices: Array<{ title: string; value: string }>;
  canTakeBack: boolean;
  hasDraftLine: boolean;
  draftLine: string;
  responseValue: string | null;
  partlyValue: string;
  responseLabel: string;
  responseTitle: string;
}

const template = new CardTemplate<QuestionData>(questionJson);

function data(m: QuestionCardModel, chars: number): QuestionData {
  const users = cappedRefreshIds(m.refreshUserIds);
  const limit = m.responseLimit ?? DEFAULT_RESPONSE_LIMIT;
  return {
    hasNotice: m.notice !== undefined,
    notice: m.notice ? { tone: m.notice.tone, text: shownText(m.notice.text, 1_000) } : null,
    hasRefresh: users.length > 0,
    refreshUserIds: users.length > 0 ? users : null,
    questionId: m.questionId,
    board: m.board,
    version: m.version,
    number: escapeMarkdown(m.number),
    subtitle: escapeMarkdown([m.theme, `meeting of ${m.meetingDate}`].filter(Boolean).join(' · ')),
    text: shownText(m.text, chars),
    respondent: escapeMarkdown(m.respondent) || '—',
    due: m.due ? escapeMarkdown(m.due) : 'before the meeting',
    stateLabel: escapeMarkdown(m.stateLabel),
    overdue: m.overdue === true,
    hasActions: (m.actions?.length ?? 0) > 0,
    actions: escapeMarkdown(names(m.actions ?? [])),
    hasResponse: m.response !== undefined,
    response: m.response ? shownText(m.response.text, chars) : '',
    respondedLine: m.response ? escapeMarkdown(`${m.response.by}, ${m.response.at}`) : '',
    canRespond: m.canRespond,
    canDecide: m.canDecide,
    isDelegated: m.delegatedTo !== undefined,
    delegatedTo: escapeMarkdown(m.delegatedTo ?? ''),
    canDelegate: (m.delegateChoices?.length ?? 0) > 0,
    delegateChoices: (m.delegateChoices ?? []).slice(0, 100),
    canTakeBack: m.canTakeBack === true,
    hasDraftLine: m.draftLine !== undefined,
    draftLine: escapeMarkdown(m.draftLine ?? ''),
    // Input values are plain text: not escaped.
    responseValue: m.responseValue ? givenBack(m.responseValue, limit) : null,
    partlyValue: m.partly ? 'true' : 'false',
    responseLabel: withLimit('Written response', limit),
    responseTitle: escapeMarkdown(m.responseTitle ?? 'Your response'),
  };
}

export function questionCard(m: QuestionCardModel): AdaptiveCard {
  // The typed text in the input is never cut (it is the user's work); the shown texts are.
  const budgets = [Number.POSITIVE_INFINITY, 3_000, 1_000, 300];
  return fitting(budgets.map((chars) => () => template.expand(data(m, chars))));
}
