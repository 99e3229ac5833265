// The bot's conversation, free of any Teams SDK: a command or a card action from a known actor
// comes in, the services do the work, and cards go back. bot/teams/ only translates activities.
import {
  actionCard,
  historyCard,
  listCard,
  messageCard,
  summaryCard,
  type AdaptiveCard,
  type Notice,
} from '../../cards/index.ts';
import { listActions } from '../services/actions.ts';
import { decide } from '../services/decide.ts';
import { delegateAction } from '../services/delegate.ts';
import { describeImport, importActions } from '../services/import-actions.ts';
import { queueActionCards, type NotifyReport } from '../services/notify.ts';
import { raiseAction } from '../services/raise.ts';
import { reply, type ReplyResult } from '../services/reply.ts';
import type { BoardContext } from '../services/board-context.ts';
import { answeredInShared, COMMANDS, MORE_COMMANDS, type Command } from '../rules/commands.ts';
import { bindBoardChannel, type SharedConversation } from '../services/board-channel.ts';
import { plain } from '../../cards/text.ts';
import { formatLondon } from '../rules/dates.ts';
import { isLead, mayEditRecord } from '../rules/permissions.ts';
import { formatRef, minutesOrder, parseIsoDate } from '../rules/refs.ts';
import { RefusedError } from '../rules/refused.ts';
import { STATUS_LABEL } from '../rules/statuses.ts';
import type { Action, Actor, IsoDate } from '../rules/types.ts';
import { onCalendarCommand } from './calendar.ts';
import { byNumber, onQuestionCard, onQuestionCommand } from './questions.ts';
import { markActionExempt, markQuestionExempt } from '../services/exempt.ts';
import { describeUnlink, refusedLinkLines, unlinkPerson } from '../services/identity.ts';
import { mayMarkExempt } from '../rules/exempt.ts';
import { applyReviewCard, digestPreview, reviewCardFor, type PapersEnv } from './papers.ts';
import { actionModel, historyModel, outstandingCardFor, summaryModel } from '../present/actions.ts';
import { chaseCardFor } from '../present/chase.ts';
import { viewContext } from '../present/context.ts';
import { questionsListCard } from '../present/questions.ts';

export type Reply = { card: AdaptiveCard } | { text: string };

/**
 * Where a command was typed: the sender's 1:1 chat, or a channel or group chat, where everyone in
 * it reads the answer, so it gets only what the channel may see.
 */
export type Where = { kind: 'personal' } | { kind: 'shared'; conversation: SharedConversation };

const PERSONAL: Where = { kind: 'personal' };

export interface CommandOutcome {
  /** Posted where the command was typed. */
  replies: Reply[];
  /** For the sender's 1:1 chat only: the answer to a command typed in a channel or group chat. */
  privately?: Reply[];
  /** Cards were queued for owners: the sender should run now. */
  queued: boolean;
}

export interface CardOutcome {
  card: AdaptiveCard;
  /** A meeting whose channel summary should be redrawn, because one of its actions changed. */
  changedMeeting?: IsoDate;
}

/** The most cards one `mine` answers with; the rest are counted. */
const MINE_CARDS = 10;

const card = (c: AdaptiveCard): Reply => ({ card: c });
const say = (title: string, text: string, tone: Notice['tone'] | 'default' = 'default'): Reply =>
  card(messageCard({ title, text, tone }));

const mayUse = (actor: Actor, c: { who: string }): boolean =>
  c.who === 'everyone' || Boolean(actor.role && c.who.includes(actor.role));

function helpFor(actor: Actor, where: Where = PERSONAL): Reply {
  // The name is the caller's own words: shown as typed, never as markdown.
  const hello = `Hello ${plain(actor.name)}.`;
  const shared = where.kind === 'shared';
  const allowed = [...COMMANDS, ...MORE_COMMANDS].filter((c) => mayUse(actor, c) && (!shared || 'inShared' in c));
  const intro = shared
    ? `${hello} Here I answer only what everyone in this conversation may read. Anything else you ask me here (your actions, outstanding, the digest...) I answer in your 1:1 chat with me.`
    : actor.personId
      ? `${hello} I keep the actions of the Performance Accountability Meeting: each owner gets a card to reply on, and the chair sees what is outstanding.`
      : `${hello} I keep the actions of the Performance Accountability Meeting. You are not in the directory yet: ask the secretariat to add you (by your work email).`;
  return card(
    messageCard({
      title: 'PAM action tracker',
      text: `${intro}\n\n${allowed.map((c) => `- **${c.usage}**: ${c.does}`).join('\n')}`,
      markdown: true,
    }),
  );
}

