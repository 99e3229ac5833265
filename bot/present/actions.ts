// Actions as cards: from the tracker's records to the cards' view models (names for ids, UK dates,
// London times, status labels, and what this viewer may do on the card).
import {
  ACTION_COUNT_LABELS,
  names,
  outstandingCard,
  type AdaptiveCard,
  type ActionCardModel,
  type HistoryCardModel,
  type Notice,
  type OutstandingCardModel,
  type SummaryCardModel,
} from '../../cards/index.ts';
import { formatLondon, formatLondonDate } from '../rules/dates.ts';
import { actionFlags, countFlags, shownCounts } from '../rules/flags.ts';
import { MAX_NOTE } from '../rules/limits.ts';
import { outstanding, type Outstanding } from '../rules/outstanding.ts';
import { isDelegate, isOwner, mayAddNote, maySetStatus } from '../rules/permissions.ts';
import { formatRef, formatUkDate } from '../rules/refs.ts';
import { STATUS_LABEL } from '../rules/statuses.ts';
import { maySeeAction, redactAction, redactHistory } from '../rules/exempt.ts';
import { meetingAfter, reviewedAtMeeting } from '../rules/meetings.ts';
import { describeQuestionId } from '../rules/questions.ts';
import type { Action, Actor, FieldChange, HistoryEntry, IsoDate, Person } from '../rules/types.ts';
import type { BoardContext } from '../services/board-context.ts';
import { chasedFor } from '../services/scheduler.ts';
import { waitingOnBoard } from '../outbox/queue.ts';
import { waitingSentence } from '../outbox/words.ts';
import { cardRefreshUsers, delegateName, delegationView, viewContext, type ViewContext } from './context.ts';

const CHANNEL_LABEL: Record<HistoryEntry['channel'], string> = {
  teams: 'Teams',
  cli: 'CLI',
  import: 'Import',
  tab: 'Tab',
  scheduler: 'Scheduler',
};

export function ownerNames(a: Action, people: ReadonlyMap<string, Person>): string[] {
  return a.owners.map((o) => (o.personId ? people.get(o.personId)?.name : undefined) ?? o.label);
}

/** Whose Teams clients redraw an action card for themselves: its owners, its delegate, the chair and the secretariat. */
function actionRefreshUsers(a: Action | undefined, people: ReadonlyMap<string, Person>): string[] {
  const holders = [
    ...(a?.owners.flatMap((o) => (o.personId ? [o.personId] : [])) ?? []),
    ...(a?.delegate ? [a.delegate.personId] : []),
  ];
  return cardRefreshUsers(holders, (role) => role === 'chair' || role === 'secretariat', people);
}

/** What every card about one action starts with: which action, at which version, and its words. */
function heading(
  a: Action,
  ctx: ViewContext,
): { actionId: string; board: string; version: number; ref: string; text: string } {
  return { actionId: a.id, board: ctx.board, version: a.version, ref: formatRef(a.ref), text: a.text };
}

/** The latest update an action card shows: the note, who wrote it and when, if there is one. */
export function latestUpdate(a: Action): { latest?: { note?: string; by: string; at: string } } {
  if (!a.latestNote && !a.latestNoteAt) return {};
  return {
    latest: {
      ...(a.latestNote ? { note: a.latestNote } : {}),
      by: a.latestNoteBy ?? 'someone',
      at: formatLondon(a.latestNoteAt ?? a.updatedAt),
    },
  };
}

