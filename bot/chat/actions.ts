// What owners, the chair and the secretariat do with actions: `mine`, `outstanding`, `raise`,
// `import`, `show`, `history`, `reopen`, and the action card's buttons (view, history, reply,
// delegate, take back, discharge, carry forward, reopen), the outstanding card's and the channel
// summary's.
import {
  actionCard,
  historyCard,
  messageCard,
  summaryCard,
  type AdaptiveCard,
  type Notice,
} from '../../cards/index.ts';
import { VERB, type CardVerb } from '../../cards/verbs.ts';
import { listActions, showAction } from '../services/actions.ts';
import type { BoardContext } from '../services/board-context.ts';
import { decide, reopen } from '../services/decide.ts';
import { delegateAction } from '../services/delegate.ts';
import { describeImport, importAndNotify, nothingImported } from '../services/import-actions.ts';
import { queueActionCards, type NotifyReport } from '../outbox/queue.ts';
import { handedOver, notifyLines } from '../outbox/words.ts';
import { raiseAction } from '../services/raise.ts';
import { reply, type ReplyResult } from '../services/reply.ts';
import { isLead, mayEditRecord, roleOf } from '../rules/permissions.ts';
import { formatRef, formatUkDate, minutesOrder, parseIsoDate } from '../rules/refs.ts';
import { RefusedError } from '../rules/refused.ts';
import { STATUS_LABEL } from '../rules/statuses.ts';
import type { Actor } from '../rules/types.ts';
import { actionModel, historyModel, outstandingCardFor, summaryModel } from '../present/actions.ts';
import { chaseCardFor } from '../present/chase.ts';
import { viewContext } from '../present/context.ts';
import { questionsListCard } from '../present/questions.ts';
import { actionIdOf, chaseDrafts, replyInputs, slotOf, textOf } from './card-inputs.ts';
import { onCommandKind, only, type CardHandler, type CommandHandler } from './handler.ts';
import { helpFor } from './help.ts';
import { answered, cardNotice, cardReply, messageReply, type CardAction, type CardOutcome } from './replies.ts';

/** The most cards one `mine` answers with; the rest are counted. */
const MINE_CARDS = 10;

export function reportUnreachable(report: NotifyReport): string {
  return notifyLines(report, 'owners', 'chat').join('\n');
}

const mine = onCommandKind('mine', {
  async run(t, actor) {
    if (!actor.personId) return answered(helpFor(actor));
    const open = (await t.stores.actions.listOpenFor(t.scope, actor.personId)).sort(minutesOrder);
    if (open.length === 0) return answered(messageReply('Your actions', 'You have no open actions.', 'good'));
    const ctx = await viewContext(t, actor);
    const replies = open.slice(0, MINE_CARDS).map((a) => cardReply(actionCard(actionModel(a, ctx))));
    if (open.length > MINE_CARDS)
      replies.push(
        messageReply(
          'Your actions',
          `And ${open.length - MINE_CARDS} more: reply to these first, or open the tracker tab.`,
        ),
      );
    return answered(...replies);
  },
});

const outstandingCommand = onCommandKind('outstanding', {
  who: only(
    isLead,
    'the outstanding view is for the chair, the secretariat and the scrutiny lead; type mine for your own actions',
  ),
  async run(t, actor) {
    // The scrutiny questions still open, each with its state, come with it.
    const questions = (await t.stores.questions.listOpen(t.scope)).sort(
      (a, b) => a.meeting.localeCompare(b.meeting) || a.number.localeCompare(b.number, 'en', { numeric: true }),
    );
    const withQuestions = questions.length
      ? [cardReply(questionsListCard(questions, await viewContext(t, actor), 'Scrutiny questions outstanding'))]
      : [];
    return answered(cardReply(await outstandingCardFor(t, actor)), ...withQuestions);
  },
});

const importCommand = onCommandKind('import', {
  who: only(mayEditRecord, 'actions are imported by the secretariat'),
  async run(t, actor, command) {
    const { report, notified } = await importAndNotify(t, command.table, {
      actor: { ...actor, channel: 'import' },
      ...(command.meeting ? { meeting: command.meeting } : {}),
    });
    const tone = report.counts.error || nothingImported(report) ? 'warning' : 'good';
    return {
      replies: [messageReply('Import', `${describeImport(report).join('\n')}\n\n${reportUnreachable(notified)}`, tone)],
      queued: notified.queued > 0,
    };
  },
});