/** Said where a command was typed when its answer went to the sender's 1:1 chat (or could not). */
export function answeredPrivately(actor: Actor, delivered: boolean): Reply {
  return delivered
    ? say(
        'Answered in your chat',
        `${actor.name}: I have sent my answer to you in our 1:1 chat, so that only you see it.`,
      )
    : say(
        'Not answered here',
        `${actor.name}: my answer is for you alone, and I could not open a 1:1 chat with you. Open a chat with me (the PAM tracker app) and ask me there.`,
        'warning',
      );
}

/** Posted when the app is added to a team or group chat while the board has no channel yet. */
export function welcomeToShared(): Reply {
  return say(
    'PAM action tracker',
    'Hello. I keep the actions and scrutiny questions of the Performance Accountability Meeting. If this is to be the board\'s channel, where the meetings\' summaries and the pre-meeting digest are posted, the chair or the secretariat mentions me here with "use this channel for PAM". Anyone can mention me with "help".',
  );
}

/** Someone whose words nobody in the channel may read: a channel or group chat reads as a member would. */
const channelReader = (conversation: SharedConversation): Actor => ({
  id: `conversation:${conversation.id}`,
  name: 'this conversation',
  channel: 'teams',
});

/**
 * A command typed in a channel or group chat: the few commands with nothing personal in them are
 * answered there, drawn as the channel may read them; every other answer goes to the sender alone.
 */
async function onSharedCommand(
  t: BoardContext,
  actor: Actor,
  command: Command,
  env: PapersEnv,
  conversation: SharedConversation,
): Promise<CommandOutcome> {
  if (!answeredInShared(command)) {
    const answer = await onCommand(t, actor, command, env, PERSONAL);
    return { replies: [], privately: answer.replies, queued: answer.queued };
  }
  switch (command.kind) {
    case 'help':
      return { replies: [helpFor(actor, { kind: 'shared', conversation })], queued: false };
    case 'useChannel':
      try {
        const { binding, previous } = await bindBoardChannel(t, actor, conversation);
        const moved = previous
          ? ` It takes over from the conversation chosen by ${previous.boundBy.name} on ${formatLondon(previous.boundAt)}.`
          : '';
        return {
          replies: [
            say(
              "The board's channel",
              `This is now the ${t.scope.board} board's channel, chosen by ${binding.boundBy.name} on ${formatLondon(binding.boundAt)}: the meetings' summaries and the pre-meeting digest (its open form, exempt items withheld) are posted here.${moved}`,
              'good',
            ),
          ],
          queued: false,
        };
      } catch (err) {
        if (err instanceof RefusedError) return { replies: [say('Not done', err.message, 'attention')], queued: false };
        throw err;
      }
    default:
      return onCommand(t, channelReader(conversation), command, env, PERSONAL);
  }
}

function reportUnreachable(report: NotifyReport): string {
  const lines = report.unreachable.map((u) => `${u.owner}: ${u.reason}`);
  return [
    `${report.toOwners} card${report.toOwners === 1 ? '' : 's'} on the way to owners.`,
    ...[...new Set(lines)].map((l) => `Not sent to ${l}`),
  ].join('\n');
}

