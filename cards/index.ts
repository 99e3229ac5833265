// View models -> Adaptive Cards (schema 1.5). One JSON template a card (cards/*.json), expanded
// with adaptivecards-templating. Nothing here knows the bot or storage.
//
// Each renderer turns its model into the template's data: user strings escaped (`escapeMarkdown`), long
// ones truncated, lists paged, and a boolean for every `$when`. Missing fields are never left to
// the template (an unbound `${field}` would come out literally). Every card is kept under
// MAX_CARD_BYTES by trying smaller pages and shorter texts until one fits.
import actionJson from './action.json' with { type: 'json' };
import chaseJson from './chase.json' with { type: 'json' };
import digestJson from './digest.json' with { type: 'json' };
import historyJson from './history.json' with { type: 'json' };
import listJson from './list.json' with { type: 'json' };
import messageJson from './message.json' with { type: 'json' };
import outstandingJson from './outstanding.json' with { type: 'json' };
import summaryJson from './summary.json' with { type: 'json' };
import {
  ACTION_COUNT_LABELS,
  countColumns,
  countsSentence,
  QUESTION_COUNT_LABELS,
  TEXT_COLOR,
  type Color,
} from './counts.ts';
import { CardTemplate, fitting, cappedRefreshIds } from './engine.ts';
import type {
  ActionCardModel,
  AdaptiveCard,
  ChaseCardModel,
  ChaseItemView,
  CountView,
  DigestCardModel,
  DigestItemView,
  HistoryCardModel,
  ListCardModel,
  MessageCardModel,
  Notice,
  OutstandingCardModel,
  OutstandingItemView,
  ReplyStatus,
  SummaryCardModel,
  Tone,
} from './models.ts';
import { givenBack, names, escapeMarkdown, shownText, truncate, ukNumber, withLimit } from './text.ts';

export type * from './models.ts';
export { cardBytes, CARD_SCHEMA, MAX_CARD_BYTES, MAX_REFRESH_USERS } from './engine.ts';
export { escapeMarkdown, names, truncate } from './text.ts';
export { ACTION_COUNT_LABELS, countsSentence, QUESTION_COUNT_LABELS } from './counts.ts';

/** The note's length limit when the model gives none. */
export const DEFAULT_NOTE_LIMIT = 4_000;
export const HISTORY_PAGE = 30;
export const SUMMARY_ROWS = 40;
export const OUTSTANDING_ITEMS = 25;
export const LIST_ROWS = 60;
export const MESSAGE_FACTS = 50;
/** Actions on one chaser card (fewer if the card would pass 40 KB). */
export const CHASE_ITEMS = 25;
export const DIGEST_ITEMS = 30;
/** Action text on the digest card. */
export const DIGEST_TEXT = 150;
/** Action text on the chair's outstanding card and in a history header. */
export const SHORT_TEXT = 200;
/** People offered on the Delegate form: a board's directory is tens of people. */
export const DELEGATE_CHOICES = 100;

export const REPLY_STATUSES: ReadonlyArray<{ value: ReplyStatus; title: string }> = [
  { value: 'in_progress', title: 'In progress' },
  { value: 'completed', title: 'Completed' },
  { value: 'blocked', title: 'Blocked' },
];

function isReplyStatus(s: string | undefined): s is ReplyStatus {
  return REPLY_STATUSES.some((r) => r.value === s);
}

const NOTICE_CHARS = 1_000;

interface NoticeData {
  hasNotice: boolean;
  notice: { tone: Tone; text: string } | null;
}

function noticeData(n: Notice | undefined): NoticeData {
  return n
    ? { hasNotice: true, notice: { tone: n.tone, text: shownText(n.text, NOTICE_CHARS) } }
    : { hasNotice: false, notice: null };
}

interface RefreshData {
  hasRefresh: boolean;
  refreshUserIds: string[] | null;
}

function refreshData(ids: readonly string[] | undefined): RefreshData {
  const users = cappedRefreshIds(ids);
  return users.length > 0 ? { hasRefresh: true, refreshUserIds: users } : { hasRefresh: false, refreshUserIds: null };
}

function boardName(m: { board: string; boardName?: string | undefined }): string {
  return escapeMarkdown(m.boardName ?? m.board);
}

const more = (n: number, what: string) => `and ${ukNumber(n)} ${what}`;

// ---------------------------------------------------------------------------------------------
// 1. The action card (the owner's)