const raise = onCommandKind('raise', {
  who: mayEditRecord,
  async run(t, actor, command) {
    const { action, warnings } = await raiseAction(t, actor, command.line);
    const notified = await queueActionCards(t, [action]);
    const ctx = await viewContext(t, actor);
    const notice: Notice = {
      tone: warnings.length ? 'warning' : 'good',
      text: [`Raised ${formatRef(action.ref)}.`, ...warnings, reportUnreachable(notified)].join(' '),
    };
    return { replies: [cardReply(actionCard(actionModel(action, ctx, { notice })))], queued: notified.queued > 0 };
  },
});

/** Who is in the directory: anyone else is offered help only. */
const known = only((a) => a.personId !== undefined, 'you are not in the directory yet: ask the secretariat to add you');

/** Reopening a discharged action is the chair's alone (permissions.ts says the same of the status). */
const mayReopen = only((a) => roleOf(a) === 'chair', 'only the chair reopens a discharged action');

/** `show REF`: the action's card, as this person may see it (exempt text redacted, their buttons). */
const show = onCommandKind('show', {
  who: known,
  async run(t, actor, command) {
    const { action } = await showAction(t, checkedRef(command.ref));
    return answered(cardReply(actionCard(actionModel(action, await viewContext(t, actor)))));
  },
});

/** `history REF`: every change to the action, newest first. */
const historyCommand = onCommandKind('history', {
  who: known,
  async run(t, actor, command) {
    const { action, history: entries } = await showAction(t, checkedRef(command.ref));
    return answered(cardReply(historyCard(historyModel(action, entries, await viewContext(t, actor)))));
  },
});

/** `reopen REF`: the chair undoes a discharge. */
const reopenCommand = onCommandKind('reopen', {
  who: mayReopen,
  async run(t, actor, command) {
    const { action } = await showAction(t, checkedRef(command.ref));
    const result = await reopen(t, actor, { actionId: action.id });
    return {
      replies: [cardReply(await reopenedCard(t, actor, result))],
      queued: false,
      ...(result.kind === 'saved' ? { changedMeeting: result.action.meeting } : {}),
    };
  },
});

/** A reference as typed: long nonsense is refused before it reaches storage. */
function checkedRef(ref: string): string {
  if (ref.length > 60 || !/^[\w ./-]+$/.test(ref))
    throw new RefusedError(
      `"${ref.slice(0, 60)}" is not a reference: say it as the minutes write it, e.g. 03 23/02/2021.i`,
    );
  return ref;
}

export const actionCommands: CommandHandler[] = [
  mine,
  outstandingCommand,
  importCommand,
  raise,
  show,
  historyCommand,
  reopenCommand,
];

// ---------------------------------------------------------------------------------------------
// The buttons

/** A button on a card about one action: the card must name it. */
function onAction(
  verb: CardVerb,
  run: (t: BoardContext, actor: Actor, actionId: string, action: CardAction) => Promise<CardOutcome>,
): CardHandler {
  return {
    verb,
    run: async (t, actor, action) => {
      const actionId = actionIdOf(action.data);
      if (!actionId) return cardNotice('Not understood', 'This card does not name an action I know.');
      return run(t, actor, actionId, action);
    },
  };
}

const NOT_FOUND = (): CardOutcome => cardNotice('Not found', 'This action no longer exists.');

function resultNotice(result: ReplyResult): Notice {
  switch (result.kind) {
    case 'saved':
      return {
        tone: 'good',
        text: `Saved: ${STATUS_LABEL[result.action.status]}${result.action.latestNote ? ', with your note' : ''}. Thank you.`,
      };
    case 'unchanged':
      return { tone: 'warning', text: 'Nothing to save: the action already says that.' };
    case 'refused':
      return { tone: 'attention', text: `Not saved: ${result.reason}.` };
    case 'stale':
      return {
        tone: 'warning',
        text: `This action changed since this card was drawn: it is now ${STATUS_LABEL[result.action.status]}. Your update was not saved; check it below and send it again.`,
      };
  }
}

const view = onAction(VERB.actionView, async (t, actor, actionId) => {
  const stored = await t.stores.actions.get(t.scope, actionId);
  if (!stored) return NOT_FOUND();
  return { card: actionCard(actionModel(stored.action, await viewContext(t, actor))) };
});