export async function onCommand(
  t: BoardContext,
  actor: Actor,
  command: Command,
  env: PapersEnv = {},
  where: Where = PERSONAL,
): Promise<CommandOutcome> {
  if (where.kind === 'shared') return onSharedCommand(t, actor, command, env, where.conversation);
  const done = (...replies: Reply[]): CommandOutcome => ({ replies, queued: false });
  try {
    switch (command.kind) {
      case 'useChannel':
        return done(
          say(
            "The board's channel",
            'Type "use this channel for PAM" in the channel the board should use: I post its summaries and digest there.',
          ),
        );
      case 'help':
        return done(helpFor(actor));
      case 'unknown':
        return done(
          say('Not understood', `I don't know "${command.word}". Type help to see what I can do.`, 'warning'),
        );
      case 'invalid':
        return done(say('Not understood', command.message, 'warning'));
      case 'meetings':
      case 'nextMeeting':
      case 'deepDive':
      case 'deepDives':
        return done(card(await onCalendarCommand(t, actor, command)));
      case 'digest':
        return done(card(await digestPreview(t, actor, command.meeting, env)));
      case 'review':
        return done(card(await reviewCardFor(t, actor, command.meeting)));
      case 'scrutiny':
      case 'ask':
      case 'questions':
      case 'question':
      case 'raiseFromQuestion': {
        const { cards, queued } = await onQuestionCommand(t, actor, command);
        return { replies: cards.map(card), queued };
      }
      case 'exempt': {
        const ok = mayMarkExempt(actor);
        if (!ok.ok) throw new RefusedError(ok.reason);
        if (/^Q\d/i.test(command.target)) {
          const q = await markQuestionExempt(t, actor, (await byNumber(t, command.target)).id, command.exemption);
          return done(
            say(
              'Exempt',
              `${q.number} is exempt under ${q.exempt?.exemption ?? command.exemption}: only its respondent, delegate, the chair, the secretariat and the scrutiny lead see its text.`,
              'good',
            ),
          );
        }
        const a = await markActionExempt(t, actor, command.target, command.exemption);
        return done(
          say(
            'Exempt',
            `${formatRef(a.ref)} is exempt under ${a.exempt?.exemption ?? command.exemption}: only its owners, delegate, the chair, the secretariat and the scrutiny lead see its text.`,
            'good',
          ),
        );
      }
      case 'mine': {
        if (!actor.personId) return done(helpFor(actor));
        const mine = (await t.stores.actions.listOpenFor(t.scope, actor.personId)).sort(minutesOrder);
        if (mine.length === 0) return done(say('Your actions', 'You have no open actions.', 'good'));
        const ctx = await viewContext(t, actor);
        const replies = mine.slice(0, MINE_CARDS).map((a) => card(actionCard(actionModel(a, ctx))));
        if (mine.length > MINE_CARDS)
          replies.push(
            say('Your actions', `And ${mine.length - MINE_CARDS} more: reply to these first, or open the tracker tab.`),
          );
        return done(...replies);
      }
      case 'outstanding': {
        if (!isLead(actor))
          throw new RefusedError(
            'the outstanding view is for the chair, the secretariat and the scrutiny lead; type mine for your own actions',
          );
        // The scrutiny questions still open, each with its state, come with it.
        const questions = (await t.stores.questions.listOpen(t.scope)).sort(
          (a, b) => a.meeting.localeCompare(b.meeting) || a.number.localeCompare(b.number, 'en', { numeric: true }),
        );
        const withQuestions = questions.length
          ? [card(questionsListCard(questions, await viewContext(t, actor), 'Scrutiny questions outstanding'))]
          : [];
        return done(card(await outstandingCardFor(t, actor)), ...withQuestions);
      }
      case 'people': {
        const ok = mayEditRecord(actor);
        if (!ok.ok) throw new RefusedError('the directory is kept by the secretariat');
        const people = (await t.stores.people.list(t.scope)).map((p) => p.person);
        const unreachable = people.filter((p) => !p.aadObjectId).length;
        const refused = refusedLinkLines(people);
        return done(
          card(
            listCard({
              title: `Directory: ${people.length} people`,
              intro: [
                unreachable
                  ? `${unreachable} not yet reachable in Teams: add them to the board's team, or ask them to install the app.`
                  : 'Everyone is reachable in Teams.',
                ...refused,
                ...(refused.length
                  ? [
                      'If that account is really theirs, the secretariat types unlink and their initials: the next account that comes with their email is linked.',
                    ]
                  : []),
              ].join('\n\n'),
              rows: people.map((p) => ({
                title: `${p.name} (${p.initials})`,
                subtitle: [p.role, p.capacity, p.aliases.length ? `also ${p.aliases.join(', ')}` : '']
                  .filter(Boolean)
                  .join(' · '),
                ...(p.aadObjectId ? {} : { flag: 'Not reachable yet', flagTone: 'warning' as const }),
              })),
            }),
          ),
        );
      }
      case 'unlink':
        return done(say('Unlinked', describeUnlink(await unlinkPerson(t, actor, command.who)), 'good'));
      case 'import': {
        const ok = mayEditRecord(actor);
        if (!ok.ok) throw new RefusedError('actions are imported by the secretariat');
        const report = await importActions(t, command.table, {
          actor: { ...actor, channel: 'import' },
          ...(command.meeting ? { meeting: command.meeting } : {}),
        });
        const touched = await actionsById(
          t,
          report.lines.flatMap((l) =>
            l.actionId && (l.result === 'imported' || l.result === 'updated') ? [l.actionId] : [],
          ),
        );
        const notified = await queueActionCards(t, touched);
        const tone = report.counts.error ? 'warning' : 'good';
        return {
          replies: [say('Import', `${describeImport(report).join('\n')}\n\n${reportUnreachable(notified)}`, tone)],
          queued: notified.queued > 0,
        };
      }
      case 'raise': {
        const { action, warnings } = await raiseAction(t, actor, command.line);
        const notified = await queueActionCards(t, [action]);
        const ctx = await viewContext(t, actor);
        const notice: Notice = {
          tone: warnings.length ? 'warning' : 'good',
          text: [`Raised ${formatRef(action.ref)}.`, ...warnings, reportUnreachable(notified)].join(' '),
        };
        return { replies: [card(actionCard(actionModel(action, ctx, { notice })))], queued: notified.queued > 0 };
      }
    }
  } catch (err) {
    if (err instanceof RefusedError) return done(say('Not done', err.message, 'attention'));
    throw err;
  }
}

