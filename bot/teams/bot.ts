// The Teams activity handler: turns activities into commands and card actions for
// bot/chat/dispatch.ts, with the caller identified by their Entra object id, and remembers where
// people and channels can be reached: whoever becomes reachable (a roster read, a member added, a
// personal install, a message) gets the cards that waited for them. Everything else happens in
// bot/chat and bot/services.
import {
  CardFactory,
  TeamsActivityHandler,
  TeamsInfo,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type Attachment,
  type CloudAdapter,
  type ConversationReference,
} from 'botbuilder';
import type { AdaptiveCard } from '../../cards/index.ts';
import { MAX_MINUTES_FILE_BYTES } from '../minutes/open.ts';
import {
  answeredPrivately,
  failedCard,
  onCardAction,
  onCommand,
  onFile,
  welcomeToShared,
  type CardOutcome,
  type CommandOutcome,
  type PapersEnv,
  type Reply,
  type Where,
} from '../chat/dispatch.ts';
import { cardHandler } from '../chat/registry.ts';
import { isStorageUnreachable, wroteNothing } from '../../storage/errors.ts';
import type { Logger } from '../log.ts';
import { releaseWaiting } from '../outbox/release.ts';
import { identify } from '../services/identity.ts';
import { createRequestContext, type Stores, type BoardContext } from '../services/board-context.ts';
import { meetingWithFile, parseCommand } from '../rules/commands.ts';
import { describeRequest, inSpan } from '../telemetry/spans.ts';
import { actionIdOf } from '../chat/card-inputs.ts';
import { structuredLines } from '../rules/html-table.ts';
import type { Actor, IsoDate, Person, Scope } from '../rules/types.ts';
import { download } from './download.ts';
import { sentFiles, type SentFile } from './files.ts';
import { rememberReachable, syncRoster } from './roster.ts';
import { inTurn, reply } from './turns.ts';

export interface BotDeps {
  /** The bot's Microsoft app id ('' when unauthenticated): proactive turns are opened with it. */
  appId: string;
  stores: Stores;
  log: Logger;
  now: () => Date;
  /** The board a conversation works on when nothing says otherwise. */
  board: string;
  /** Set for local use (no app id): every tenant's activity works on this one, as the CLI does. */
  localTenant?: string;
  /** Cards were queued: send them now. */
  onQueued: () => void;
  /** An action of this meeting changed: redraw its channel summary. */
  onActionChanged: (scope: Scope, meeting: IsoDate) => void;
  /** Links to documents (the Word action log) put on cards. */
  papers?: PapersEnv;
}

const BOARD = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,62}$/;
/** A file sent to the bot is downloaded within this (Teams' links stay good for minutes). */
const DOWNLOAD_TIMEOUT_MS = 30_000;
const INVOKE_CARD = 'application/vnd.microsoft.card.adaptive';

export const cardAttachment = (card: AdaptiveCard): Attachment => CardFactory.adaptiveCard(card);

