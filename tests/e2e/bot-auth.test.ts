// A bot registered with an app id authenticates every request to /api/messages: botbuilder's
// CloudAdapter checks the Bot Connector's JWT against the keys published at the OpenID metadata
// URL, here a loopback stand-in (ToBotFromChannelOpenIdMetadataUrl) signing with keys of its own.
// Whatever comes without a good token is answered 401 without reaching the bot: nothing stored or
// sent, no turn logged, and the token in no log line. That includes tokens shaped as the Emulator's
// or a skill's, which this bot does not take (botbuilder would check them against the public cloud's
// keys, unreachable here), and a token without an expiry. One valid token shows the 401s are not
// simply every answer. When the keys cannot be read the answer is 503, logged, and again the bot
// never runs. A body that is no activity is answered 400 before any of this.
import { randomUUID } from 'node:crypto';
import { format } from 'node:util';
import { exportSPKI, importJWK, SignJWT, type CryptoKey } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { importPeople } from '../../bot/services/people.ts';
import type { Scope } from '../../bot/rules/types.ts';
import { directoryUsers, fixture, TENANT } from '../helpers/bot-board.ts';
import { startBot, type BotUnderTest } from '../helpers/bot-harness.ts';
import { startOpenIdStandIn, type OpenIdStandIn } from '../helpers/openid-stand-in.ts';
import {
  installationUpdate,
  personalMessage,
  postActivity,
  teamsUser,
  type TeamsActivity,
  type TeamsUser,
} from '../helpers/teams-activities.ts';

const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
/** A tenant botbuilder lists among the Emulator's token issuers (tokenValidationParameters.js). */
const EMULATOR_TENANT = 'd6d49420-f39b-4df7-a1dc-d59a935871db';
const HOUR = 3600;
const nowSec = (): number => Math.floor(Date.now() / 1000);

/** What botbuilder and the rest of the process print to the console during a test. */
function captureConsole(): string[] {
  const lines: string[] = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(format(...args));
    });
  }
  return lines;
}

/** No line holds the token, nor its signature (the part that would let it be replayed). */
function expectNoToken(lines: readonly string[], token: string | undefined): void {
  if (!token) return;
  const signature = token.split('.')[2] ?? '';
  for (const line of lines) {
    expect(line).not.toContain(token);
    if (signature.length >= 16) expect(line).not.toContain(signature);
  }
}

const eventsOf = (lines: readonly string[]): string[] =>
  lines.map((l) => String((JSON.parse(l) as { event?: unknown }).event));

/** A bot with an app id, reading its keys from `keys`; its activities come from its channel stand-in. */
async function botTrusting(keys: { metadataUrl: string }, appId: string): Promise<BotUnderTest> {
  return startBot({
    env: { MicrosoftAppId: appId, MicrosoftAppPassword: 'x', ToBotFromChannelOpenIdMetadataUrl: keys.metadataUrl },
  });
}

