// Wires the Teams side together: adapter, activity handler, proactive delivery through the outbox,
// and channel summaries redrawn shortly after their actions change (coalesced, so fifty replies
// in a second redraw the card once or twice, well within Teams' per-conversation limits).
import type { RequestHandler } from 'express';
import type { Config } from '../config.ts';
import type { PapersEnv } from '../chat/dispatch.ts';
import type { Logger } from '../log.ts';
import type { Links } from '../services/links.ts';
import { releaseReachable } from '../outbox/release.ts';
import { OutboxSender } from '../outbox/sender.ts';
import type { Stores } from '../services/board-context.ts';
import type { IsoDate, Scope } from '../rules/types.ts';
import { describeRequest } from '../telemetry/spans.ts';
import { activityFacts } from './activity-facts.ts';
import { activityProblem, createAdapter, NotAnActivity } from './adapter.ts';
import { TrackerBot } from './bot.ts';
import { createDelivery } from './delivery.ts';

export interface Teams {
  /** POST /api/messages */
  messages: RequestHandler;
  sender: OutboxSender;
  /**
   * Polls the outbox, and puts on their way the cards that waited for anyone reached meanwhile (the
   * process stopped between linking them and releasing their cards). Resolves once those are sent.
   */
  start(): Promise<void>;
  /** Redraws a meeting's summary in the board's channel shortly (coalesced): for changes made outside Teams, e.g. on the tab. */
  redrawSummary(scope: Scope, meeting: IsoDate): void;
  close(): Promise<void>;
}

const SUMMARY_DELAY_MS = 1_000;

export function createTeams(deps: {
  config: Config;
  stores: Stores;
  log: Logger;
  now?: () => Date;
  pollMs?: number;
  links?: Links;
}): Teams {
  const { config, stores, log } = deps;
  const now = deps.now ?? (() => new Date());
  const adapter = createAdapter(config.teams, log);
  const links = deps.links;
  const papers: PapersEnv = links
    ? {
        documentUrl: (scope, meeting, form) => links.digest(scope, meeting, 'docx', form),
        minutesUrl: (scope, meeting) => links.minutes(scope, meeting),
      }
    : {};
  const delivery = createDelivery({ adapter, appId: config.teams.appId ?? '', stores, log, now, papers });
  const sender = new OutboxSender({
    outbox: stores.outbox,
    deliver: delivery.deliver,
    describeFailure: delivery.describeFailure,
    log,
    now,
    tenantRate: config.teams.tenantRate,
    ...(deps.pollMs ? { pollMs: deps.pollMs } : {}),
  });

  const pending = new Map<string, NodeJS.Timeout>();
  const redrawSummary = (scope: Scope, meeting: IsoDate): void => {
    const key = `${scope.tenant}|${scope.board}|${meeting}`;
    if (pending.has(key)) return;
    const timer = setTimeout(() => {
      pending.delete(key);
      delivery
        .updateSummary(scope, meeting, sender.paced)
        .catch((err: unknown) => log.warn('teams.summary_update_failed', { meeting, error: err }));
    }, SUMMARY_DELAY_MS);
    timer.unref();
    pending.set(key, timer);
  };

  const bot = new TrackerBot({
    appId: config.teams.appId ?? '',
    stores,
    log,
    now,
    board: config.board,
    ...(config.teams.appId ? {} : { localTenant: config.tenant }),
    onQueued: () => {
      sender.drain().catch((err: unknown) => log.error('outbox.drain_failed', { error: err }));
    },
    onActionChanged: redrawSummary,
    papers,
  });

  return {
    messages: async (req, res) => {
      // Refused before botbuilder, which would throw on it (a 500) or run a turn that cannot answer.
      const problem = activityProblem(req.body);
      if (problem) throw new NotAnActivity(problem);
      await adapter.process(req, res, (context) => {
        describeRequest(activityFacts(context.activity));
        return bot.run(context);
      });
    },
    sender,
    async start() {
      sender.start();
      try {
        if ((await releaseReachable(stores, log, now)) > 0) await sender.drain();
      } catch (err) {
        // Storage may not be up yet: whoever is reached next releases their own cards anyway.
        log.warn('outbox.release_failed', { error: err });
      }
    },
    redrawSummary,
    async close() {
      for (const timer of pending.values()) clearTimeout(timer);
      await sender.stop();
    },
  };
}