export class TrackerBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.remember(context);
      await next();
    });
    this.onTeamsMembersAddedEvent(async (_members, _team, context, next) => {
      await this.remember(context);
      await next();
    });
  }

  /** The tenant and board an activity works on. */
  scopeOf(context: TurnContext, board?: unknown): Scope {
    const a = context.activity;
    const tenant = this.deps.localTenant ?? a.channelData?.tenant?.id ?? a.conversation?.tenantId ?? 'unknown';
    return { tenant, board: typeof board === 'string' && BOARD.test(board) ? board : this.deps.board };
  }

  private trackerFor(context: TurnContext, board?: unknown): BoardContext {
    return createRequestContext(this.deps.stores, this.scopeOf(context, board), this.deps.now);
  }

  /**
   * The caller, by Entra object id; linked to the directory by email on first sight. A directory
   * person who can now be reached gets what waited for them.
   */
  private async actorOf(context: TurnContext, t: BoardContext): Promise<Actor> {
    const [{ actor, person }] = await Promise.all([this.identified(context, t), this.rememberPersonal(context, t)]);
    if (person?.aadObjectId) await this.reached(context, t, person);
    return actor;
  }

  /** The caller, by Entra object id; linked to the directory by email on first sight. */
  private async identified(context: TurnContext, t: BoardContext): Promise<{ actor: Actor; person?: Person }> {
    const from = context.activity.from;
    if (!from?.aadObjectId)
      return { actor: { id: `teams:${from?.id ?? 'unknown'}`, name: from?.name ?? 'someone', channel: 'teams' } };
    return identify(
      t,
      { aadObjectId: from.aadObjectId, name: from.name ?? 'someone', teamsUserId: from.id },
      'teams',
      async () => {
        try {
          const member = await TeamsInfo.getMember(context, from.id);
          return member.email ?? member.userPrincipalName ?? undefined;
        } catch {
          return undefined; // not resolvable here (e.g. a group chat without roster access)
        }
      },
      this.deps.log,
    );
  }

  /** A linked person wrote or installed the app: keep how to reach them, and send what waited for them. */
  private async reached(context: TurnContext, t: BoardContext, person: Person): Promise<void> {
    const { from, conversation } = context.activity;
    // In their 1:1 chat rememberPersonal kept it; from a channel or group chat, where to open one.
    if (conversation.conversationType !== 'personal') await rememberReachable(context, t, from);
    const released = await releaseWaiting(t, person);
    if (released === 0) return;
    this.deps.log.info('outbox.released', { board: t.scope.board, personId: person.id, cards: released });
    this.deps.onQueued();
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const value: unknown = activity.value;
    if (value && typeof value === 'object' && typeof (value as { verb?: unknown }).verb === 'string') {
      // An Action.Submit fallback: the same card action as an Execute, answered by redrawing the card.
      const data = value as Record<string, unknown>;
      const t = this.trackerFor(context, data.board);
      const outcome = await this.cardAction(context, t, String(data.verb), data);
      this.afterChange(t, outcome);
      const attachment = cardAttachment(outcome.card);
      const where = whereOf(context);
      if (where.kind === 'shared') {
        // Updating the card would show everyone there the answer drawn for this person: it goes to them alone.
        if (!(await this.sendPrivately(context, t, [{ card: outcome.card }])))
          await reply(context, toActivity(answeredPrivately(await this.actorOf(context, t), false)));
        return;
      }
      if (activity.replyToId) {
        try {
          await context.updateActivity({ type: 'message', id: activity.replyToId, attachments: [attachment] });
          return;
        } catch (err) {
          this.deps.log.warn('teams.update_failed', { error: err });
        }
      }
      await reply(context, { attachments: [attachment] });
      return;
    }
    const t = this.trackerFor(context);
    const actor = await this.actorOf(context, t);
    // The message's shape, never its words: minutes can hold exempt business.
    this.deps.log.debug('teams.message', {
      chars: activity.text?.length ?? 0,
      lines: activity.text?.split('\n').length ?? 0,
      attachments: activity.attachments?.map((a) => a.contentType) ?? [],
      textFormat: activity.textFormat,
    });
    const files = sentFiles(activity.attachments);
    const command = files.length ? undefined : parseCommand(messageText(context));
    describeRequest({ 'pam.command': command?.kind ?? 'file', 'pam.files': files.length });
    const outcome = command
      ? await onCommand(t, actor, command, this.deps.papers, whereOf(context))
      : await this.onFiles(context, t, actor, files);
    this.afterChange(t, outcome);
    for (const r of outcome.replies) await reply(context, toActivity(r));
    if (outcome.privately)
      await reply(
        context,
        toActivity(answeredPrivately(actor, await this.sendPrivately(context, t, outcome.privately))),
      );
  }

  /** Files sent with a message: the minutes, one file at a time, downloaded only if they are to be read. */
  private async onFiles(
    context: TurnContext,
    t: BoardContext,
    actor: Actor,
    files: readonly SentFile[],
  ): Promise<CommandOutcome> {
    const limits = { maxBytes: MAX_MINUTES_FILE_BYTES, timeoutMs: DOWNLOAD_TIMEOUT_MS, allowHttp: !this.deps.appId };
    // fetch() is not traced by the HTTP instrumentation: the download is a client span of its own (no URL: it is pre-authorised).
    const received = files.map((f) => ({
      name: f.name,
      read: () => inSpan('teams.file_download', { kind: 'client' }, () => download(f.downloadUrl, f.name, limits)),
    }));
    return onFile(t, actor, received, whereOf(context), meetingWithFile(messageText(context)));
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invoke: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const data: Record<string, unknown> = { ...(invoke.action?.data as Record<string, unknown> | undefined) };
    const t = this.trackerFor(context, data.board);
    const outcome = await this.cardAction(context, t, invoke.action?.verb ?? '', data);
    this.afterChange(t, outcome);
    return { statusCode: 200, type: INVOKE_CARD, value: outcome.card as unknown as Record<string, unknown> };
  }

  /** A card action, or, when it fails on our side, a card saying so (an error page would lose the draft). */
  private async cardAction(
    context: TurnContext,
    t: BoardContext,
    verb: string,
    data: Record<string, unknown>,
  ): Promise<CardOutcome> {
    const requestId = requestIdOf(context);
    describeRequest({ 'pam.verb': cardHandler(verb) ? verb : 'other' });
    try {
      // Every card drawn back needs the calendar, and most the action the card names: both are read
      // (once, for the whole request) while the caller is identified. Keeping how to reach the
      // caller is no part of the answer: it goes on beside it, and a failure there is logged rather
      // than failing the card (the caller's next activity tries it again).
      const keeping = (work: Promise<void>): Promise<void> =>
        work.catch((err: unknown) => this.deps.log.warn('teams.keep_reach_failed', { verb, error: err }));
      const named = actionIdOf(data);
      const [{ actor, person }] = await Promise.all([
        this.identified(context, t),
        t.stores.meetings.list(t.scope),
        named ? t.stores.actions.get(t.scope, named) : undefined,
        keeping(this.rememberPersonal(context, t)),
      ]);
      const [outcome] = await Promise.all([
        onCardAction(t, actor, { verb, data, ...(requestId ? { requestId } : {}) }),
        person?.aadObjectId ? keeping(this.reached(context, t, person)) : undefined,
      ]);
      return outcome;
    } catch (err) {
      const failure = { wroteNothing: wroteNothing(err), storageUnreachable: isStorageUnreachable(err) };
      this.deps.log.error('teams.card_action_failed', {
        verb,
        conversation: context.activity.conversation?.id,
        ...failure,
        error: err,
      });
      return { card: failedCard(data, failure) };
    }
  }

  /** A change redraws its meeting's channel summary; queued cards wake the sender. */
  private afterChange(t: BoardContext, outcome: Pick<CardOutcome, 'changedMeeting' | 'queued'>): void {
    if (outcome.changedMeeting) this.deps.onActionChanged(t.scope, outcome.changedMeeting);
    if (outcome.queued) this.deps.onQueued();
  }

  /** Installed somewhere: keep the conversation, and in a team read the roster. */
  private async remember(context: TurnContext): Promise<void> {
    const t = this.trackerFor(context);
    const conversation = context.activity.conversation;
    const reference = JSON.stringify(TurnContext.getConversationReference(context.activity));
    const at = this.deps.now().toISOString();
    if (conversation.conversationType === 'personal') {
      await this.rememberPersonal(context, t, true);
      await this.actorOf(context, t); // links the installer, who may have cards waiting
      return;
    }
    const kind = conversation.conversationType === 'groupChat' ? 'groupChat' : 'channel';
    // Kept so the board can be bound here later; an install never makes it the board's channel.
    await t.stores.conversations.save(t.scope.tenant, { kind, id: conversation.id, reference, updatedAt: at });
    this.deps.log.info('teams.installed', { scope: kind, conversation: conversation.id, board: t.scope.board });
    if (
      context.activity.type === 'installationUpdate' &&
      !(await t.stores.conversations.binding(t.scope.tenant, t.scope.board))
    ) {
      await reply(context, toActivity(welcomeToShared()));
    }
    if (context.activity.channelData?.team?.id || kind === 'groupChat') {
      const report = await syncRoster(context, t, this.deps.log);
      this.deps.log.info('teams.roster_synced', { ...report });
      if (report.released > 0) this.deps.onQueued();
    }
  }

  /**
   * Sends the answer to a command typed in a channel or group chat to the sender's 1:1 chat,
   * opening it if need be. False when it could not be delivered: the caller says so where it was typed.
   */
  private async sendPrivately(context: TurnContext, t: BoardContext, replies: readonly Reply[]): Promise<boolean> {
    const { from, serviceUrl, recipient } = context.activity;
    if (!from?.aadObjectId) return false;
    const adapter = context.adapter as CloudAdapter;
    const send = async (ctx: TurnContext): Promise<void> => {
      for (const r of replies) await reply(ctx, toActivity(r));
    };
    try {
      const known = await t.stores.conversations.get(t.scope.tenant, 'personal', from.aadObjectId);
      const reference = known ? (JSON.parse(known.reference) as Partial<ConversationReference>) : null;
      if (reference?.conversation?.id) {
        await inTurn((logic) => adapter.continueConversationAsync(this.deps.appId, reference, logic), send);
        return true;
      }
      const tenantId: string =
        context.activity.channelData?.tenant?.id ?? context.activity.conversation?.tenantId ?? '';
      await inTurn(
        (logic) =>
          adapter.createConversationAsync(
            this.deps.appId,
            'msteams',
            serviceUrl,
            '',
            {
              isGroup: false,
              bot: recipient,
              members: [{ id: from.id, name: from.name ?? '' }],
              tenantId,
              channelData: { tenant: { id: tenantId } },
            },
            logic,
          ),
        async (ctx) => {
          await t.stores.conversations.save(t.scope.tenant, {
            kind: 'personal',
            id: from.aadObjectId as string,
            reference: JSON.stringify(TurnContext.getConversationReference(ctx.activity)),
            updatedAt: this.deps.now().toISOString(),
          });
          await send(ctx);
        },
      );
      return true;
    } catch (err) {
      this.deps.log.warn('teams.private_answer_failed', {
        conversation: context.activity.conversation?.id,
        error: err,
      });
      return false;
    }
  }

  /** Keeps the 1:1 chat with the caller, so cards can be sent to them later. */
  private async rememberPersonal(context: TurnContext, t: BoardContext, force = false): Promise<void> {
    const { conversation, from } = context.activity;
    if (conversation.conversationType !== 'personal' || !from?.aadObjectId) return;
    const known = force ? null : await t.stores.conversations.get(t.scope.tenant, 'personal', from.aadObjectId);
    if (known && JSON.parse(known.reference).conversation?.id === conversation.id) return;
    await t.stores.conversations.save(t.scope.tenant, {
      kind: 'personal',
      id: from.aadObjectId,
      reference: JSON.stringify(TurnContext.getConversationReference(context.activity)),
      updatedAt: this.deps.now().toISOString(),
    });
  }
}