interface ActionData extends NoticeData, RefreshData {
  actionId: string;
  board: string;
  version: number;
  boardName: string;
  ref: string;
  meetingDate: string;
  text: string;
  ownersTitle: string;
  owners: string;
  due: string;
  statusLabel: string;
  hasQuestion: boolean;
  fromQuestion: string;
  isDelegated: boolean;
  delegatedTo: string;
  canDelegate: boolean;
  delegateChoices: Array<{ title: string; value: string }>;
  canTakeBack: boolean;
  overdue: boolean;
  hasLatest: boolean;
  hasLatestNote: boolean;
  latest: { note: string; by: string; at: string } | null;
  canReply: boolean;
  replyTitle: string;
  replyStatus: ReplyStatus | null;
  replyNote: string | null;
  noteLabel: string;
  canReopen: boolean;
}

const actionTemplate = new CardTemplate<ActionData>(actionJson);

/** The owner's card: the action, its latest update, and (when `canReply`) the reply form. */
export function actionCard(m: ActionCardModel): AdaptiveCard {
  const budgets = [Number.POSITIVE_INFINITY, 2_000, 1_000, 400];
  return fitting(budgets.map((chars) => () => actionTemplate.expand(actionData(m, chars))));
}

function actionData(m: ActionCardModel, chars: number): ActionData {
  const draftStatus = m.draft?.status;
  const replyStatus = isReplyStatus(draftStatus) ? draftStatus : isReplyStatus(m.status) ? m.status : null;
  const note = m.latest?.note?.trim() ? m.latest.note : undefined;
  return {
    ...noticeData(m.notice),
    ...refreshData(m.refreshUserIds),
    actionId: m.actionId,
    board: m.board,
    version: m.version,
    boardName: boardName(m),
    ref: escapeMarkdown(m.ref),
    meetingDate: escapeMarkdown(m.meetingDate),
    text: shownText(m.text, chars),
    ownersTitle: m.owners.length > 1 ? 'Owners' : 'Owner',
    owners: escapeMarkdown(names(m.owners)) || '—',
    due: m.due ? escapeMarkdown(m.due) : 'by the next meeting',
    statusLabel: escapeMarkdown(m.statusLabel),
    hasQuestion: m.fromQuestion !== undefined,
    fromQuestion: escapeMarkdown(m.fromQuestion ?? ''),
    isDelegated: m.delegatedTo !== undefined,
    delegatedTo: escapeMarkdown(m.delegatedTo ?? ''),
    canDelegate: (m.delegateChoices?.length ?? 0) > 0,
    // Choice titles are plain text in the client (not markdown): not escaped.
    delegateChoices: (m.delegateChoices ?? []).slice(0, DELEGATE_CHOICES),
    canTakeBack: m.canTakeBack === true,
    overdue: m.overdue,
    hasLatest: m.latest !== undefined,
    hasLatestNote: note !== undefined,
    latest: m.latest
      ? { note: note ? shownText(note, chars) : '', by: escapeMarkdown(m.latest.by), at: escapeMarkdown(m.latest.at) }
      : null,
    canReply: m.canReply,
    replyTitle: escapeMarkdown(m.replyTitle ?? 'Your update'),
    // Input values are plain text already: not escaped.
    replyStatus,
    replyNote: m.draft?.note ? givenBack(m.draft.note, m.noteLimit ?? DEFAULT_NOTE_LIMIT) : null,
    noteLabel: withLimit('Note', m.noteLimit ?? DEFAULT_NOTE_LIMIT),
    canReopen: m.canReopen === true,
  };
}

// ---------------------------------------------------------------------------------------------
// 2. History

interface HistoryData {
  actionId: string;
  board: string;
  version: number;
  boardName: string;
  ref: string;
  text: string;
  entries: Array<{ at: string; by: string; via: string; changes: string[]; hasNote: boolean; note: string }>;
  isEmpty: boolean;
  hasEarlier: boolean;
  earlierText: string;
  backToOutstanding: boolean;
}

const historyTemplate = new CardTemplate<HistoryData>(historyJson);

/** An action's history, newest first: a page of 30 entries, then "and N earlier entries". */
export function historyCard(m: HistoryCardModel): AdaptiveCard {
  const attempts = [
    { entries: HISTORY_PAGE, chars: 600 },
    { entries: 20, chars: 300 },
    { entries: 10, chars: 200 },
    { entries: 5, chars: 100 },
  ];
  return fitting(attempts.map((a) => () => historyTemplate.expand(historyData(m, a.entries, a.chars))));
}