async function actionsById(t: BoardContext, ids: string[]): Promise<Action[]> {
  const found = await Promise.all(ids.map((id) => t.stores.actions.get(t.scope, id)));
  return found.flatMap((s) => (s ? [s.action] : []));
}

/** What a card's button sent: the verb, and the data the card carried plus the inputs. */
export interface CardAction {
  verb: string;
  data: Record<string, unknown>;
  /** The request's own id (Teams activity id): a retried request is applied once. */
  requestId?: string;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The name of a card input, as a button's data may give it (`statusInput: 'status_1'`). */
const INPUT_NAME = /^[a-z_0-9]{1,20}$/;

/**
 * The status and note of a reply: from the inputs the button names (`statusInput`, `noteInput`:
 * a card with several reply forms, the chaser), else from the inputs `status` and `note`.
 * Null when the button names an input that cannot be one.
 */
function replyInputs(data: Record<string, unknown>): { status?: string; note?: string } | null {
  const named = (k: 'statusInput' | 'noteInput', fallback: string): string | null => {
    const v = data[k];
    if (v === undefined) return fallback;
    return typeof v === 'string' && INPUT_NAME.test(v) ? v : null;
  };
  const statusInput = named('statusInput', 'status');
  const noteInput = named('noteInput', 'note');
  if (statusInput === null || noteInput === null) return null;
  const status = text(data[statusInput]);
  const note = text(data[noteInput]);
  return { ...(status ? { status } : {}), ...(note ? { note } : {}) };
}

/** The slot of a chaser input ('status_3' -> 3). */
function slotOf(input: string | undefined): number | undefined {
  const m = input ? /^(?:status|note)_(\d{1,4})$/.exec(input) : null;
  return m ? Number(m[1]) : undefined;
}

/** What was typed into each item of a chaser (every input comes back with any of its buttons). */
function chaseDrafts(data: Record<string, unknown>): Map<number, { status?: string; note?: string }> {
  const drafts = new Map<number, { status?: string; note?: string }>();
  for (const [k, v] of Object.entries(data)) {
    const slot = slotOf(k);
    if (slot === undefined || typeof v !== 'string' || v.trim() === '') continue;
    const draft = drafts.get(slot) ?? {};
    if (k.startsWith('status_')) draft.status = v;
    else draft.note = v;
    drafts.set(slot, draft);
  }
  return drafts;
}

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

/** How a card action failed on our side: whether anything was written, and whether storage was out of reach. */
export interface Failure {
  wroteNothing: boolean;
  lostTouch: boolean;
}

const FAILED_TEXT = {
  notSaved: {
    lostTouch: 'Nothing was saved: the tracker could not reach its storage just now.',
    ours: 'Nothing was saved: something went wrong on our side (it has been logged).',
  },
  unconfirmed: {
    lostTouch: 'I could not confirm this was saved: the tracker lost touch with its storage.',
    ours: 'Something went wrong on our side (it has been logged), and I cannot tell whether this was saved.',
  },
};

/**
 * The answer when a card action failed on our side (storage unreachable, say): the person is told
 * plainly whether it was saved, and what they typed comes back so nothing is lost.
 */
export function failedCard(data: Record<string, unknown>, failure: Failure): AdaptiveCard {
  const inputs = replyInputs(data);
  const typed = [
    ...(inputs?.status
      ? [
          {
            title: 'Status you chose',
            value: STATUS_LABEL[inputs.status as keyof typeof STATUS_LABEL] ?? inputs.status,
          },
        ]
      : []),
    ...(inputs?.note ? [{ title: 'What you wrote', value: inputs.note }] : []),
  ];
  const why = failure.lostTouch ? 'lostTouch' : 'ours';
  return messageCard({
    title: failure.wroteNothing ? 'Not saved' : 'Not confirmed',
    text: failure.wroteNothing
      ? `${FAILED_TEXT.notSaved[why]} In a minute, say "mine" for your cards and send it again.`
      : `${FAILED_TEXT.unconfirmed[why]} In a minute, say "mine" to see whether it was before sending it again.`,
    tone: 'attention',
    ...(typed.length ? { facts: typed } : {}),
  });
}

export async function onCardAction(t: BoardContext, actor: Actor, action: CardAction): Promise<CardOutcome> {
  const actionId = text(action.data.actionId);
  const cardVersion = typeof action.data.version === 'number' ? action.data.version : Number(action.data.version);
  const requestId = action.requestId;
  const ctx = async () => viewContext(t, actor);

  const questionReply = await onQuestionCard(t, actor, action.verb, action.data, requestId);
  if (questionReply) return { card: questionReply };
  if (action.verb === 'review.apply') return { card: await applyReviewCard(t, actor, action.data, requestId) };
  if (action.verb === 'outstanding.view') {
    if (!isLead(actor))
      return {
        card: messageCard({
          title: 'Not available',
          text: 'The outstanding view is for the chair, the secretariat and the scrutiny lead.',
          tone: 'attention',
        }),
      };
    return { card: await outstandingCardFor(t, actor) };
  }
  if (action.verb === 'summary.view') {
    const meeting = parseIsoDate(text(action.data.meeting) ?? '');
    if (!meeting)
      return {
        card: messageCard({
          title: 'Not understood',
          text: 'This card does not say which meeting it is for.',
          tone: 'attention',
        }),
      };
    const actions = await listActions(t, { meeting });
    return { card: summaryCard(summaryModel(meeting, actions, await ctx())) };
  }
  if (!actionId || actionId.length > 200)
    return {
      card: messageCard({
        title: 'Not understood',
        text: 'This card does not name an action I know.',
        tone: 'attention',
      }),
    };

  switch (action.verb) {
    case 'action.view':
    case 'action.history': {
      const stored = await t.stores.actions.get(t.scope, actionId);
      if (!stored)
        return { card: messageCard({ title: 'Not found', text: 'This action no longer exists.', tone: 'attention' }) };
      const view = await ctx();
      if (action.verb === 'action.view') return { card: actionCard(actionModel(stored.action, view)) };
      return {
        card: historyCard(historyModel(stored.action, await t.stores.actions.history(t.scope, actionId), view)),
      };
    }
    case 'action.reply': {
      const inputs = replyInputs(action.data);
      if (!inputs)
        return {
          card: messageCard({
            title: 'Not understood',
            text: 'This card names inputs I do not know.',
            tone: 'attention',
          }),
        };
      const result = await reply(t, actor, {
        actionId,
        ...(inputs.status ? { status: inputs.status } : {}),
        ...(inputs.note ? { note: inputs.note } : {}),
        ...(Number.isInteger(cardVersion) ? { cardVersion } : {}),
        ...(requestId ? { requestId } : {}),
      });
      const current = result.action;
      if (!current)
        return {
          card: messageCard({
            title: 'Not saved',
            text: result.kind === 'refused' ? `Not saved: ${result.reason}.` : 'Not saved.',
            tone: 'attention',
          }),
        };
      const keepDraft = result.kind === 'stale' || result.kind === 'refused';
      const draft = {
        ...(inputs.status ? { status: inputs.status } : {}),
        ...(inputs.note ? { note: inputs.note } : {}),
      };
      // From a chaser (one card, several actions): redraw the chaser, keeping what was typed elsewhere on it.
      const chase = text(action.data.chase);
      if (chase && /^\d{4}-\d{2}-\d{2}$/.test(chase)) {
        const drafts = chaseDrafts(action.data);
        if (!keepDraft) drafts.delete(slotOf(text(action.data.statusInput) ?? text(action.data.noteInput)) ?? 0);
        const notice = resultNotice(result);
        const redrawn = await chaseCardFor(t, actor, chase, {
          notice: { ...notice, text: `${formatRef(current.ref)}: ${notice.text}` },
          drafts,
        });
        if (redrawn) return { card: redrawn, ...(result.kind === 'saved' ? { changedMeeting: current.meeting } : {}) };
      }
      return {
        card: actionCard(
          actionModel(current, await ctx(), { notice: resultNotice(result), ...(keepDraft ? { draft } : {}) }),
        ),
        ...(result.kind === 'saved' ? { changedMeeting: current.meeting } : {}),
      };
    }
    case 'action.delegate':
    case 'action.takeBack': {
      const to = text(action.data.delegateTo);
      if (action.verb === 'action.delegate' && !to) {
        const current = await t.stores.actions.get(t.scope, actionId);
        if (!current)
          return {
            card: messageCard({ title: 'Not found', text: 'This action no longer exists.', tone: 'attention' }),
          };
        return {
          card: actionCard(
            actionModel(current.action, await ctx(), {
              notice: { tone: 'warning', text: 'Choose the colleague to hand it to.' },
            }),
          ),
        };
      }
      const result = await delegateAction(t, actor, {
        id: actionId,
        ...(action.verb === 'action.delegate' && to ? { toPersonId: to } : {}),
        ...(requestId ? { requestId } : {}),
      });
      const current = result.action;
      if (!current)
        return {
          card: messageCard({
            title: 'Not done',
            text: result.kind === 'refused' ? `Not done: ${result.reason}.` : 'Not done.',
            tone: 'attention',
          }),
        };
      const said: Notice =
        result.kind === 'refused'
          ? { tone: 'attention', text: `Not done: ${result.reason}.` }
          : {
              tone: 'good',
              text: current.delegate
                ? `Handed to ${current.delegate.label}: they can reply; you stay accountable.`
                : 'Taken back: it is yours to reply to again.',
            };
      return {
        card: actionCard(actionModel(current, await ctx(), { notice: said })),
        ...(result.kind === 'saved' ? { changedMeeting: current.meeting } : {}),
      };
    }
    case 'action.discharge':
    case 'action.carryForward': {
      const result = await decide(t, actor, {
        actionId,
        to: action.verb === 'action.discharge' ? 'discharged' : 'carried_forward',
        ...(requestId ? { requestId } : {}),
      });
      const ref = result.action ? formatRef(result.action.ref) : 'the action';
      const notice: Notice =
        result.kind === 'refused'
          ? { tone: 'attention', text: `${ref} not changed: ${result.reason}.` }
          : { tone: 'good', text: `${ref}: ${STATUS_LABEL[result.action.status]}.` };
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
    }
    default:
      return {
        card: messageCard({
          title: 'Not understood',
          text: `This card asked for "${action.verb}", which I don't know.`,
          tone: 'attention',
        }),
      };
  }
}