/**
 * Where a message was typed: a 1:1 chat, or a shared one, a channel (the channel itself, not the
 * thread the message is in) or a group chat, whose every member reads the answer.
 */
function whereOf(context: TurnContext): Where {
  const a = context.activity;
  const type = a.conversation?.conversationType;
  // Teams names every conversation's type; the Agents Playground leaves a 1:1 chat's out, and marks groups.
  const shared = type === 'channel' || type === 'groupChat' || a.conversation?.isGroup === true;
  if (!shared) return { kind: 'personal' };
  const kind = type === 'groupChat' ? 'groupChat' : 'channel';
  const id: string =
    (kind === 'channel' ? a.channelData?.channel?.id : undefined) ?? a.conversation?.id?.split(';')[0] ?? '';
  const base = TurnContext.getConversationReference(a);
  const reference = { ...base, conversation: { ...base.conversation, id } };
  delete reference.activityId; // a new post in the channel, not a reply in this thread
  return { kind: 'shared', conversation: { kind, id, reference: JSON.stringify(reference) } };
}

/**
 * What makes a retried request recognisable: its activity id, which Teams makes unique only within
 * its conversation (message ids are epoch milliseconds), so two people's requests in their own
 * chats can share one. Scoped by the conversation, a retry still matches and they never collide.
 */
function requestIdOf(context: TurnContext): string | undefined {
  const { id, conversation } = context.activity;
  return id ? `${conversation?.id ?? ''}|${id}` : undefined;
}

/**
 * The text a person sent, without the @mention. Teams also sends the message as HTML; where that
 * has structure the plain text lost (a pasted table, several paragraphs), the lines come from it.
 */
function messageText(context: TurnContext): string {
  const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
  const html = context.activity.attachments?.find((a) => a.contentType === 'text/html' && typeof a.content === 'string')
    ?.content as string | undefined;
  return (html !== undefined ? structuredLines(html) : undefined) ?? text;
}

function toActivity(reply: Reply): { text: string } | { attachments: Attachment[] } {
  return 'card' in reply ? { attachments: [cardAttachment(reply.card)] } : { text: reply.text };
}