const history = onAction(VERB.actionHistory, async (t, actor, actionId, { data }) => {
  const stored = await t.stores.actions.get(t.scope, actionId);
  if (!stored) return NOT_FOUND();
  const ctx = await viewContext(t, actor);
  // Opened from the chair's outstanding view: its Back returns there (the view is the leads' only).
  const backTo = data.from === 'outstanding' && isLead(actor) ? 'outstanding' : undefined;
  const entries = await t.stores.actions.history(t.scope, actionId);
  return { card: historyCard(historyModel(stored.action, entries, ctx, backTo)) };
});

const replyToAction = onAction(VERB.actionReply, async (t, actor, actionId, { data, requestId }) => {
  const inputs = replyInputs(data);
  if (!inputs) return cardNotice('Not understood', 'This card names inputs I do not know.');
  const cardVersion = typeof data.version === 'number' ? data.version : Number(data.version);
  const result = await reply(t, actor, {
    actionId,
    ...(inputs.status ? { status: inputs.status } : {}),
    ...(inputs.note ? { note: inputs.note } : {}),
    ...(Number.isInteger(cardVersion) ? { cardVersion } : {}),
    ...(requestId ? { requestId } : {}),
  });
  const current = result.action;
  if (!current)
    return cardNotice('Not saved', result.kind === 'refused' ? `Not saved: ${result.reason}.` : 'Not saved.');
  const changed = result.kind === 'saved' ? { changedMeeting: current.meeting } : {};
  const keepDraft = result.kind === 'stale' || result.kind === 'refused';
  const draft = {
    ...(inputs.status ? { status: inputs.status } : {}),
    ...(inputs.note ? { note: inputs.note } : {}),
  };
  // From a chaser (one card, several actions): redraw the chaser, keeping what was typed elsewhere on it.
  const chase = textOf(data.chase);
  if (chase && /^\d{4}-\d{2}-\d{2}$/.test(chase)) {
    const drafts = chaseDrafts(data);
    if (!keepDraft) drafts.delete(slotOf(textOf(data.statusInput) ?? textOf(data.noteInput)) ?? 0);
    const notice = resultNotice(result);
    const redrawn = await chaseCardFor(t, actor, chase, {
      notice: { ...notice, text: `${formatRef(current.ref)}: ${notice.text}` },
      drafts,
    });
    if (redrawn) return { card: redrawn, ...changed };
  }
  const ctx = await viewContext(t, actor);
  return {
    card: actionCard(actionModel(current, ctx, { notice: resultNotice(result), ...(keepDraft ? { draft } : {}) })),
    ...changed,
  };
});

/** Delegate (to the colleague picked on the card) and take back. */
function onDelegation(verb: typeof VERB.actionDelegate | typeof VERB.actionTakeBack): CardHandler {
  return onAction(verb, async (t, actor, actionId, { data, requestId }) => {
    const to = textOf(data.delegateTo);
    if (verb === VERB.actionDelegate && !to) {
      const stored = await t.stores.actions.get(t.scope, actionId);
      if (!stored) return NOT_FOUND();
      return {
        card: actionCard(
          actionModel(stored.action, await viewContext(t, actor), {
            notice: { tone: 'warning', text: 'Choose the colleague to hand it to.' },
          }),
        ),
      };
    }
    const result = await delegateAction(t, actor, {
      id: actionId,
      ...(verb === VERB.actionDelegate && to ? { toPersonId: to } : {}),
      ...(requestId ? { requestId } : {}),
    });
    const current = result.action;
    if (!current)
      return cardNotice('Not done', result.kind === 'refused' ? `Not done: ${result.reason}.` : 'Not done.');
    const notice: Notice =
      result.kind === 'refused'
        ? { tone: 'attention', text: `Not done: ${result.reason}.` }
        : {
            tone: 'good',
            text: current.delegate
              ? handedOver(current.delegate.label, Boolean(result.delegateWaits), 'reply')
              : 'Taken back: it is yours to reply to again.',
          };
    return {
      card: actionCard(actionModel(current, await viewContext(t, actor), { notice })),
      ...(result.kind === 'saved' ? { changedMeeting: current.meeting } : {}),
    };
  });
}

/** The date a Carry forward button's input holds (it names the input): undefined when none was chosen. */
function carryDate(data: Record<string, unknown>): string | undefined {
  const input = textOf(data.dueInput);
  if (input === undefined || !/^carryTo_\d{1,4}$/.test(input)) return undefined;
  const value = textOf(data[input])?.trim();
  if (!value) return undefined;
  const date = parseIsoDate(value);
  if (!date) throw new RefusedError(`"${value.slice(0, 40)}" is not a date`);
  return date;
}