describe('a bot with an app id', () => {
  const appId = randomUUID();
  let keys: OpenIdStandIn;
  let bot: BotUnderTest;
  // With an app id the bot works on the tenant the activity names (no local tenant).
  const scope: Scope = { tenant: TENANT, board: 'PAM' };
  const users = directoryUsers();
  let activities: TeamsActivity[];
  let consoleLines: string[];

  beforeAll(async () => {
    keys = await startOpenIdStandIn();
    bot = await botTrusting(keys, appId);
    await importPeople(bot.context(scope), fixture('people-example.csv'));
    const ctx = { serviceUrl: bot.channel.serviceUrl, tenantId: TENANT };
    // Installing keeps the chat; the import, from the secretariat, would fill the board.
    activities = [
      installationUpdate(users.PN, 'personal', 'add', ctx),
      personalMessage(users.PN, `import\n${fixture('actions-arising-example.txt')}`, ctx),
    ];
  });
  afterAll(async () => {
    await bot?.close();
    await keys?.close();
  });
  beforeEach(() => {
    consoleLines = captureConsole();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Nothing the requests asked for happened: no chat kept, nobody linked, no action, nothing queued or sent. */
  async function expectNothingStored(): Promise<void> {
    expect(await bot.stores.conversations.get(TENANT, 'personal', users.PN.aadObjectId)).toBeNull();
    expect(await bot.stores.people.byTeamsId(scope, users.PN.aadObjectId)).toBeNull();
    expect(await bot.stores.actions.listAll(scope)).toEqual([]);
    expect(await bot.stores.actions.listAll(bot.context().scope)).toEqual([]);
    expect(await bot.stores.outbox.list('queued')).toEqual([]);
    expect(bot.channel.requests).toEqual([]);
  }

  /** A token the Bot Connector would send this bot for its channel stand-in, with `claims` changed. */
  const channelToken = (
    claims: Record<string, unknown> = {},
    opts: Parameters<OpenIdStandIn['sign']>[1] = {},
  ): Promise<string> => keys.sign({ aud: appId, serviceurl: bot.channel.serviceUrl, ...claims }, opts);

  interface Refusal {
    name: string;
    token: () => Promise<string | undefined>;
    /** The activities' channelId, when not Teams'. */
    channelId?: string;
    /** botbuilder's reason, sent back as the body. */
    body: RegExp;
  }
  const refusals: Refusal[] = [
    {
      name: 'no Authorization header',
      token: async () => undefined,
      body: /^Unauthorized Access\. Request is not authorized$/,
    },
    { name: 'a garbage bearer', token: async () => 'garbage', body: /^Unauthorized\. No valid identity\.$/ },
    { name: 'three garbage parts', token: async () => 'a.b.c', body: /^Unauthorized\. No valid identity\.$/ },
    // Issued by the Bot Framework in name, but no key to check it with.
    {
      name: 'an unsigned token (alg none)',
      token: async () =>
        `${b64({ alg: 'none' })}.${b64({ iss: 'https://api.botframework.com', aud: appId, exp: nowSec() + 600 })}.`,
      body: /^Signing Key could not be retrieved\.$/,
    },
    // Signed by the trusted key and right in every other way: jsonwebtoken alone would take it for ever.
    {
      name: 'a token with no expiry',
      token: () => channelToken({ exp: undefined }),
      body: /^Unauthorized\. The token has no expiry\.$/,
    },
    {
      name: 'an expired token signed by the trusted key',
      token: () => channelToken({ iat: nowSec() - 2 * HOUR, nbf: nowSec() - 2 * HOUR, exp: nowSec() - HOUR }),
      body: /^The token has expired$/,
    },
    {
      name: 'a token not valid for another hour',
      token: () => channelToken({ nbf: nowSec() + HOUR, exp: nowSec() + 2 * HOUR }),
      body: /^Unauthorized\. jwt not active$/,
    },
    {
      name: "a token for another bot's app id",
      token: () => channelToken({ aud: randomUUID() }),
      body: /^Unauthorized\. Invalid AppId passed on token: /,
    },
    {
      name: 'a token without an audience',
      token: () => channelToken({ aud: undefined }),
      body: /^Unauthorized\. Invalid AppId passed on token: /,
    },
    {
      name: 'a token from another issuer',
      token: () => channelToken({ iss: 'https://api.botframework.example' }),
      body: /^Unauthorized\. The token was not issued by the Bot Connector\.$/,
    },
    // Shaped as botbuilder recognises the Emulator's and a skill's tokens, which it would check against
    // keys on the public cloud (unreachable here: a 503), whatever keys the bot is given.
    {
      name: "an Emulator's v1 token (an Entra ID issuer botbuilder routes to the Emulator)",
      token: () =>
        channelToken({
          iss: `https://sts.windows.net/${EMULATOR_TENANT}/`,
          tid: EMULATOR_TENANT,
          ver: '1.0',
          appid: appId,
          aud: appId,
          serviceurl: undefined,
        }),
      body: /^Unauthorized\. The token was not issued by the Bot Connector\.$/,
    },
    {
      name: "an Emulator's v2 token",
      token: () =>
        channelToken({
          iss: `https://login.microsoftonline.com/${EMULATOR_TENANT}/v2.0`,
          tid: EMULATOR_TENANT,
          ver: '2.0',
          azp: appId,
          aud: appId,
          serviceurl: undefined,
        }),
      body: /^Unauthorized\. The token was not issued by the Bot Connector\.$/,
    },
    {
      name: "a skill's token (another bot's app id calling this one)",
      token: () =>
        channelToken({
          iss: `https://sts.windows.net/${EMULATOR_TENANT}/`,
          ver: '1.0',
          appid: randomUUID(),
          aud: appId,
          serviceurl: undefined,
        }),
      body: /^Unauthorized\. This bot takes no skill tokens\.$/,
    },
    // botbuilder routes by the claims alone: the Bot Connector's issuer does not make it a channel token.
    {
      name: "a skill's claims under the Bot Connector's issuer",
      token: () => channelToken({ ver: '2.0', azp: randomUUID() }),
      body: /^Unauthorized\. This bot takes no skill tokens\.$/,
    },
    // The AseChannel is routed by the activity's channelId, and its keys are the public cloud's too.
    {
      name: 'a good token on an AseChannel activity',
      channelId: 'AseChannel',
      token: () => channelToken(),
      body: /^Unauthorized\. This bot takes no AseChannel requests\.$/,
    },
    {
      name: 'a token for another serviceUrl',
      token: () => channelToken({ serviceurl: 'https://smba.example.net/emea/' }),
      body: /^Unauthorized\. ServiceUrl claim do not match\.$/,
    },
    {
      name: 'a token signed by an unknown key',
      token: () => channelToken({}, { key: 'unknown' }),
      body: /^Signing Key could not be retrieved\.$/,
    },
    {
      name: "the trusted key's id on another key's signature",
      token: () => channelToken({}, { key: 'unknown', kid: 'trusted' }),
      body: /^Unauthorized\. invalid signature$/,
    },
    {
      name: 'a published key not endorsed for Teams',
      token: () => channelToken({}, { key: 'unendorsed' }),
      body: /^Could not validate endorsement for key: unendorsed/,
    },
    {
      name: 'HMAC-signed with the public key as the secret',
      token: async () => {
        // importJWK gives a CryptoKey for an RSA JWK (a Uint8Array only for symmetric ones).
        const pem = await exportSPKI((await importJWK(keys.trustedJwk, 'RS256', { extractable: true })) as CryptoKey);
        const now = nowSec();
        return new SignJWT({
          iss: 'https://api.botframework.com',
          aud: appId,
          serviceurl: bot.channel.serviceUrl,
          nbf: now,
          exp: now + 600,
        })
          .setProtectedHeader({ alg: 'HS256', kid: 'trusted' })
          .sign(new TextEncoder().encode(pem));
      },
      body: /^Unauthorized\. invalid algorithm$/,
    },
  ];

  it.each(refusals)(
    'refuses $name: 401, nothing stored, the bot never runs, the token not logged',
    async ({ token: make, body, channelId }) => {
      const token = await make();
      const from = bot.logs.length;
      for (const activity of activities.map((a) => (channelId ? { ...a, channelId } : a))) {
        const started = performance.now();
        const res = await postActivity(bot.url, activity, {
          ...(token === undefined ? {} : { token }),
          timeoutMs: 5_000,
        });
        expect(res.status).toBe(401);
        expect(String(res.body)).toMatch(body);
        expectNoToken([String(res.body)], token);
        // Nothing waits on the network: the keys are on loopback, and most refusals need none.
        expect(performance.now() - started).toBeLessThan(2_000);
      }
      await expectNothingStored();
      const lines = bot.logs.slice(from);
      // The refusal is logged, once a request, and no turn is (no teams.message, installed, turn_failed).
      expect(eventsOf(lines)).toEqual(activities.map(() => 'teams.unauthorized'));
      expectNoToken([...lines, ...consoleLines], token);
    },
  );

  // Bodies that are no activity Teams sends: refused with a short reason before any token is looked at
  // (well-formed activities are authenticated, as above), and before botbuilder, which would throw.
  const installation = (): TeamsActivity =>
    installationUpdate(users.PN, 'personal', 'add', { serviceUrl: bot.channel.serviceUrl, tenantId: TENANT });
  const without = (key: keyof TeamsActivity) => (): object =>
    Object.fromEntries(Object.entries(installation()).filter(([k]) => k !== key));
  const malformed: Array<{ name: string; body: () => object; reason: RegExp }> = [
    { name: 'an empty object', body: () => ({}), reason: /^the activity has no type$/ },
    {
      name: 'a type that is not a string',
      body: () => ({ ...installation(), type: 5 }),
      reason: /^the activity has no type$/,
    },
    {
      name: 'an array',
      body: () => [installation()],
      reason: /^the request body is not an activity \(a JSON object\)$/,
    },
    { name: 'an activity without a channelId', body: without('channelId'), reason: /^the activity has no channelId$/ },
    {
      name: 'an activity without a serviceUrl',
      body: without('serviceUrl'),
      reason: /^the activity has no serviceUrl/,
    },
    {
      name: 'an activity whose serviceUrl is not a URL',
      body: () => ({ ...installation(), serviceUrl: 42 }),
      reason: /^the activity has no serviceUrl/,
    },
    {
      name: 'an activity without a conversation',
      body: without('conversation'),
      reason: /^the activity has no conversation\.id$/,
    },
    {
      name: 'an activity without a sender',
      body: () => ({ ...installation(), from: {} }),
      reason: /^the activity has no from\.id$/,
    },
  ];
  it.each(malformed)(
    'answers $name 400 with its reason, with or without a good token: no handler runs, nothing stored',
    async ({ body, reason }) => {
      const token = await channelToken();
      const from = bot.logs.length;
      for (const auth of [{}, { token }]) {
        const res = await postActivity(bot.url, body(), { ...auth, timeoutMs: 5_000 });
        expect(res.status).toBe(400);
        expect((res.body as { error?: unknown }).error).toMatch(reason);
      }
      await expectNothingStored();
      const lines = bot.logs.slice(from);
      // Refused by the HTTP app, at info: no error logged, no token checked, no turn.
      expect(eventsOf(lines)).toEqual(['http.refused', 'http.refused']);
      expect(lines.map((l) => (JSON.parse(l) as { level?: unknown }).level)).not.toContain('error');
      expect(consoleLines).toEqual([]);
      expectNoToken(lines, token);
    },
  );

  it('accepts a valid token: the installation reaches the bot and is kept (the control for the refusals)', async () => {
    const newcomer: TeamsUser = teamsUser('Control Newcomer');
    const token = await channelToken();
    const from = bot.logs.length;
    const res = await postActivity(
      bot.url,
      installationUpdate(newcomer, 'personal', 'add', { serviceUrl: bot.channel.serviceUrl, tenantId: TENANT }),
      { token, timeoutMs: 5_000 },
    );
    expect(res.status).toBe(200);
    const kept = await bot.stores.conversations.get(TENANT, 'personal', newcomer.aadObjectId);
    expect(JSON.parse(kept?.reference ?? '{}').serviceUrl).toBe(bot.channel.serviceUrl);
    const lines = bot.logs.slice(from);
    expect(eventsOf(lines)).not.toContain('teams.unauthorized');
    expect(eventsOf(lines)).not.toContain('teams.turn_failed');
    expectNoToken([...lines, ...consoleLines], token);
    // The keys were read from the stand-in, not from the internet.
    expect(keys.requests).toContain('/v1/.well-known/openidconfiguration');
    expect(keys.requests).toContain('/v1/.well-known/keys');
  });
});

describe('a bot with an app id whose signing keys cannot be read', () => {
  let consoleLines: string[];
  beforeEach(() => {
    consoleLines = captureConsole();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function expectUnavailable(bot: BotUnderTest, token: string, user: TeamsUser): Promise<void> {
    const from = bot.logs.length;
    const res = await postActivity(
      bot.url,
      installationUpdate(user, 'personal', 'add', { serviceUrl: bot.channel.serviceUrl, tenantId: TENANT }),
      { token, timeoutMs: 5_000 },
    );
    expect(res.status).toBe(503);
    expect(String(res.body)).toBe('Service unavailable: the request could not be authenticated. Try again later.');
    expect(await bot.stores.conversations.get(TENANT, 'personal', user.aadObjectId)).toBeNull();
    expect(bot.channel.requests).toEqual([]);
    const lines = bot.logs.slice(from);
    expect(eventsOf(lines)).toEqual(['teams.auth_unavailable']);
    expectNoToken([...lines, ...consoleLines], token);
  }

  it('answers 503 while the metadata answers errors, and lets the same token in once it is back', async () => {
    const appId = randomUUID();
    const keys = await startOpenIdStandIn();
    const bot = await botTrusting(keys, appId);
    try {
      const token = await keys.sign({ aud: appId, serviceurl: bot.channel.serviceUrl });
      keys.available = false;
      await expectUnavailable(bot, token, teamsUser('Outage One'));
      keys.available = true;
      const back = teamsUser('Outage Two');
      const res = await postActivity(
        bot.url,
        installationUpdate(back, 'personal', 'add', { serviceUrl: bot.channel.serviceUrl, tenantId: TENANT }),
        { token, timeoutMs: 5_000 },
      );
      expect(res.status).toBe(200);
      expect(await bot.stores.conversations.get(TENANT, 'personal', back.aadObjectId)).not.toBeNull();
    } finally {
      await bot.close();
      await keys.close();
    }
  });

  it('answers 503 when nothing listens at the metadata URL', async () => {
    const appId = randomUUID();
    const keys = await startOpenIdStandIn();
    await keys.close(); // its port now refuses connections; it still signs
    const bot = await botTrusting(keys, appId);
    try {
      await expectUnavailable(
        bot,
        await keys.sign({ aud: appId, serviceurl: bot.channel.serviceUrl }),
        teamsUser('Outage Three'),
      );
    } finally {
      await bot.close();
    }
  });
});
