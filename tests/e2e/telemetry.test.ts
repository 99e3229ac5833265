// Telemetry end to end: Azure Monitor's distro started as bot/server.ts starts it (bot/telemetry/start.ts),
// with an in-memory exporter beside its own, and the real bot driven over HTTP: a message (the import
// of the Actions Arising, an exempt action's text among them), an owner's reply on the card of that
// exempt action, the tab's API with a bearer token, a signed document link, a scheduler job, and an
// outbox send Teams throttles once. The spans must be there, named and nested as the README says, and
// nothing recorded (attribute, event, status) may hold the exempt text, a token, a link's signature,
// a storage key or the bot's password. Nothing leaves the machine: the ingestion endpoint is a closed
// loopback port, and SDK statistics and live metrics are off; what the exporter keeps on disk to
// send later goes to a temporary directory removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTelemetry, type Telemetry } from '../../bot/telemetry/start.ts';
import type { Board } from '../helpers/bot-board.ts';

// Only `import type` above the start: the bot's modules are loaded after telemetry starts, as in the server.
const FAKE_CONNECTION =
  'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/;LiveEndpoint=http://127.0.0.1:9/';
const CANARY = 'Operation WAXWING-93';
const PASSWORD = 'bot-password-canary-5f1e';
/** What a Bot Connector token looks like (header.payload.signature); sent where Teams sends its token. */
const CONNECTOR_TOKEN =
  'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.c2lnbmF0dXJlLWNhbmFyeQ';
const SCHEDULE = { digestLeadDays: 5, digestTime: '09:00', chaseLeadDays: 3 };

const exporter = new InMemorySpanExporter();
const saved = { ...process.env };
const offline = mkdtempSync(join(tmpdir(), 'pam-telemetry-'));
let telemetry: Telemetry;
let board: Board;
const secrets: string[] = [CANARY, PASSWORD, CONNECTOR_TOKEN, 'sig=', 'AccountKey'];
const statuses: Record<string, number> = {};

const spans = (): ReadableSpan[] => exporter.getFinishedSpans();
const idOf = (s: ReadableSpan): string => s.spanContext().spanId;
const parentOf = (s: ReadableSpan): string | undefined => s.parentSpanContext?.spanId;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Every span under `root`, at any depth. */
function descendants(root: ReadableSpan): ReadableSpan[] {
  const all = spans();
  const found: ReadableSpan[] = [];
  const ids = new Set([idOf(root)]);
  for (let grew = true; grew;) {
    grew = false;
    for (const s of all) {
      const parent = parentOf(s);
      if (parent && ids.has(parent) && !ids.has(idOf(s))) {
        ids.add(idOf(s));
        found.push(s);
        grew = true;
      }
    }
  }
  return found;
}

/** The bot's own server spans (the Teams stand-in, in this process too, has its own). */
const served = (name: string): ReadableSpan[] => spans().filter((s) => s.kind === SpanKind.SERVER && s.name === name);

const urlOf = (s: ReadableSpan): string => String(s.attributes['http.url'] ?? s.attributes['url.full'] ?? '');
/** Client spans of calls to Table Storage (the Azure SDK's own HTTP spans). */
const storageCalls = (list: ReadableSpan[]): ReadableSpan[] =>
  list.filter((s) => s.kind === SpanKind.CLIENT && s.attributes['az.namespace'] === 'Microsoft.Data.Tables');
/** Client spans of calls to Teams (the Bot Connector's REST API on the stand-in). */
const teamsCalls = (list: ReadableSpan[]): ReadableSpan[] =>
  list.filter((s) => s.kind === SpanKind.CLIENT && urlOf(s).startsWith(board.bot.channel.serviceUrl));