function historyData(m: HistoryCardModel, page: number, chars: number): HistoryData {
  const entries = m.entries.slice(0, page);
  const earlier = Math.max(m.total ?? 0, m.entries.length) - entries.length;
  return {
    actionId: m.actionId,
    board: m.board,
    version: m.version,
    boardName: boardName(m),
    ref: escapeMarkdown(m.ref),
    text: shownText(m.text, SHORT_TEXT),
    entries: entries.map((e) => ({
      at: escapeMarkdown(e.at),
      by: escapeMarkdown(e.by),
      via: escapeMarkdown(e.via),
      changes: e.changes.map((c) => shownText(c, chars)),
      hasNote: Boolean(e.note?.trim()),
      note: e.note ? shownText(e.note, chars) : '',
    })),
    isEmpty: entries.length === 0,
    hasEarlier: earlier > 0,
    earlierText: more(earlier, earlier === 1 ? 'earlier entry' : 'earlier entries'),
    backToOutstanding: m.backTo === 'outstanding',
  };
}

// ---------------------------------------------------------------------------------------------
// 3. A meeting's summary, for its channel

interface SummaryData extends RefreshData {
  board: string;
  meeting: string;
  subtitle: string;
  meetingDate: string;
  hasCounts: boolean;
  counts: Array<{ label: string; value: string }>;
  hasRows: boolean;
  rows: Array<{ ref: string; owners: string; status: string; statusColor: Color; lastUpdate: string }>;
  hasMore: boolean;
  moreText: string;
}

const summaryTemplate = new CardTemplate<SummaryData>(summaryJson);

/** A meeting's actions for its channel: counts, then one row per action (at most `limit`). */
export function summaryCard(m: SummaryCardModel): AdaptiveCard {
  const limit = Math.max(1, m.limit ?? SUMMARY_ROWS);
  const limits = [limit, ...[30, 20, 10, 5].filter((n) => n < limit)];
  return fitting(limits.map((n) => () => summaryTemplate.expand(summaryData(m, n))));
}

function countByLabel(labels: string[]): CountView[] {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].map(([label, value]) => ({ label, value }));
}

function summaryData(m: SummaryCardModel, limit: number): SummaryData {
  const rows = m.rows.slice(0, limit);
  const hidden = m.rows.length - rows.length;
  const counts = m.counts ?? countByLabel(m.rows.map((r) => r.statusLabel));
  return {
    ...refreshData(m.refreshUserIds),
    board: m.board,
    meeting: m.meeting,
    subtitle: m.asAt ? `${boardName(m)} · as at ${escapeMarkdown(m.asAt)}` : boardName(m),
    meetingDate: escapeMarkdown(m.meetingDate),
    hasCounts: counts.length > 0,
    counts: counts.map((c) => ({ label: shownText(c.label, 60), value: ukNumber(c.value) })),
    hasRows: rows.length > 0,
    rows: rows.map((r) => ({
      ref: shownText(r.ref, 60),
      owners: shownText(names(r.owners), 120) || '—',
      status: shownText(r.statusLabel, 60) + (r.overdue ? ' · overdue' : ''),
      statusColor: r.overdue ? 'Attention' : 'Default',
      lastUpdate: r.lastUpdate ? escapeMarkdown(r.lastUpdate) : '—',
    })),
    hasMore: hidden > 0,
    moreText: more(hidden, 'more'),
  };
}

// ---------------------------------------------------------------------------------------------
// 4. Outstanding actions, the chair's view

interface OutstandingItemData {
  actionId: string;
  version: number;
  ref: string;
  text: string;
  status: string;
  due: string;
  flags: Array<{ text: string; color: Color }>;
  hasDelegate: boolean;
  delegatedTo: string;
  hasLatest: boolean;
  latest: string;
  canDischarge: boolean;
  dischargeConfirm: string;
  canCarryForward: boolean;
  carryInput: string;
  carryForwardTo: string | null;
}

interface OutstandingData extends NoticeData, RefreshData {
  board: string;
  subtitle: string;
  counts: Array<{ label: string; value: string; color: Color }>;
  hasQuestionCounts: boolean;
  questionCounts: string;
  groups: Array<{ owner: string; items: OutstandingItemData[] }>;
  isEmpty: boolean;
  hasMore: boolean;
  moreText: string;
}

