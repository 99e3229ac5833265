// The production build end to end: `npm run build` (bot/build.ts), then dist/ copied alone to an
// empty folder (as the container's runtime stage and App Service get it: no node_modules), and
// `node server.js` and `node cli.js` there with plain node on a configured table store (the test
// run's Azurite). A message from Teams is answered, the tab's bundle is the one built beside the
// server, and SIGTERM stops it cleanly. With Application Insights configured (a connection string
// whose endpoint is a closed loopback port, so nothing leaves the machine) it starts, answers, logs
// only JSON and stops the same way.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTeamsChannel, type TeamsChannel } from '../helpers/teams-channel.ts';
import {
  freePort,
  killAllChildren,
  linesOf,
  pollHttp,
  repoRoot,
  runCli,
  startServer,
  stopServer,
  type ServerChild,
} from '../helpers/processes.ts';
import { personalMessage, postActivity, teamsUser } from '../helpers/teams-activities.ts';

let shipped: string;
const dist = (file: string): string => readFileSync(join(shipped, file), 'utf8');

let env: Record<string, string>;
let base: string;
let server: ServerChild;
let teams: TeamsChannel;

beforeAll(async () => {
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bot/build.ts'], { cwd: repoRoot });
  shipped = join(mkdtempSync(join(tmpdir(), 'pam-dist-')), 'dist');
  cpSync(join(repoRoot, 'dist'), shipped, { recursive: true });
  teams = await startTeamsChannel();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  env = {
    TABLES_CONNECTION_STRING: inject('tablesConnectionString'),
    TABLES_PREFIX: `built${Date.now().toString(36)}`,
    PORT: String(port),
    LOG_LEVEL: 'info',
  };
  server = startServer(env, { built: shipped });
  await pollHttp(`${base}/healthz`, { server, until: 'ok', timeoutMs: 20_000 });
}, 60_000);

afterAll(async () => {
  await killAllChildren();
  await teams?.close();
  if (shipped) rmSync(join(shipped, '..'), { recursive: true, force: true });
});

describe('the built server', () => {
  it('is plain JavaScript with its packages bundled in: it imports only Node and, for local use, Azurite', () => {
    for (const file of ['server.js', 'cli.js']) {
      const imported = [...dist(file).matchAll(/^(?:import|export) .*? from ["']([^"']+)["'];?$/gm)].map(
        (m) => m[1] ?? '',
      );
      const dynamic = [...dist(file).matchAll(/\bawait import\(["']([^"']+)["']\)/g)].map((m) => m[1] ?? '');
      expect(imported.length).toBeGreaterThan(0);
      // Its own chunks, beside it (what it imports on demand), are the only files it reads.
      const outside = [...imported, ...dynamic].filter(
        (spec) =>
          spec !== 'azurite' &&
          !builtinModules.includes(spec.replace(/^node:/, '')) &&
          !(spec.startsWith('./') && existsSync(join(shipped, spec))),
      );
      expect(outside, file).toEqual([]);
    }
  });

  it('answers /healthz on the configured store', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', storage: 'ok' });
    const events = linesOf(server.stdout()).map((l) => JSON.parse(l) as { event: string });
    expect(events.map((e) => e.event)).toContain('server.listening');
  });

  it('serves the tab bundle written beside it', async () => {
    const res = await fetch(`${base}/tab/tab.js`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(dist('tab.js'));
  });

  it('takes the built CLI’s import and answers a Teams message', async () => {
    const people = await runCli(['people', 'import', 'tests/fixtures/people-example.csv'], { env, built: shipped });
    expect(people.code, people.stderr).toBe(0);
    expect(linesOf(people.stdout).at(-1)).toBe('8 added, 0 updated, 0 unchanged, 0 not understood');

    const priya = teamsUser('Priya Nair', { email: 'priya.nair@example.org.uk' });
    const res = await postActivity(
      `${base}/api/messages`,
      personalMessage(priya, 'help', { serviceUrl: teams.serviceUrl, tenantId: 'local' }),
    );
    expect(res.status).toBe(200);
    const [reply] = await teams.waitForSent(1);
    expect(JSON.stringify(reply?.activity)).toMatch(/actions/i);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    const end = await stopServer(server, 10_000);
    expect(end, server.stderr()).toMatchObject({ code: 0, signal: null });
  });
});

describe('the built server with telemetry on', () => {
  let traced: ServerChild;
  let tracedBase: string;
  // What the exporter cannot send it keeps on disk under the temporary directory, to send later.
  const offline = mkdtempSync(join(tmpdir(), 'pam-telemetry-'));
  afterAll(() => rmSync(offline, { recursive: true, force: true }));

  beforeAll(async () => {
    const port = await freePort();
    tracedBase = `http://127.0.0.1:${port}`;
    traced = startServer(
      {
        ...env,
        PORT: String(port),
        APPLICATIONINSIGHTS_CONNECTION_STRING:
          'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/;LiveEndpoint=http://127.0.0.1:9/',
        // The SDK's own statistics and settings go to Microsoft over https: through a closed proxy here.
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        TMPDIR: offline,
        HTTPS_PROXY: 'http://127.0.0.1:9',
        NO_PROXY: '127.0.0.1,localhost',
      },
      { built: shipped },
    );
    await pollHttp(`${tracedBase}/healthz`, { server: traced, until: 'ok', timeoutMs: 30_000 });
  }, 60_000);

  it('loads Azure Monitor only when asked to: the server imports it from a chunk of its own, on demand', () => {
    expect(dist('server.js')).not.toMatch(/monitor-opentelemetry/);
    expect(dist('server.js')).toMatch(/await import\("\.\/start-[\w-]+\.js"\)/);
  });

  it('answers a Teams message, and writes nothing but JSON lines', async () => {
    const priya = teamsUser('Priya Nair', { email: 'priya.nair@example.org.uk' });
    const sent = teams.sent().length;
    const res = await postActivity(
      `${tracedBase}/api/messages`,
      personalMessage(priya, 'help', { serviceUrl: teams.serviceUrl, tenantId: 'local' }),
    );
    expect(res.status).toBe(200);
    const [reply] = (await teams.waitForSent(sent + 1)).slice(sent);
    expect(JSON.stringify(reply?.activity)).toMatch(/actions/i);
    for (const line of linesOf(traced.stdout())) expect(() => JSON.parse(line), line).not.toThrow();
  });

  it('stops on SIGTERM with exit code 0, its last spans flushed (to nowhere)', async () => {
    const end = await stopServer(traced, 15_000);
    expect(end, traced.stderr()).toMatchObject({ code: 0, signal: null });
  });
});
