// The tracker's HTTP server (started by bot/server.ts): opens storage (the embedded Azurite when
// nothing is configured), serves, and closes storage cleanly on SIGINT/SIGTERM.
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { openBoard } from './boot.ts';
import type { Config } from './config.ts';
import { createApp } from './http/app.ts';
import { createLogger } from './log.ts';
import { digestFileRoute, minutesFileRoute } from './http/files.ts';
import { createTabRoutes } from './http/tab.ts';
import { createLinks } from './services/links.ts';
import { Scheduler } from './services/scheduler.ts';
import { createBoardContext, type BoardContext } from './services/board-context.ts';
import type { Scope } from './rules/types.ts';
import { createTeams } from './teams/index.ts';

/** `flush`: sends what telemetry still holds, last thing before the process exits. */
export async function serve(config: Config, flush: () => Promise<void> = async () => undefined): Promise<void> {
  const log = createLogger(config.logLevel);
  const opened = await openBoard(config, log, { longLived: true });

  if (!config.links.secret)
    log.warn('links.ephemeral', {
      message:
        'LINK_SECRET is not set: document links on cards stop working when this process restarts, and only this instance can open them',
    });
  const links = createLinks({
    baseUrl: config.links.publicUrl,
    secret: config.links.secret ? Buffer.from(config.links.secret) : randomBytes(32),
    now: () => new Date(),
  });
  const teams = createTeams({ config, stores: opened.stores, log, links });
  void teams.start(); // never rejects: a failure is logged, and the outbox is polled regardless
  const scheduler = new Scheduler({
    stores: opened.stores,
    scopes: async () => [{ tenant: config.tenant, board: config.board }],
    schedule: config.schedule,
    now: () => new Date(),
    log,
    // Unique per process: the jobs table tells instances apart by it when they race for a job.
    instanceId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    onQueued: () => {
      teams.sender.drain().catch((err: unknown) => log.error('outbox.drain_failed', { error: err }));
    },
  });
  scheduler.start();
  const trackerFor = (scope: Scope): BoardContext => createBoardContext(opened.stores, scope);
  const files = digestFileRoute(links, trackerFor, config.papers);
  const minutes = minutesFileRoute(links, trackerFor, config.papers);
  const tab = createTabRoutes({
    config: config.tab,
    stores: opened.stores,
    log,
    board: config.board,
    links,
    ...(config.teams.appId ? {} : { localTenant: config.tenant }),
    // A reply saved on the tab redraws the channel summary, as a reply on the card does.
    onActionChanged: teams.redrawSummary,
  });
  const app = createApp({ log, storage: opened.tables, messages: teams.messages, files, minutes, tab });
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  log.info('server.listening', { url: `http://${config.host}:${port}`, tenant: config.tenant, board: config.board });

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info('server.stopping', { signal });
    server.close();
    server.closeAllConnections();
    scheduler
      .stop()
      .then(() => teams.close())
      .then(() => opened.close())
      .finally(flush)
      .then(
        () => process.exit(0),
        (err: unknown) => {
          log.error('server.stop_failed', { error: err });
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