export function actionModel(
  raw: Action,
  ctx: ViewContext,
  extra: { notice?: Notice; draft?: { status?: string; note?: string } } = {},
): ActionCardModel {
  // Every action card (sent, returned, refreshed) is drawn from what this viewer may see.
  const a = redactAction(raw, ctx.viewer);
  const { overdue } = actionFlags(a, ctx.meetings, ctx.today);
  const owners = ownerNames(a, ctx.people);
  // The chair and the secretariat may update on an owner's behalf: the form says whose update it is.
  const onBehalf = !isOwner(ctx.viewer, a) && !isDelegate(ctx.viewer, a);
  return {
    ...heading(a, ctx),
    owners,
    meetingDate: formatUkDate(a.meeting),
    ...(a.due ? { due: formatUkDate(a.due) } : {}),
    status: a.status,
    statusLabel: STATUS_LABEL[a.status],
    overdue,
    ...(a.questionId ? { fromQuestion: describeQuestionId(a.questionId) } : {}),
    ...delegationView(
      a,
      a.owners.flatMap((o) => (o.personId ? [o.personId] : [])),
      a.status !== 'discharged',
      ctx,
    ),
    ...latestUpdate(a),
    canReply: a.status !== 'discharged' && mayAddNote(ctx.viewer, a).ok,
    ...(onBehalf ? { replyTitle: `Update on behalf of ${names(owners) || 'its owner'}` } : {}),
    noteLimit: MAX_NOTE,
    canReopen: a.status === 'discharged' && maySetStatus(ctx.viewer, a, 'open', { reviewedAtMeeting: true }).ok,
    ...(extra.notice ? { notice: extra.notice } : {}),
    ...(extra.draft ? { draft: extra.draft } : {}),
    refreshUserIds: actionRefreshUsers(a, ctx.people),
  };
}

function describeChange(c: FieldChange): string {
  switch (c.field) {
    case 'status':
      return `Status: ${c.from ? `${label(c.from)} → ` : ''}${label(c.to)}`;
    case 'due':
      return `Due: ${c.to ? formatUkDate(c.to) : 'by the next meeting'}`;
    case 'note':
      return 'Progress note';
    case 'text':
      return 'Text changed';
    case 'owners':
      return `Owners: ${c.to ?? ''}`.replace(/=[\w-]+/g, '');
    case 'outcome':
      return `Outcome: ${c.to ?? ''}`;
    case 'ref':
      return 'Reference changed';
    case 'delegate':
      return c.to ? `Delegated to ${c.to}` : `Taken back from ${c.from ?? 'the delegate'}`;
    case 'exempt':
      return c.to ? `Marked exempt (${c.to})` : 'No longer exempt';
  }
}

function label(status: string | undefined): string {
  return (status && STATUS_LABEL[status as Action['status']]) || status || '';
}

export function historyModel(
  raw: Action,
  all: readonly HistoryEntry[],
  ctx: ViewContext,
  backTo?: HistoryCardModel['backTo'],
): HistoryCardModel {
  const a = redactAction(raw, ctx.viewer);
  const history = redactHistory(all, maySeeAction(ctx.viewer, raw));
  return {
    ...heading(a, ctx),
    entries: [...history].reverse().map((h) => ({
      at: formatLondon(h.at),
      by: h.byName,
      via: CHANNEL_LABEL[h.channel],
      changes: h.kind === 'created' ? ['Raised'] : h.changes.map(describeChange),
      ...(h.note ? { note: h.note } : {}),
    })),
    total: history.length,
    ...(backTo ? { backTo } : {}),
  };
}

/** Who was chased before the next meeting, and when: the chair sees who still has not replied. */
export interface ChasedView {
  at: string;
  actionIds: ReadonlySet<string>;
}

