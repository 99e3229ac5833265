// From the tracker's records to the cards' view models: names for ids, UK dates, London times,
// status labels, and what this viewer may do on the card.
import type {
  ActionCardModel,
  HistoryCardModel,
  Notice,
  OutstandingCardModel,
  SummaryCardModel,
} from '../../cards/index.ts';
import { formatLondon, formatLondonDate } from '../rules/dates.ts';
import { MAX_NOTE } from '../rules/limits.ts';
import { assess, type Outstanding } from '../rules/outstanding.ts';
import { mayAddNote, mayDelegate, maySetStatus } from '../rules/permissions.ts';
import { formatRef, formatUkDate } from '../rules/refs.ts';
import { STATUS_LABEL } from '../rules/statuses.ts';
import { maySeeAction, redactAction, redactHistory } from '../rules/exempt.ts';
import { reviewedAtMeeting } from '../rules/meetings.ts';
import { describeQuestionId } from '../rules/questions.ts';
import type { Action, Actor, FieldChange, HistoryEntry, IsoDate, Meeting, Person } from '../rules/types.ts';

/** What every view needs to know about the board and the person looking. */
export interface ViewContext {
  board: string;
  viewer: Actor;
  people: ReadonlyMap<string, Person>;
  meetings: readonly Meeting[];
  today: IsoDate;
  now: Date;
}

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

/** Whose Teams clients redraw a card for themselves: its owners, the chair and the secretariat. */
export function refreshUsers(a: Action | undefined, people: ReadonlyMap<string, Person>): string[] {
  const owners = new Set([
    ...(a?.owners.flatMap((o) => (o.personId ? [o.personId] : [])) ?? []),
    ...(a?.delegate ? [a.delegate.personId] : []),
  ]);
  return [...people.values()]
    .filter((p) => p.aadObjectId && (owners.has(p.id) || p.role === 'chair' || p.role === 'secretariat'))
    .map((p) => p.aadObjectId as string);
}

/** What every card about one action starts with: which action, at which version, and its words. */
function heading(
  a: Action,
  ctx: ViewContext,
): { actionId: string; board: string; version: number; ref: string; text: string } {
  return { actionId: a.id, board: ctx.board, version: a.version, ref: formatRef(a.ref), text: a.text };
}

export function actionModel(
  raw: Action,
  ctx: ViewContext,
  extra: { notice?: Notice; draft?: { status?: string; note?: string } } = {},
): ActionCardModel {
  // Every action card (sent, returned, refreshed) is drawn from what this viewer may see.
  const a = redactAction(raw, ctx.viewer);
  const { overdue } = assess(a, ctx.meetings, ctx.today);
  return {
    ...heading(a, ctx),
    owners: ownerNames(a, ctx.people),
    meetingDate: formatUkDate(a.meeting),
    ...(a.due ? { due: formatUkDate(a.due) } : {}),
    status: a.status,
    statusLabel: STATUS_LABEL[a.status],
    overdue,
    ...(a.questionId ? { fromQuestion: describeQuestionId(a.questionId) } : {}),
    ...delegation(a, ctx),
    ...(a.latestNote || a.latestNoteAt
      ? {
          latest: {
            ...(a.latestNote ? { note: a.latestNote } : {}),
            by: a.latestNoteBy ?? 'someone',
            at: formatLondon(a.latestNoteAt ?? a.updatedAt),
          },
        }
      : {}),
    canReply: a.status !== 'discharged' && mayAddNote(ctx.viewer, a).ok,
    ...(extra.notice ? { notice: extra.notice } : {}),
    // A forged over-long note comes back cut to the limit: the card must stay a card.
    ...(extra.draft
      ? { draft: { ...extra.draft, ...(extra.draft.note ? { note: extra.draft.note.slice(0, MAX_NOTE) } : {}) } }
      : {}),
    refreshUserIds: refreshUsers(a, ctx.people),
  };
}

/** Who it is delegated to, and what this viewer may do about it: hand it on (an owner), take it back. */
function delegation(
  a: Action,
  ctx: ViewContext,
): Pick<ActionCardModel, 'delegatedTo' | 'delegateChoices' | 'canTakeBack'> {
  const ownerIds = a.owners.flatMap((o) => (o.personId ? [o.personId] : []));
  const delegate = a.delegate ? ctx.people.get(a.delegate.personId) : undefined;
  const open = a.status !== 'discharged';
  const canGive = open && mayDelegate(ctx.viewer, ownerIds, 'give').ok;
  const choices = canGive
    ? [...ctx.people.values()]
        .filter((p) => !ownerIds.includes(p.id) && p.id !== a.delegate?.personId)
        .map((p) => ({ title: `${p.name} (${p.initials})`, value: p.id }))
    : [];
  return {
    ...(a.delegate ? { delegatedTo: delegate ? `${delegate.name} (${delegate.initials})` : a.delegate.label } : {}),
    ...(choices.length ? { delegateChoices: choices } : {}),
    ...(a.delegate && open && mayDelegate(ctx.viewer, ownerIds, 'takeBack').ok ? { canTakeBack: true } : {}),
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

export function historyModel(raw: Action, all: readonly HistoryEntry[], ctx: ViewContext): HistoryCardModel {
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
  notice?: Notice,
  chased?: ChasedView,
): OutstandingCardModel {
  return {
    board: ctx.board,
    asAt: formatLondon(ctx.now),
    counts: view.counts,
    groups: view.groups.map((g) => ({
      owner: g.owner,
      items: g.items.map(({ action: raw, overdue, noReply, readyToDischarge }) => {
        const a = redactAction(raw, ctx.viewer);
        const reviewed = { reviewedAtMeeting: reviewedAtMeeting(ctx.meetings, a.meeting, ctx.today) };
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
          canCarryForward:
            a.status !== 'carried_forward' && maySetStatus(ctx.viewer, a, 'carried_forward', reviewed).ok,
          ...(chased?.actionIds.has(a.id)
            ? {
                chased: `Chased ${formatLondonDate(chased.at)}, ${a.repliedAt && a.repliedAt > chased.at ? 'replied since' : 'no reply yet'}`,
              }
            : {}),
        };
      }),
    })),
    ...(notice ? { notice } : {}),
    refreshUserIds: refreshUsers(undefined, ctx.people),
  };
}

export function summaryModel(meeting: IsoDate, actions: readonly Action[], ctx: ViewContext): SummaryCardModel {
  return {
    board: ctx.board,
    meeting,
    meetingDate: formatUkDate(meeting),
    // The channel's summary is for everyone in the team: drawn as nobody in particular sees it.
    rows: actions
      .map((raw) => redactAction(raw, null))
      .map((a) => ({
        ref: formatRef(a.ref),
        owners: ownerNames(a, ctx.people),
        statusLabel: STATUS_LABEL[a.status],
        ...(a.repliedAt ? { lastUpdate: formatLondonDate(a.repliedAt) } : {}),
        overdue: assess(a, ctx.meetings, ctx.today).overdue,
      })),
  };
}
