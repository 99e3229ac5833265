// Benchmark 2: the broadcast after an import, twice. 1,000 owners, all seen in the board's team, each
// owning one action of the first two meetings and one of the next two. The first broadcast (the first
// two meetings' cards) has to open every owner's 1:1 chat (two Teams calls a card); the second (the
// next two meetings') finds every chat known (one call a card). The cards are queued by the product
// (queueActionCards, which also queues the channel's summary of each meeting) and drained by the bot's
// own outbox sender as the server runs it (polling, kicked once when queued, TEAMS_TENANT_RATE at its
// default), through the real botbuilder client to the loopback Teams stand-in. The stand-in enforces
// Teams' limits (7/s per conversation, 50/s per tenant, on every call) and answers 10% of calls with
// 429 + Retry-After; what it accepted is what was delivered, so it counts what was lost and came twice.
import { queueActionCards } from '../bot/outbox/queue.ts';
import type { Action } from '../bot/rules/types.ts';
import { actionIdOf, cardsOf } from '../tests/helpers/bot-board.ts';
import { startBot, type BotUnderTest } from '../tests/helpers/bot-harness.ts';
import { personalConversationId, TEAMS_LIMITS } from '../tests/helpers/teams-channel.ts';
import { seedBoard, type SeededBoard } from './board.ts';

export interface BroadcastOptions {
  owners: number;
  /** Fraction of calls the stand-in answers 429 at random, and the Retry-After it gives (s). */
  failRate: number;
  retryAfterSeconds: number;
  timeoutMs: number;
}