export function outstandingModel(
  view: Outstanding,
  ctx: ViewContext,
  opts: { notice?: Notice; chased?: ChasedView; withQuestions?: boolean } = {},
): OutstandingCardModel {
  const { notice, chased } = opts;
  // Carried forward, an action is due by the next meeting (the chair may pick another date).
  const next = meetingAfter(ctx.meetings, ctx.today)?.date;
  return {
    board: ctx.board,
    asAt: formatLondon(ctx.now),
    counts: shownCounts(view.counts.actions),
    ...(opts.withQuestions ? { questionCounts: shownCounts(view.counts.questions) } : {}),
    groups: view.groups.map((g) => ({
      owner: g.owner,
      items: g.items.map(({ action: raw, overdue, noReply, readyToDischarge }) => {
        const a = redactAction(raw, ctx.viewer);
        const reviewed = { reviewedAtMeeting: reviewedAtMeeting(ctx.meetings, a.meeting, ctx.today) };
        const delegatedTo = delegateName(a, ctx);
        return {
          actionId: a.id,
          version: a.version,
          ref: formatRef(a.ref),
          text: a.text,
          statusLabel: STATUS_LABEL[a.status],
          ...(a.due ? { due: formatUkDate(a.due) } : {}),
          overdue,
          noReply,
          readyToDischarge,
          canDischarge: maySetStatus(ctx.viewer, a, 'discharged', reviewed).ok,
          canCarryForward: maySetStatus(ctx.viewer, a, 'carried_forward', reviewed).ok,
          ...(next ? { carryForwardTo: next } : {}),
          ...(delegatedTo ? { delegatedTo } : {}),
          ...latestUpdate(a),
          ...(chased?.actionIds.has(a.id)
            ? {
                chased: `Chased ${formatLondonDate(chased.at)}, ${a.repliedAt && a.repliedAt > chased.at ? 'replied since' : 'no reply yet'}`,
              }
            : {}),
        };
      }),
    })),
    ...(notice ? { notice } : {}),
    refreshUserIds: actionRefreshUsers(undefined, ctx.people),
  };
}

/** A meeting's actions for its channel: the counts the chair's view gives (flags.ts), then a row each. */
export function summaryModel(meeting: IsoDate, actions: readonly Action[], ctx: ViewContext): SummaryCardModel {
  const flagged = actions.map((a) => ({ action: a, ...actionFlags(a, ctx.meetings, ctx.today) }));
  const c = countFlags(
    flagged.map((f) => ({ ...f, kind: 'action' as const, id: f.action.id })),
    ctx.today,
  ).actions;
  const shown = shownCounts(c);
  const keys = Object.keys(ACTION_COUNT_LABELS) as Array<keyof typeof ACTION_COUNT_LABELS>;
  return {
    board: ctx.board,
    meeting,
    meetingDate: formatUkDate(meeting),
    asAt: formatLondon(ctx.now),
    counts: [
      ...keys.map((k) => ({ label: ACTION_COUNT_LABELS[k], value: shown[k] })),
      { label: STATUS_LABEL.discharged, value: actions.length - c.open },
    ],
    // The channel's summary is for everyone in the team: drawn as nobody in particular sees it.
    rows: flagged.map(({ action: raw, overdue }) => {
      const a = redactAction(raw, null);
      return {
        ref: formatRef(a.ref),
        owners: ownerNames(a, ctx.people),
        statusLabel: STATUS_LABEL[a.status],
        ...(a.repliedAt ? { lastUpdate: formatLondonDate(a.repliedAt) } : {}),
        overdue,
      };
    }),
  };
}

/**
 * The chair's outstanding view: every open action by owner, with who was chased before the next
 * meeting, the open scrutiny questions' counts, and whom cards still wait for (not reachable in Teams yet).
 */
export async function outstandingCardFor(t: BoardContext, actor: Actor, given?: Notice): Promise<AdaptiveCard> {
  const ctx = await viewContext(t, actor);
  const [open, questions, waiting] = await Promise.all([
    t.stores.actions.listOpen(t.scope),
    t.stores.questions.listOpen(t.scope),
    waitingOnBoard(t),
  ]);
  const waits = waiting.length ? waitingSentence(waiting) : undefined;
  const notice: Notice | undefined = !waits
    ? given
    : given
      ? { ...given, text: `${given.text}\n\n${waits}` }
      : { tone: 'warning', text: waits };
  const next = ctx.meetings.filter((m) => m.date >= ctx.today).sort((a, b) => a.date.localeCompare(b.date))[0];
  const chased = next ? await chasedFor(t.stores.jobs, t.scope, next.date) : null;
  const chasedView = chased ? { at: chased.at, actionIds: new Set([...chased.people.values()].flat()) } : undefined;
  const view = outstanding(open, ctx.people, ctx.meetings, ctx.today, questions);
  return outstandingCard(
    outstandingModel(view, ctx, {
      ...(notice ? { notice } : {}),
      ...(chasedView ? { chased: chasedView } : {}),
      withQuestions: questions.length > 0,
    }),
  );
}