const outstandingTemplate = new CardTemplate<OutstandingData>(outstandingJson);

/**
 * The chair's view: counts, then the items grouped by owner, with their delegate and latest update,
 * History, and Discharge (asked to confirm) and Carry forward (to a date, the next meeting's by
 * default) where allowed. At most `limit` items (fewer if the card would not fit), then "and N more
 * not shown".
 */
export function outstandingCard(m: OutstandingCardModel): AdaptiveCard {
  const limit = Math.max(1, m.limit ?? OUTSTANDING_ITEMS);
  const limits = [limit, ...[20, 15, 10, 5, 1].filter((n) => n < limit)];
  const attempts = [
    ...limits.map((n) => () => outstandingTemplate.expand(outstandingData(m, n, SHORT_TEXT))),
    () => outstandingTemplate.expand(outstandingData(m, 1, 60)),
  ];
  return fitting(attempts);
}

function outstandingData(m: OutstandingCardModel, limit: number, chars: number): OutstandingData {
  const c = m.counts;
  const shownIds = new Set<string>();
  const allIds = new Set<string>();
  let slots = 0;
  const groups: OutstandingData['groups'] = [];
  for (const g of m.groups) {
    const items: OutstandingItemData[] = [];
    for (const i of g.items) {
      allIds.add(i.actionId);
      if (slots >= limit) continue;
      slots += 1;
      shownIds.add(i.actionId);
      // An action shared by two owners is listed twice: each listing has its own date input.
      items.push(outstandingItem(i, chars, slots));
    }
    if (items.length > 0) groups.push({ owner: shownText(g.owner, 120) || '—', items });
  }
  const hidden = [...allIds].filter((id) => !shownIds.has(id)).length;
  const name = boardName(m);
  return {
    ...noticeData(m.notice),
    ...refreshData(m.refreshUserIds),
    board: m.board,
    subtitle: m.asAt ? `${name} · as at ${escapeMarkdown(m.asAt)}` : name,
    counts: countColumns(c),
    hasQuestionCounts: m.questionCounts !== undefined,
    questionCounts: m.questionCounts
      ? `Scrutiny questions: ${countsSentence(m.questionCounts, QUESTION_COUNT_LABELS)}`
      : '',
    groups,
    isEmpty: allIds.size === 0,
    hasMore: hidden > 0,
    moreText: more(hidden, 'more not shown'),
  };
}

function outstandingItem(i: OutstandingItemView, chars: number, slot: number): OutstandingItemData {
  const flags: OutstandingItemData['flags'] = [];
  if (i.overdue) flags.push({ text: 'Overdue', color: 'Attention' });
  if (i.noReply) flags.push({ text: 'No reply since the meeting', color: 'Accent' });
  if (i.readyToDischarge) flags.push({ text: 'Completed — ready to discharge', color: TEXT_COLOR.good });
  if (i.chased) flags.push({ text: shownText(i.chased, 80), color: 'Default' });
  const ref = shownText(i.ref, 60);
  const latest = i.latest
    ? `Latest: ${i.latest.note?.trim() ? `${shownText(i.latest.note, chars)} — ` : ''}${escapeMarkdown(i.latest.by)}, ${escapeMarkdown(i.latest.at)}`
    : '';
  return {
    actionId: i.actionId,
    version: i.version,
    ref,
    text: shownText(i.text, chars),
    status: shownText(i.statusLabel, 60),
    due: i.due ? escapeMarkdown(i.due) : 'by the next meeting',
    flags,
    hasDelegate: i.delegatedTo !== undefined,
    delegatedTo: `Delegated to ${escapeMarkdown(i.delegatedTo ?? '')}`,
    hasLatest: latest !== '',
    latest,
    canDischarge: i.canDischarge,
    dischargeConfirm: `Discharge ${ref}? The meeting accepts it as done and it leaves the list. The chair can reopen it (type reopen and its reference).`,
    canCarryForward: i.canCarryForward,
    carryInput: carryInput(slot),
    // An input's value is plain text: not escaped.
    carryForwardTo: i.carryForwardTo ?? null,
  };
}

/** The date input of the `slot`th listing on the outstanding card: its Carry forward button names it. */
export function carryInput(slot: number): string {
  return `carryTo_${slot}`;
}