beforeAll(async () => {
  // The SDK's statistics and its settings poll go to Microsoft over https: through a closed proxy here.
  Object.assign(process.env, {
    TMPDIR: offline, // the exporter's offline storage
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost',
  });
  telemetry = await startTelemetry(
    { connectionString: FAKE_CONNECTION, serviceName: 'pam-tracker' },
    { spanProcessors: [new SimpleSpanProcessor(exporter)], tracesPerSecond: 0, enableLiveMetrics: false },
  );
  const { clockAt, execute, fixture, installedBoard, say, EVERYONE, IDS } = await import('../helpers/bot-board.ts');
  const { saveMeeting } = await import('../../bot/services/meetings.ts');
  const { Scheduler } = await import('../../bot/services/scheduler.ts');
  const { digestTimes } = await import('../../bot/rules/working-days.ts');
  const { createLogger } = await import('../../bot/log.ts');
  const { personalMessage, postActivity } = await import('../helpers/teams-activities.ts');
  // The test's own storage reads are no part of what the bot traces.
  const { quietly } = await import('../../bot/telemetry/spans.ts');
  const accountKey = /AccountKey=([^;]+)/.exec(inject('tablesConnectionString'))?.[1];
  if (accountKey) secrets.push(accountKey);

  const clock = clockAt('2023-03-20T10:00:00Z');
  board = await installedBoard({ roster: EVERYONE, clock, tab: true, env: { MicrosoftAppPassword: PASSWORD } });
  const { bot, t, users } = board;
  await saveMeeting(t, { date: '2023-03-14', next: '2023-04-11' });
  await saveMeeting(t, { date: '2023-04-11', time: '10:00' });
  exporter.reset();

  // A message: the secretariat pastes the Actions Arising, Jane's action with the canary in its text.
  const table = fixture('actions-arising-example.txt').replace(
    'Circulate the revised terms of reference',
    `Circulate the revised terms of reference for ${CANARY}`,
  );
  await say(board, users.PN, `import\n${table}`);
  await say(board, users.MH, 'exempt 01.14/03/2023 under FOIA s.31 (law enforcement)');
  // Jane replies on her card (adaptiveCard/action invoke), with the canary in her note.
  const version = (await quietly(() => bot.stores.actions.get(t.scope, IDS.JD)))!.action.version;
  await execute(
    board,
    users.JD,
    'action.reply',
    { actionId: IDS.JD, version },
    { status: 'in_progress', note: `Drafted for ${CANARY}` },
  );
  // A message carrying a bearer token where the Bot Connector puts its own.
  statuses.withToken = (
    await postActivity(bot.url, personalMessage(users.JD, 'mine', board.dm), { token: CONNECTOR_TOKEN })
  ).status;

  // The tab: Jane's own actions (the exempt text included, as she owns it), with her bearer token.
  const login = async (personId: string): Promise<string> => {
    const res = await fetch(`${bot.base}/api/tab/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ personId }),
    });
    const { token } = (await res.json()) as { token: string };
    secrets.push(token);
    return token;
  };
  const jane = await login('jane-doe');
  const mine = await fetch(`${bot.base}/api/tab/actions?view=mine`, { headers: { authorization: `Bearer ${jane}` } });
  statuses.tab = mine.status;
  statuses.tabHasCanary = (await mine.text()).includes(CANARY) ? 1 : 0;
  // The chair's meetings chart carries signed links to the action log; one is opened.
  const chair = await login('morgan-hale');
  const meetings = await fetch(`${bot.base}/api/tab/meetings`, { headers: { authorization: `Bearer ${chair}` } });
  const { digest } = (await meetings.json()) as { digest?: { docx: string } };
  const signature = new URL(digest!.docx).searchParams.get('sig')!;
  secrets.push(signature);
  statuses.document = (await fetch(digest!.docx)).status;

  // Everything queued so far is sent, then the scheduler chases, and Teams throttles the first chaser once.
  await bot.teams.sender.drain();
  const scheduler = new Scheduler({
    stores: bot.stores,
    schedule: SCHEDULE,
    now: clock.now,
    instanceId: 'telemetry-test',
    scopes: async () => [t.scope],
    log: createLogger('error', () => undefined),
    onQueued: () => undefined,
  });
  clock.set(digestTimes('2023-04-11', SCHEDULE).chaseAt.toISOString());
  bot.channel.failNext(1, { status: 429, retryAfterSeconds: 0.05, route: 'send' });
  const runs = (await scheduler.tick()).runs;
  statuses.chased = runs.filter((r) => r.kind === 'chase' && r.result === 'done' && r.meeting === '2023-04-11').length;
  await bot.teams.sender.drain();
  // The throttled chaser waits out its backoff (under a second at the first retry), then goes.
  for (let i = 0; i < 20 && (await quietly(() => bot.stores.outbox.list('queued'))).length > 0; i++) {
    await sleep(200);
    await bot.teams.sender.drain();
  }
  await scheduler.stop();
}, 120_000);

afterAll(async () => {
  await board?.bot.close();
  await telemetry?.stop();
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  rmSync(offline, { recursive: true, force: true });
});

describe('telemetry through the real bot', () => {
  it('drove every path it means to check', () => {
    expect(statuses).toMatchObject({ tab: 200, tabHasCanary: 1, document: 200, chased: 1 });
  });

  it('a message is a server span naming its activity and command, with its storage and Teams calls beneath', () => {
    const [message] = served('POST /api/messages').filter((s) => s.attributes['pam.command'] === 'import');
    expect(message).toBeDefined();
    expect(message!.attributes).toMatchObject({
      'http.route': '/api/messages',
      'http.response.status_code': 200,
      'teams.activity.type': 'message',
      'teams.conversation.type': 'personal',
      'pam.files': 0,
    });
    const beneath = descendants(message!);
    expect(storageCalls(beneath).length).toBeGreaterThan(5);
    const replies = teamsCalls(beneath);
    expect(replies.length).toBeGreaterThan(0);
    expect(urlOf(replies[0]!)).toMatch(/\/v3\/conversations\/\{id\}\/activities\/\{id\}$/);
  });

  it('a card action is a server span naming the invoke and its verb', () => {
    const [invoke] = served('POST /api/messages').filter((s) => s.attributes['pam.verb'] === 'action.reply');
    expect(invoke?.attributes).toMatchObject({
      'teams.activity.type': 'invoke',
      'teams.activity.name': 'adaptiveCard/action',
      'teams.conversation.type': 'personal',
      'http.response.status_code': 200,
    });
    expect(storageCalls(descendants(invoke!)).length).toBeGreaterThan(0);
  });

  it('tab requests and document links are server spans named by their route, with their status', () => {
    const [tab] = served('GET /api/tab/actions');
    expect(tab?.attributes).toMatchObject({ 'http.route': '/api/tab/actions', 'http.response.status_code': 200 });
    expect(storageCalls(descendants(tab!)).length).toBeGreaterThan(0);
    const [document] = served('GET /files/digest');
    expect(document?.attributes).toMatchObject({ 'http.route': '/files/digest', 'http.response.status_code': 200 });
    expect(document!.attributes['url.query']).toBeUndefined();
  });

  it('each scheduler job is a trace of its own, its outcome an event', () => {
    // The chase before the meeting of 11/04/2023, and the two jobs of 14/03/2023 skipped (it was held).
    const jobs = spans().filter((s) => s.name === 'scheduler.job');
    expect(jobs).toHaveLength(3);
    for (const job of jobs) {
      expect(parentOf(job)).toBeUndefined();
      expect(job.events.map((e) => e.name)).toEqual(['scheduler.job']);
    }
    const outcomes = jobs.map((j) => {
      const said = j.events[0]!.attributes!;
      return [j.attributes['pam.job.kind'], said['pam.job.result'], said['pam.job.queued']];
    });
    expect(outcomes).toEqual(
      expect.arrayContaining([
        ['chase', 'done', expect.any(Number)],
        ['chase', 'skipped', 0],
        ['digest', 'skipped', 0],
      ]),
    );
    const chase = jobs.find((j) => j.events[0]!.attributes!['pam.job.result'] === 'done')!;
    expect(chase.events[0]!.attributes!['pam.job.queued']).toBeGreaterThan(0);
    expect(storageCalls(descendants(chase)).length).toBeGreaterThan(0);
  });

  it('each outbox send is a trace of its own: a throttled one says retry, with the 429 beneath, then sent', () => {
    const sends = spans().filter((s) => s.name === 'outbox.send');
    for (const s of sends) expect(parentOf(s)).toBeUndefined();
    const chases = sends.filter((s) => s.attributes['pam.outbox.kind'] === 'chase');
    const retried = chases.filter((s) => s.events.some((e) => e.name === 'outbox.retry'));
    expect(retried).toHaveLength(1);
    const [retry] = retried[0]!.events.filter((e) => e.name === 'outbox.retry');
    expect(retry!.attributes).toMatchObject({ 'pam.outbox.attempt': 1, 'http.response.status_code': 429 });
    expect(teamsCalls(descendants(retried[0]!)).map((s) => s.attributes['http.status_code'])).toContain(429);
    const secondGo = chases.find((s) => s.attributes['pam.outbox.attempt'] === 2);
    expect(secondGo?.events.map((e) => e.name)).toEqual(['outbox.sent']);
    expect(teamsCalls(descendants(secondGo!)).length).toBeGreaterThan(0);
  });

  it('the outbox poll and the scheduler tick are not traced: every trace starts at a request, a send or a job', () => {
    const roots = spans().filter((s) => parentOf(s) === undefined);
    const others = roots.filter(
      (s) => s.kind !== SpanKind.SERVER && s.name !== 'outbox.send' && s.name !== 'scheduler.job',
    );
    expect(others.map((s) => s.name)).toEqual([]);
  });

  it('no attribute, event or status anywhere holds the exempt text, a token, a signature, a key or the password', () => {
    expect(statuses.withToken).toBeGreaterThan(0);
    const all = spans();
    expect(all.length).toBeGreaterThan(50);
    for (const s of all) {
      const recorded = JSON.stringify({
        name: s.name,
        attributes: s.attributes,
        events: s.events.map((e) => ({ name: e.name, attributes: e.attributes })),
        status: s.status,
      });
      for (const secret of secrets) expect(recorded, `${s.name} holds ${secret}`).not.toContain(secret);
    }
  });
});
