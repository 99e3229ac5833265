// Proactive messages through the Bot Connector: the outbox's delivery, and redrawing a channel's
// summary card in place. botbuilder sends errors raised inside continueConversationAsync to the
// adapter's onTurnError and does not rethrow them, so every callback here catches its own error
// and the caller rethrows it: a failed send must never look like a sent one.
//
// botbuilder's Bot Connector client sets no time limit: a request that Teams (or the network) never
// answers would wait for ever, and the outbox's drain with it. Each HTTP try of a send is therefore
// limited (`sendTimeoutMs`); a try that times out fails with no status, and the outbox retries it
// later. Whether Teams had already processed it cannot be known: like a crash after Teams accepted
// a card, that card may then arrive twice.
import {
  TurnContext,
  type Activity,
  type CloudAdapter,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import type { AdaptiveCard } from '../../cards/index.ts';
import type { OutboxItem } from '../../storage/outbox.ts';
import type { PapersEnv } from '../chat/dispatch.ts';
import type { Logger } from '../log.ts';
import { isBoardChannel } from '../services/board-channel.ts';
import { payloadOf, summaryOutboxId } from '../outbox/payload.ts';
import { NotYetReachable } from '../outbox/reach.ts';
import type { Delivered, DeliveryFailure, Pace, Paced } from '../outbox/sender.ts';
import { createBoardContext, readsSharedFor, type Stores } from '../services/board-context.ts';
import type { IsoDate, Scope } from '../rules/types.ts';
import { drawQueued, NothingToDraw } from '../present/queued.ts';
import { cardAttachment } from './bot.ts';
import { inTurn } from './turns.ts';

export interface DeliveryDeps {
  papers?: PapersEnv;
  adapter: CloudAdapter;
  appId: string;
  stores: Stores;
  log: Logger;
  now: () => Date;
  /** Limit on each HTTP try of a send (default 20 s). */
  sendTimeoutMs?: number;
}

const DEFAULT_SEND_TIMEOUT_MS = 20_000;

/** The part of botbuilder's ConnectorClient used here (a proactive turn holds it under adapter.ConnectorClientKey). */
interface ConnectorConversations {
  conversations: {
    replyToActivity(
      conversationId: string,
      activityId: string,
      activity: Partial<Activity>,
      options: { timeout: number },
    ): Promise<ResourceResponse>;
    sendToConversation(
      conversationId: string,
      activity: Partial<Activity>,
      options: { timeout: number },
    ): Promise<ResourceResponse>;
  };
}

/** A failure that no retry can mend: the outbox gives up on it at once. */
class Undeliverable extends Error {
  readonly statusCode = 404;
}

const CARD_READS_SHARED_MS = 5_000;

export function createDelivery(deps: DeliveryDeps): {
  deliver: (item: OutboxItem, pace: Pace) => Promise<Delivered>;
  describeFailure: (err: unknown) => DeliveryFailure;
  updateSummary: (scope: Scope, meeting: IsoDate, paced?: Paced) => Promise<void>;
} {
  const { adapter, appId, stores } = deps;
  // The directory and calendar a card shows, shared by the cards drawn within a few seconds (a broadcast).
  const reading = readsSharedFor(stores, CARD_READS_SHARED_MS);
  const timeoutMs = deps.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;

  /** Sends a card in a proactive turn as ctx.sendActivity does (a reply to the turn's activity), with a time limit on each try. */
  async function sendCard(ctx: TurnContext, card: AdaptiveCard): Promise<ResourceResponse> {
    const client = ctx.turnState.get<ConnectorConversations | undefined>(adapter.ConnectorClientKey);
    if (!client) throw new Error('the proactive turn has no Bot Connector client');
    const activity = TurnContext.applyConversationReference(
      { type: 'message', attachments: [cardAttachment(card)] },
      TurnContext.getConversationReference(ctx.activity),
    );
    const conversationId = activity.conversation?.id ?? '';
    return activity.replyToId
      ? client.conversations.replyToActivity(conversationId, activity.replyToId, activity, { timeout: timeoutMs })
      : client.conversations.sendToConversation(conversationId, activity, { timeout: timeoutMs });
  }

  /** Draws the item's card as it is now (bot/present); what can no longer be drawn is not retried. */
  async function render(item: OutboxItem): Promise<AdaptiveCard> {
    const payload = payloadOf(item.payload);
    const t = createBoardContext(reading, { tenant: item.target.tenant, board: payload.board }, deps.now);
    try {
      return await drawQueued(t, payload, deps.papers);
    } catch (err) {
      if (err instanceof NothingToDraw) throw new Undeliverable(err.message);
      throw err;
    }
  }

  async function sendTo(reference: Partial<ConversationReference>, card: AdaptiveCard, pace: Pace): Promise<Delivered> {
    const response = await inTurn(
      (logic) => adapter.continueConversationAsync(appId, reference, logic),
      async (ctx) => {
        await pace('message');
        return sendCard(ctx, card);
      },
    );
    return { activityId: response?.id ?? '', conversationId: reference.conversation?.id ?? '' };
  }

  /** The person's card cannot go yet (no chat with them known, nor how to open one): it waits for them. */
  function notYet(item: OutboxItem, why: string): Error {
    const payload = payloadOf(item.payload);
    const personId = 'personId' in payload ? payload.personId : undefined;
    if (!personId) return new Undeliverable(why);
    return new NotYetReachable({ kind: 'waiting', tenant: item.target.tenant, board: payload.board, personId });
  }

  async function deliver(item: OutboxItem, pace: Pace): Promise<Delivered> {
    if (item.target.kind === 'waiting') throw new NotYetReachable(item.target);
    const card = await render(item);
    const tenant = item.target.tenant;
    if (item.target.kind === 'conversation') {
      // Queued for the board's channel, it goes there only if that is still the board's channel.
      const board = payloadOf(item.payload).board;
      if (
        !(await isBoardChannel(createBoardContext(stores, { tenant, board }, deps.now), item.target.conversationId))
      ) {
        throw new Undeliverable(`the conversation ${item.target.conversationId} is not the ${board} board's channel`);
      }
      const record = await stores.conversations.get(tenant, 'channel', item.target.conversationId);
      if (!record) throw new Undeliverable(`the conversation ${item.target.conversationId} is not known`);
      return sendTo(JSON.parse(record.reference) as ConversationReference, card, pace);
    }
    const record = await stores.conversations.get(tenant, 'personal', item.target.aadObjectId);
    if (!record) throw notYet(item, 'this person has not been seen in Teams yet');
    const known = JSON.parse(record.reference) as Partial<ConversationReference> & {
      user?: { id: string; name?: string };
      tenantId?: string;
    };
    if (known.conversation?.id) return sendTo(known, card, pace);
    // Seen in a team's roster but never chatted with: open the 1:1 chat, send, and keep it.
    if (!known.serviceUrl || !known.user?.id) throw notYet(item, 'no way to open a chat with this person yet');
    const user = known.user;
    let reference: Partial<ConversationReference> | undefined;
    await pace('chat'); // opening the chat is a call of its own, within the tenant's rate
    const sent = await inTurn(
      (logic) =>
        adapter.createConversationAsync(
          appId,
          'msteams',
          known.serviceUrl as string,
          '',
          {
            isGroup: false,
            bot: known.bot ?? { id: appId, name: 'bot' },
            members: [{ id: user.id, name: user.name ?? '' }],
            tenantId: known.tenantId ?? '',
            channelData: { tenant: { id: known.tenantId } },
          },
          logic,
        ),
      async (ctx) => {
        reference = TurnContext.getConversationReference(ctx.activity);
        await pace('message');
        return sendCard(ctx, card);
      },
    );
    if (reference) {
      await stores.conversations.save(tenant, {
        kind: 'personal',
        id: item.target.aadObjectId,
        reference: JSON.stringify(reference),
        updatedAt: deps.now().toISOString(),
      });
    }
    return { activityId: sent?.id ?? '', conversationId: reference?.conversation?.id ?? '' };
  }

  function describeFailure(err: unknown): DeliveryFailure {
    const e = err as {
      name?: string;
      statusCode?: number;
      message?: string;
      response?: { headers?: { get?(name: string): string | undefined } };
    };
    if (err instanceof NotYetReachable) return { message: err.message, waitFor: err.waitFor };
    if (e.name === 'AbortError') return { message: `Teams did not answer within ${timeoutMs} ms` };
    const retryAfter = e.response?.headers?.get?.('retry-after');
    const seconds = retryAfter === undefined ? NaN : Number(retryAfter);
    return {
      ...(typeof e.statusCode === 'number' ? { statusCode: e.statusCode } : {}),
      ...(Number.isFinite(seconds) ? { retryAfterMs: seconds * 1000 } : {}),
      message: String(e.message ?? err).split('\n')[0] ?? 'unknown error',
    };
  }

  /** Redraws a meeting's channel summary where it was posted, if it was (paced as its outbox item). */
  async function updateSummary(
    scope: Scope,
    meeting: IsoDate,
    paced: Paced = (_item, work) => work(async () => undefined),
  ): Promise<void> {
    const posted = await stores.outbox.get(summaryOutboxId(scope, meeting));
    if (posted?.state !== 'sent' || !posted.activityId || posted.target.kind !== 'conversation') return;
    if (!(await isBoardChannel(createBoardContext(stores, scope, deps.now), posted.target.conversationId))) return;
    const record = await stores.conversations.get(scope.tenant, 'channel', posted.target.conversationId);
    if (!record) return;
    const card = await render(posted);
    const activityId = posted.activityId;
    await paced(posted, (pace) =>
      inTurn(
        (logic) =>
          adapter.continueConversationAsync(appId, JSON.parse(record.reference) as ConversationReference, logic),
        async (ctx) => {
          await pace('message');
          return ctx.updateActivity({ type: 'message', id: activityId, attachments: [cardAttachment(card)] });
        },
      ),
    );
  }

  return { deliver, describeFailure, updateSummary };
}