// ---------------------------------------------------------------------------------------------
// 5. Generic cards

interface MessageData {
  title: string;
  color: Color;
  hasText: boolean;
  text: string;
  hasFacts: boolean;
  facts: Array<{ title: string; value: string }>;
  hasMore: boolean;
  moreText: string;
}

const messageTemplate = new CardTemplate<MessageData>(messageJson);

/** Help, import reports, refusals: a title, a text and optional facts. */
export function messageCard(m: MessageCardModel): AdaptiveCard {
  const attempts = [
    { chars: Number.POSITIVE_INFINITY, facts: MESSAGE_FACTS },
    { chars: 8_000, facts: 20 },
    { chars: 2_000, facts: 10 },
    { chars: 500, facts: 5 },
  ];
  return fitting(attempts.map((a) => () => messageTemplate.expand(messageData(m, a.chars, a.facts))));
}

function messageData(m: MessageCardModel, chars: number, maxFacts: number): MessageData {
  const facts = (m.facts ?? []).slice(0, maxFacts);
  const hidden = (m.facts?.length ?? 0) - facts.length;
  const text = m.markdown ? truncate(m.text, chars) : shownText(m.text, chars);
  return {
    title: shownText(m.title, 200),
    color: m.tone && m.tone !== 'default' ? TEXT_COLOR[m.tone] : 'Default',
    hasText: text.trim() !== '',
    text,
    hasFacts: facts.length > 0,
    facts: facts.map((f) => ({ title: shownText(f.title, 100), value: shownText(f.value, 500) })),
    hasMore: hidden > 0,
    moreText: more(hidden, 'more'),
  };
}

interface ListData {
  title: string;
  hasIntro: boolean;
  intro: string;
  rows: Array<{
    title: string;
    hasSubtitle: boolean;
    subtitle: string;
    hasFlag: boolean;
    flag: string;
    flagColor: Color;
  }>;
  isEmpty: boolean;
  hasMore: boolean;
  moreText: string;
}

const listTemplate = new CardTemplate<ListData>(listJson);

/** The people directory, "mine" and other lists: a row each, then "and N more". */
export function listCard(m: ListCardModel): AdaptiveCard {
  const limits = [LIST_ROWS, 40, 20, 10, 5];
  return fitting(limits.map((n) => () => listTemplate.expand(listData(m, n))));
}

function listData(m: ListCardModel, limit: number): ListData {
  const rows = m.rows.slice(0, limit);
  const hidden = Math.max(0, m.more ?? 0) + m.rows.length - rows.length;
  return {
    title: shownText(m.title, 200),
    hasIntro: Boolean(m.intro?.trim()),
    intro: m.intro ? shownText(m.intro, 2_000) : '',
    rows: rows.map((r) => ({
      title: shownText(r.title, 200) || '—',
      hasSubtitle: Boolean(r.subtitle?.trim()),
      subtitle: r.subtitle ? shownText(r.subtitle, 300) : '',
      hasFlag: Boolean(r.flag?.trim()),
      flag: r.flag ? shownText(r.flag, 40) : '',
      flagColor: r.flagTone ? TEXT_COLOR[r.flagTone] : 'Accent',
    })),
    isEmpty: rows.length === 0 && hidden === 0,
    hasMore: hidden > 0,
    moreText: more(hidden, 'more'),
  };
}

// ---------------------------------------------------------------------------------------------
// 6. The pre-meeting digest (the action log for the papers, in brief)

interface DigestItemData {
  heading: string;
  color: Color;
  text: string;
  owners: string;
  flags: Array<{ text: string; color: Color }>;
}

interface DigestData {
  meetingDate: string;
  subtitle: string;
  hasDetails: boolean;
  details: string;
  counts: Array<{ label: string; value: string; color: Color }>;
  hasQuestionCounts: boolean;
  questionCounts: string;
  groups: Array<{ title: string; items: DigestItemData[] }>;
  isEmpty: boolean;
  hasMore: boolean;
  moreText: string;
  hasDocument: boolean;
  documentUrl: string | null;
  hasMinutes: boolean;
  minutesTitle: string;
  minutesUrl: string | null;
}

const digestTemplate = new CardTemplate<DigestData>(digestJson);

