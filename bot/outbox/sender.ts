// Sends what the outbox holds within Teams' limits: every call, retries included, waits for its slot
// (Pace, rate-limit.ts); failures are retried with backoff honouring Retry-After, and an item is
// claimed on its ETag before it is sent, so it goes once. The README says when a card can still
// arrive twice (Teams has no idempotency key). Delivery is injected: nothing here knows botbuilder.
import type { OutboxItem, OutboxStore, OutboxTarget } from '../../storage/outbox.ts';
import type { Logger } from '../log.ts';
import { bounded, failed, inSpan, quietly, spanEvent } from '../telemetry/spans.ts';
import { OUTBOX_KINDS, outboxKindOf } from './payload.ts';
import { RateLimiter, TEAMS_CONVERSATION_LIMITS } from './rate-limit.ts';

export interface Delivered {
  activityId: string;
  conversationId: string;
}

/** What a failed delivery says about itself (the Teams layer maps its errors to this). */
export interface DeliveryFailure {
  statusCode?: number;
  retryAfterMs?: number;
  message: string;
  /** The person is not reachable after all (no way to open a chat yet): the item waits for them. */
  waitFor?: Extract<OutboxTarget, { kind: 'waiting' }>;
}

/** Awaited right before each call to Teams, with what the call is: it holds the call until it fits
 *  within Teams' limits and counts it. A message (sent or updated) counts in its conversation and its
 *  tenant; opening a 1:1 chat ('chat') in its tenant. Calls are made one at a time: the next pace, or
 *  the end of the work it was given to, says that the call before it was answered. */
export type Pace = (call: 'message' | 'chat') => Promise<void>;

/** Runs `work` with the pacing of `item`'s calls to Teams. */
export type Paced = <T>(item: OutboxItem, work: (pace: Pace) => Promise<T>) => Promise<T>;

/** Sends an item, making each of its calls to Teams once, each right after `pace` for it. */
export type Deliver = (item: OutboxItem, pace: Pace) => Promise<Delivered>;

export interface SenderOptions {
  outbox: OutboxStore;
  deliver: Deliver;
  /** Maps a thrown error to what it says (status, Retry-After). */
  describeFailure: (err: unknown) => DeliveryFailure;
  log: Logger;
  now?: () => Date;
  /** Messages a second for the whole tenant (Teams allows about 50). */
  tenantRate?: number;
  /** Items sent at the same time. Default: as many as the tenant rate allows a second (at least 8),
   *  so that sends held up by Teams (a 429's Retry-After, a slow answer) do not hold the rate down. */
  concurrency?: number;
  leaseMs?: number;
  maxAttempts?: number;
  pollMs?: number;
}

const RETRYABLE = new Set([408, 412, 429, 500, 502, 503, 504]);
const BASE_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 5 * 60_000;

export function targetKey(item: OutboxItem): string {
  const t = item.target;
  if (t.kind === 'person') return `person:${t.aadObjectId}`;
  return t.kind === 'conversation' ? `conversation:${t.conversationId}` : `waiting:${t.personId}`;
}

export class OutboxSender {
  private readonly perConversation = new RateLimiter(TEAMS_CONVERSATION_LIMITS);
  private readonly perTenant: RateLimiter;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private wake = false;
  private stopped = false;

  constructor(private readonly o: SenderOptions) {
    this.now = o.now ?? (() => new Date());
    this.perTenant = new RateLimiter([{ count: o.tenantRate ?? 50, ms: 1_000 }]);
  }