export interface BroadcastResult {
  label: string;
  /** Teams calls each card needs: 2 when the 1:1 chat is opened first, else 1. */
  callsPerCard: number;
  owners: number;
  /** What the product queued: cards to owners, and all items (the channel summaries too). */
  toOwners: number;
  queued: number;
  tenantRate: number;
  /** Messages the stand-in accepted, first to last, and the rate between them (per second). */
  messages: number;
  spanMs: number;
  rate: number;
  /** Calls the stand-in accepted (messages and 1:1 chats opened), and their rate first to last. */
  calls: number;
  callRate: number;
  /** Every call the stand-in received, 429s included (Teams counts them all), their rate first to last,
   *  and the most received in any one second (the tenant allows `tenantRate`). */
  allCalls: number;
  allCallRate: number;
  busiestSecond: number;
  /** Fraction of calls answered 429 at random. */
  failRate: number;
  conversationsOpened: number;
  /** From the queueing to the last message. */
  wallMs: number;
  lost: number;
  duplicates: number;
  /** 429s the stand-in answered: injected at random, and for going over a limit. */
  random429: number;
  limit429: number;
  /** Outbox items that ended failed, with their reasons; items that needed more than one claim. */
  failed: string[];
  retried: number;
  timedOut: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function benchBroadcast(connectionString: string, o: BroadcastOptions): Promise<BroadcastResult[]> {
  const bot = await startBot({
    tablesConnectionString: connectionString,
    logLevel: 'info',
    channel: { enforceLimits: true },
  });
  try {
    const board = await seedBoard(bot, {
      people: o.owners,
      owners: o.owners,
      meetings: 4,
      actionsPerMeeting: Math.ceil(o.owners / 2),
    });
    const half = board.actions.length / 2;
    return [
      await broadcast(bot, board, board.actions.slice(0, half), 'first: every 1:1 chat opened', 2, o),
      await broadcast(bot, board, board.actions.slice(half), 'next: every 1:1 chat known', 1, o),
    ];
  } finally {
    await bot.close();
  }
}

async function broadcast(
  bot: BotUnderTest,
  board: SeededBoard,
  actions: Action[],
  label: string,
  callsPerCard: number,
  o: BroadcastOptions,
): Promise<BroadcastResult> {
  const { channel, stores, teams } = bot;
  const expected = new Set(actions.map((a) => `${personalConversationId(board.ownerOf.get(a.id)?.id ?? '')}|${a.id}`));
  channel.clear(); // count this broadcast only
  channel.failRandomly({
    status: 429,
    retryAfterSeconds: o.retryAfterSeconds,
    rate: o.failRate,
    route: 'any',
    seed: 2,
  });
  const failedBefore = new Set((await stores.outbox.list('failed')).map((i) => i.id));
  const sentBefore = new Set((await stores.outbox.list('sent')).map((i) => i.id));
  const started = Date.now();
  const report = await queueActionCards(board.t, actions);
  // As the server: the sender polls, and is kicked once when the import has queued.
  teams.sender.start();
  void teams.sender.drain().catch(() => undefined);

  // A read that storage is too busy to answer in time (the product is hammering it) only means not known yet.
  const pending = async (): Promise<number> =>
    (await stores.outbox.list('queued')).length + (await stores.outbox.list('inflight')).length;
  const stillPending = (): Promise<number> => pending().catch(() => Number.POSITIVE_INFINITY);
  // Done when nothing is queued or in flight: looked at once everything has arrived, else every 5 s.
  let timedOut = false;
  for (let tick = 1; ; tick++) {
    await sleep(500);
    if ((channel.sent().length >= report.queued || tick % 10 === 0) && (await stillPending()) === 0) break;
    if (Date.now() - started > o.timeoutMs) {
      timedOut = true;
      break;
    }
  }
  await teams.sender.stop();
  channel.failRandomly(null);

  const messages = channel.sent();
  const received = new Map<string, number>();
  for (const m of messages) {
    for (const card of cardsOf(m.activity)) {
      const key = `${m.conversationId}|${actionIdOf(card) ?? ''}`;
      if (expected.has(key)) received.set(key, (received.get(key) ?? 0) + 1);
    }
  }
  const times = messages.map((m) => m.at);
  const first = Math.min(...times);
  const last = Math.max(...times);
  const spanMs = Math.max(1, last - first);
  const ok = (status: number | undefined): boolean => status !== undefined && status >= 200 && status < 300;
  const calls = channel.requests.filter((r) => ['send', 'reply', 'create'].includes(r.route));
  const accepted = calls.filter((r) => ok(r.status));
  const callTimes = accepted.map((r) => r.at);
  const callSpanMs = Math.max(1, Math.max(...callTimes) - Math.min(...callTimes));
  const allTimes = calls.map((r) => r.at).sort((a, b) => a - b);
  const allSpanMs = Math.max(1, (allTimes.at(-1) ?? 0) - (allTimes[0] ?? 0));
  const sent = (await stores.outbox.list('sent')).filter((i) => !sentBefore.has(i.id));
  return {
    label,
    callsPerCard,
    owners: expected.size,
    toOwners: report.toOwners,
    queued: report.queued,
    tenantRate: TEAMS_LIMITS.perTenantPerSecond,
    messages: messages.length,
    spanMs,
    rate: ((messages.length - 1) * 1000) / spanMs,
    calls: accepted.length,
    callRate: ((accepted.length - 1) * 1000) / callSpanMs,
    allCalls: calls.length,
    allCallRate: ((calls.length - 1) * 1000) / allSpanMs,
    busiestSecond: busiest(allTimes, 1_000),
    failRate: o.failRate,
    conversationsOpened: channel.conversationsCreated().length,
    wallMs: last - started,
    lost: [...expected].filter((k) => !received.has(k)).length,
    duplicates: Math.max(channel.stats().duplicates, [...received.values()].filter((n) => n > 1).length),
    random429: channel.requests.filter((r) => r.fault === 'random').length,
    limit429: channel.requests.filter((r) => r.fault === 'throttled').length,
    failed: (await stores.outbox.list('failed'))
      .filter((i) => !failedBefore.has(i.id))
      .map((i) => `${i.id}: ${i.lastError ?? '?'}`),
    retried: sent.filter((i) => i.attempts > 1).length,
    timedOut,
  };
}

/** The most of `sorted` (times, ascending) within any window of `ms`, as the stand-in's windows count. */
function busiest(sorted: readonly number[], ms: number): number {
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while ((sorted[first] ?? 0) <= (sorted[last] ?? 0) - ms) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