/**
 * The digest before a meeting: its date, time and deep dive, the counts, then the items grouped
 * as the papers group them. At most `limit` items (fewer if the card would pass 40 KB), then
 * "and N more — the full action log is in the Word document", with a button to it when
 * `documentUrl` is given.
 */
export function digestCard(m: DigestCardModel): AdaptiveCard {
  const limit = Math.max(1, m.limit ?? DIGEST_ITEMS);
  const limits = [limit, ...[20, 15, 10, 5, 1].filter((n) => n < limit)];
  const attempts = [
    ...limits.map((n) => () => digestTemplate.expand(digestData(m, n, DIGEST_TEXT))),
    () => digestTemplate.expand(digestData(m, 1, 60)),
  ];
  return withoutEmptyActions(fitting(attempts));
}

/** A card whose only button was left out by its `$when` keeps no empty `actions`. */
function withoutEmptyActions(card: AdaptiveCard): AdaptiveCard {
  if (card.actions === undefined || card.actions.length > 0) return card;
  const { actions: _none, ...rest } = card;
  return rest;
}

function digestData(m: DigestCardModel, limit: number, chars: number): DigestData {
  const c = m.counts;
  let slots = 0;
  let total = 0;
  const groups: DigestData['groups'] = [];
  for (const g of m.groups) {
    total += g.items.length;
    const items = g.items.slice(0, Math.max(0, limit - slots)).map((i) => digestItem(i, chars));
    slots += items.length;
    if (items.length > 0) groups.push({ title: shownText(g.title, 120) || '—', items });
  }
  const hidden = total - slots;
  const when = [m.meetingTime ? `at ${m.meetingTime}` : '', m.location ?? ''].filter((s) => s.trim() !== '').join(', ');
  const subtitle = [boardName(m), when, m.asAt ? `as at ${m.asAt}` : '']
    .filter((s) => s.trim() !== '')
    .map((s) => escapeMarkdown(s))
    .join(' · ');
  const details = [m.focus ? `Focus: ${m.focus}` : '', m.deepDive ? `Deep dive: ${m.deepDive}` : '']
    .filter((s) => s.trim() !== '')
    .join(' · ');
  const url = m.documentUrl?.trim();
  const minutesUrl = m.openMinutes?.url.trim();
  return {
    meetingDate: escapeMarkdown(m.meetingDate),
    subtitle,
    hasDetails: details !== '',
    details: shownText(details, 300),
    counts: countColumns(c.actions, ACTION_COUNT_LABELS),
    hasQuestionCounts: c.questions !== undefined,
    questionCounts: c.questions ? `Scrutiny questions: ${countsSentence(c.questions, QUESTION_COUNT_LABELS)}` : '',
    groups,
    isEmpty: total === 0,
    hasMore: hidden > 0,
    moreText: `${more(hidden, 'more')} — the full action log is in the Word document`,
    hasDocument: Boolean(url),
    // The URL goes on the button as given: it is not shown text, so it is not escaped.
    documentUrl: url ? url : null,
    hasMinutes: Boolean(minutesUrl),
    minutesTitle: `Open minutes of ${m.openMinutes?.meetingDate ?? ''}, for publication`,
    minutesUrl: minutesUrl ? minutesUrl : null,
  };
}

function digestItem(i: DigestItemView, chars: number): DigestItemData {
  const heading = [shownText(i.ref, 60), shownText(i.status, 120), i.due ? `due ${escapeMarkdown(i.due)}` : '']
    .filter((s) => s !== '')
    .join(' · ');
  return {
    heading,
    color: i.statusTone ? TEXT_COLOR[i.statusTone] : 'Default',
    text: shownText(i.text, chars),
    owners: shownText(names(i.owners), 200) || 'No owner',
    flags: (i.flags ?? []).map((f) => ({ text: shownText(f.text, 80), color: TEXT_COLOR[f.tone] })),
  };
}

// ---------------------------------------------------------------------------------------------
// 7. The chaser: an owner's actions awaiting a reply, each with its own reply inputs

interface ChaseItemData {
  actionId: string;
  version: number;
  heading: string;
  text: string;
  overdue: boolean;
  hasLatest: boolean;
  latest: string;
  canReply: boolean;
  statusInput: string;
  noteInput: string;
  replyStatus: ReplyStatus | null;
  replyNote: string | null;
}

interface ChaseData extends NoticeData {
  board: string;
  meeting: string;
  title: string;
  subtitle: string;
  intro: string;
  items: ChaseItemData[];
  noteLabel: string;
  hasMore: boolean;
  moreText: string;
}