  /** Polls the outbox until stopped; while storage fails, polls less often and says so once. */
  start(): void {
    const every = this.o.pollMs ?? 1_000;
    let failing = false;
    this.stopped = false;
    const tick = (delay: number): void => {
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        this.drain().then(
          () => {
            if (failing) this.o.log.info('outbox.poll_recovered');
            failing = false;
            tick(every);
          },
          (err: unknown) => {
            if (!failing) this.o.log.warn('outbox.poll_failed', { error: err });
            failing = true;
            tick(Math.min(delay * 2, 30_000));
          },
        );
      }, delay);
      this.timer.unref();
    };
    tick(every);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** Sends everything that is due now; resolves with how many were sent. Concurrent calls share one run. */
  drain(): Promise<number> {
    if (this.running) {
      this.wake = true;
      return this.running;
    }
    // The poll is not traced (it runs every second); each send is a trace of its own (deliverClaimed).
    this.running = quietly(async () => {
      let sent = 0;
      do {
        this.wake = false;
        sent += await this.sendDue();
      } while (this.wake);
      return sent;
    }).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * Tries each item that is due once, `concurrency` at a time, reading more from the outbox whenever
   * the ones in hand run out: never waiting for a whole page to finish, so one item held up by
   * Teams does not stop the rest. An item put back for a retry is left to the next drain.
   */
  private async sendDue(): Promise<number> {
    const hand: OutboxItem[] = [];
    const seen = new Set<string>();
    let exhausted = false;
    let reading: Promise<void> | undefined;
    let sent = 0;
    const read = (): Promise<void> =>
      (reading ??= (async () => {
        const fresh = (await this.o.outbox.due(this.now(), 200)).filter((item) => !seen.has(item.id));
        if (fresh.length === 0) exhausted = true;
        for (const item of fresh) {
          seen.add(item.id);
          hand.push(item);
        }
      })().finally(() => {
        reading = undefined;
      }));
    const worker = async (): Promise<void> => {
      for (;;) {
        const item = hand.shift();
        if (item) {
          if (await this.sendOne(item)) sent++;
        } else if (exhausted) {
          return;
        } else {
          await read();
        }
      }
    };
    const concurrency = this.o.concurrency ?? Math.max(8, this.o.tenantRate ?? 50);
    await Promise.all(Array.from({ length: concurrency }, worker));
    return sent;
  }

  private async sendOne(item: OutboxItem): Promise<boolean> {
    const leaseMs = this.o.leaseMs ?? 60_000;
    const claimed = await this.o.outbox.claim(item, this.now(), leaseMs);
    if (!claimed) return false;
    // A send can outlast the claim (a slow gateway, Retry-After upon Retry-After): renew it while
    // this sender works on the item, so no other instance takes it over and sends it again.
    const keep = this.keepClaim(claimed, leaseMs);
    try {
      return await this.deliverClaimed(claimed, () => keep.stop());
    } finally {
      await keep.stop();
    }
  }

  /** Renews the claim every third of the lease until stopped; stop() waits for a renewal under way. */
  private keepClaim(claimed: OutboxItem, leaseMs: number): { stop(): Promise<void> } {
    let pending: Promise<void> = Promise.resolve();
    const timer = setInterval(
      () => {
        pending = pending
          .then(() => this.o.outbox.renew(claimed, this.now(), leaseMs))
          .then(
            (renewed) => {
              if (!renewed) this.o.log.warn('outbox.claim_lost', { id: claimed.id, attempts: claimed.attempts });
            },
            (err: unknown) => this.o.log.warn('outbox.renew_failed', { id: claimed.id, error: err }),
          );
      },
      Math.max(1, Math.floor(leaseMs / 3)),
    );
    timer.unref();
    return {
      stop: async () => {
        clearInterval(timer);
        await pending;
      },
    };
  }

  /** Runs `work` with the pacing of `item`'s calls to Teams (see Pace); also for calls made outside a
   *  send, such as redrawing a card the outbox sent. */
  readonly paced: Paced = async (item, work) => {
    let answered: (() => void) | undefined;
    try {
      return await work(async (call) => {
        answered?.();
        answered = await this.slot(item.target.tenant, call === 'message' ? targetKey(item) : undefined);
      });
    } finally {
      answered?.();
    }
  };

  /** Waits for a slot in the tenant's window (and the conversation's, given its key), and takes it;
   *  another worker may take one meanwhile, so it looks again after each wait. Resolves with what to
   *  call once the call is answered (or has failed). */
  private async slot(tenant: string, conversationKey?: string): Promise<() => void> {
    for (;;) {
      const at = Date.now();
      const wait = Math.max(
        conversationKey ? this.perConversation.delay(conversationKey, at) : 0,
        this.perTenant.delay(tenant, at),
      );
      if (wait === 0) break;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    if (conversationKey) this.perConversation.start(conversationKey);
    this.perTenant.start(tenant);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const at = Date.now();
      if (conversationKey) this.perConversation.end(conversationKey, at);
      this.perTenant.end(tenant, at);
    };
  }

  /**
   * Sends a claimed item and settles it; `release` ends the claim's renewal before the item is settled.
   * Each send is a trace of its own (the Teams calls in it are its children), whichever request or
   * poll woke the sender; what became of it is an event on it, beside the log line saying the same.
   */
  private deliverClaimed(claimed: OutboxItem, release: () => Promise<void>): Promise<boolean> {
    const facts = {
      'pam.outbox.kind': bounded(outboxKindOf(claimed.id), OUTBOX_KINDS),
      'pam.outbox.target': claimed.target.kind,
      'pam.outbox.attempt': claimed.attempts,
    };
    return inSpan('outbox.send', { root: true, facts }, () => this.deliverAndSettle(claimed, release));
  }

  private async deliverAndSettle(claimed: OutboxItem, release: () => Promise<void>): Promise<boolean> {
    const attempt = claimed.attempts;
    try {
      const delivered = await this.paced(claimed, (pace) => this.o.deliver(claimed, pace));
      await release();
      await this.o.outbox.settle(claimed, { state: 'sent', ...delivered }, this.now());
      this.o.log.info('outbox.sent', { id: claimed.id, attempts: claimed.attempts, activityId: delivered.activityId });
      spanEvent('outbox.sent', { 'pam.outbox.attempt': attempt });
      return true;
    } catch (err) {
      await release();
      const failure = this.o.describeFailure(err);
      if (failure.waitFor) {
        await this.o.outbox.settle(
          claimed,
          { state: 'waiting', target: failure.waitFor, lastError: failure.message },
          this.now(),
        );
        this.o.log.info('outbox.waiting', { id: claimed.id, personId: failure.waitFor.personId });
        spanEvent('outbox.waiting', { 'pam.outbox.attempt': attempt });
        return false;
      }
      const retry = failure.statusCode === undefined || RETRYABLE.has(failure.statusCode);
      const last = claimed.attempts >= (this.o.maxAttempts ?? 10);
      if (!retry || last) {
        await this.o.outbox.settle(claimed, { state: 'failed', lastError: failure.message }, this.now());
        this.o.log.warn('outbox.failed', {
          id: claimed.id,
          attempts: claimed.attempts,
          statusCode: failure.statusCode,
          error: failure.message,
        });
        spanEvent('outbox.failed', { 'pam.outbox.attempt': attempt, 'http.response.status_code': failure.statusCode });
        failed(err);
        return false;
      }
      const backoff = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (claimed.attempts - 1));
      const delay = Math.max(failure.retryAfterMs ?? 0, backoff / 2 + Math.random() * (backoff / 2));
      const notBefore = new Date(this.now().getTime() + delay).toISOString();
      await this.o.outbox.settle(claimed, { state: 'queued', notBefore, lastError: failure.message }, this.now());
      this.o.log.info('outbox.retry', {
        id: claimed.id,
        attempts: claimed.attempts,
        statusCode: failure.statusCode,
        inMs: Math.round(delay),
      });
      spanEvent('outbox.retry', {
        'pam.outbox.attempt': attempt,
        'http.response.status_code': failure.statusCode,
        'pam.outbox.retry_in_ms': Math.round(delay),
      });
      return false;
    }
  }
}