/** What the person is told after a decision: what it did, and for a discharge how to undo it. */
function decisionNotice(result: Awaited<ReturnType<typeof decide>>): Notice {
  const ref = result.action ? formatRef(result.action.ref) : 'the action';
  if (result.kind === 'refused') return { tone: 'attention', text: `${ref} not changed: ${result.reason}.` };
  const a = result.action;
  const due = a.status === 'carried_forward' && a.due ? `, due ${formatUkDate(a.due)}` : '';
  const undo = a.status === 'discharged' ? ` To undo it, type reopen ${ref}.` : '';
  return { tone: 'good', text: `${ref}: ${STATUS_LABEL[a.status]}${due}.${undo}` };
}

/** The chair's decisions on the outstanding card: discharge (once confirmed on the card), carry forward. */
function onDecision(verb: typeof VERB.actionDischarge | typeof VERB.actionCarryForward): CardHandler {
  return onAction(verb, async (t, actor, actionId, { data, requestId }) => {
    let due: string | undefined;
    try {
      due = verb === VERB.actionCarryForward ? carryDate(data) : undefined;
    } catch (err) {
      if (!(err instanceof RefusedError)) throw err;
      return cardNotice('Not changed', `Not changed: ${err.message}.`);
    }
    const result = await decide(t, actor, {
      actionId,
      to: verb === VERB.actionDischarge ? 'discharged' : 'carried_forward',
      ...(due ? { due } : {}),
      ...(requestId ? { requestId } : {}),
    });
    const notice = decisionNotice(result);
    const changed = result.kind === 'saved' ? { changedMeeting: result.action.meeting } : {};
    // The answer is the chair's outstanding view, which is not for everyone: others are only told.
    if (!isLead(actor))
      return {
        card: messageCard({
          title: result.kind === 'refused' ? 'Not done' : 'Done',
          text: notice.text,
          tone: notice.tone,
        }),
        ...changed,
      };
    return { card: await outstandingCardFor(t, actor, notice), ...changed };
  });
}

/** The card a reopen answers with: the action as it now is, and what happened. */
async function reopenedCard(
  t: BoardContext,
  actor: Actor,
  result: Awaited<ReturnType<typeof reopen>>,
): Promise<AdaptiveCard> {
  if (!result.action)
    return messageCard({
      title: 'Not reopened',
      text: result.kind === 'refused' ? `Not reopened: ${result.reason}.` : 'Not reopened.',
      tone: 'attention',
    });
  const ref = formatRef(result.action.ref);
  const notice: Notice =
    result.kind === 'refused'
      ? { tone: 'attention', text: `${ref} not reopened: ${result.reason}.` }
      : { tone: 'good', text: `${ref} reopened: it is ${STATUS_LABEL[result.action.status]} again.` };
  return actionCard(actionModel(result.action, await viewContext(t, actor), { notice }));
}

const reopenButton = onAction(VERB.actionReopen, async (t, actor, actionId, { requestId }) => {
  const result = await reopen(t, actor, { actionId, ...(requestId ? { requestId } : {}) });
  return {
    card: await reopenedCard(t, actor, result),
    ...(result.kind === 'saved' ? { changedMeeting: result.action.meeting } : {}),
  };
});

const outstandingView: CardHandler = {
  verb: VERB.outstandingView,
  who: only(isLead, 'The outstanding view is for the chair, the secretariat and the scrutiny lead.'),
  run: async (t, actor) => ({ card: await outstandingCardFor(t, actor) }),
};

const summaryView: CardHandler = {
  verb: VERB.summaryView,
  async run(t, actor, { data }) {
    const meeting = parseIsoDate(textOf(data.meeting) ?? '');
    if (!meeting) return cardNotice('Not understood', 'This card does not say which meeting it is for.');
    const actions = await listActions(t, { meeting });
    return { card: summaryCard(summaryModel(meeting, actions, await viewContext(t, actor))) };
  },
};

export const actionButtons: CardHandler[] = [
  view,
  history,
  replyToAction,
  onDelegation(VERB.actionDelegate),
  onDelegation(VERB.actionTakeBack),
  onDecision(VERB.actionDischarge),
  onDecision(VERB.actionCarryForward),
  reopenButton,
  outstandingView,
  summaryView,
];