const chaseTemplate = new CardTemplate<ChaseData>(chaseJson);

/** The input ids of a chase item: `status_<slot>` and `note_<slot>`. */
export function chaseInputs(slot: number): { statusInput: string; noteInput: string } {
  if (!Number.isInteger(slot) || slot < 1 || slot > 9_999)
    throw new RangeError(`a chase item's slot is 1-9999, not ${slot}`);
  return { statusInput: `status_${slot}`, noteInput: `note_${slot}` };
}

/**
 * One card listing an owner's actions that await a reply, each with a status, a note and its own
 * "Send update" (verb `action.reply`, whose data names the item's inputs and the chase's meeting).
 * At most `limit` items (fewer if the card would pass 40 KB), then "and N more".
 */
export function chaseCard(m: ChaseCardModel): AdaptiveCard {
  const limit = Math.max(1, m.limit ?? CHASE_ITEMS);
  const limits = [limit, ...[40, 30, 25, 20, 15, 10, 5, 1].filter((n) => n < limit)];
  const attempts = [
    ...limits.map((n) => () => chaseTemplate.expand(chaseData(m, n, SHORT_TEXT))),
    () => chaseTemplate.expand(chaseData(m, 1, 60)),
  ];
  return fitting(attempts);
}

function chaseData(m: ChaseCardModel, limit: number, chars: number): ChaseData {
  const slots = new Set<number>();
  for (const i of m.items) {
    if (slots.has(i.slot)) throw new Error(`two chase items share slot ${i.slot}`);
    slots.add(i.slot);
  }
  const items = m.items.slice(0, limit);
  const hidden = m.items.length - items.length;
  return {
    ...noticeData(m.notice),
    board: m.board,
    meeting: m.meeting,
    title: m.items.length === 1 ? 'An action awaiting your update' : 'Actions awaiting your update',
    subtitle: `${boardName(m)} · before the meeting of ${escapeMarkdown(m.meetingDate)}`,
    intro: shownText(m.intro, 1_000),
    items: items.map((i) => chaseItem(i, chars, m.noteLimit ?? DEFAULT_NOTE_LIMIT)),
    noteLabel: withLimit('Note', m.noteLimit ?? DEFAULT_NOTE_LIMIT),
    hasMore: hidden > 0,
    moreText: `${more(hidden, hidden === 1 ? 'more action' : 'more actions')}: reply to these first, or type mine to see them all`,
  };
}

function chaseItem(i: ChaseItemView, chars: number, noteLimit: number): ChaseItemData {
  const draftStatus = i.draft?.status;
  const note = i.latest?.note?.trim() ? i.latest.note : undefined;
  const latest = i.latest
    ? `Latest: ${note ? `${shownText(note, chars)} — ` : ''}${escapeMarkdown(i.latest.by)}, ${escapeMarkdown(i.latest.at)}`
    : '';
  return {
    actionId: i.actionId,
    version: i.version,
    heading: [
      shownText(i.ref, 60),
      shownText(i.statusLabel, 60),
      `due ${i.due ? escapeMarkdown(i.due) : 'by the next meeting'}`,
    ].join(' · '),
    text: shownText(i.text, chars),
    overdue: i.overdue,
    hasLatest: i.latest !== undefined,
    latest,
    canReply: i.canReply,
    ...chaseInputs(i.slot),
    // Input values are plain text already: not escaped.
    replyStatus: isReplyStatus(draftStatus) ? draftStatus : isReplyStatus(i.status) ? i.status : null,
    replyNote: i.draft?.note ? givenBack(i.draft.note, noteLimit) : null,
  };
}
export { reviewCard, reviewInput, REVIEW_ITEMS, type ReviewCardModel, type ReviewItemView } from './review.ts';
export { questionCard, DEFAULT_RESPONSE_LIMIT, type QuestionCardModel } from './question.ts';
export {
  countResults,
  describeCounts,
  minutesCard,
  MINUTES_LINES,
  UNPLACED_LINES,
  type MinutesCardModel,
  type MinutesLineView,
  type MinutesSectionView,
  type PlannedResult,
} from './minutes.ts';
export { pasteCard, type PasteCardModel } from './paste.ts';
export { CARD_VERBS, VERB, type CardVerb } from './verbs.ts';
