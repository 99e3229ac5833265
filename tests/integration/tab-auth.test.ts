// The tab API's token check, with keys made here and served as a JWKS on loopback (standing in for
// Entra ID's published keys): a valid Teams SSO token gets the caller's data; an expired token, a
// wrong audience, issuer or tenant, a bad signature, `alg: none` or no token at all gets 401 and no
// data. With an app id configured, dev tokens and the dev sign-in do not exist.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, devTokens, TokenError } from '../../bot/auth/tokens.ts';
import { loadConfig } from '../../bot/config.ts';
import { createApp } from '../../bot/http/app.ts';
import { createTabRoutes, tabVerifier } from '../../bot/http/tab.ts';
import { createLogger } from '../../bot/log.ts';
import { importPeople } from '../../bot/services/people.ts';
import { createStores, createBoardContext } from '../../bot/services/board-context.ts';
import { fixture } from '../helpers/bot-board.ts';
import { testTables } from '../helpers/tables.ts';

const TENANT = '72f988bf-0000-4000-8000-0000000000aa';
const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';
const APP_ID = '00000000-aaaa-4bbb-8ccc-000000000001';
const HOST = 'pam.example.org';
const OID = '9d3e1a2b-0000-4000-8000-00000000beef';
const JANE_OID = '9d3e1a2b-0000-4000-8000-00000000ca7e';

let jwks: Server;
let jwksUrl: string;
let app: Server;
let base: string;
let privateKey: CryptoKey;
let otherKey: CryptoKey;
const KID = 'test-key-1';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Claims {
  aud?: string;
  iss?: string;
  tid?: string;
  oid?: string;
  exp?: number;
  key?: CryptoKey;
}

async function token(c: Claims = {}): Promise<string> {
  const tid = c.tid ?? TENANT;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tid, oid: c.oid ?? OID, name: 'Priya Nair', scp: 'access_as_user' })
    .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
    .setIssuer(c.iss ?? `https://login.microsoftonline.com/${tid}/v2.0`)
    .setAudience(c.aud ?? `api://${HOST}/${APP_ID}`)
    .setIssuedAt(now - 60)
    .setNotBefore(now - 60)
    .setExpirationTime(c.exp ?? now + 3600)
    .sign(c.key ?? privateKey);
}

const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');

function algNone(): string {
  const now = Math.floor(Date.now() / 1000);
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({
    aud: `api://${HOST}/${APP_ID}`,
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    tid: TENANT,
    oid: OID,
    exp: now + 3600,
    iat: now,
  })}.`;
}

async function me(authorization?: string): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
  const res = await fetch(`${base}/api/tab/me`, { headers: authorization ? { Authorization: authorization } : {} });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Record<string, unknown>, text };
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  jwks = createServer((_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  jwksUrl = `${await listen(jwks)}/keys`;

  // The server as configured for a single-tenant deployment, its JWKS pointed at loopback.
  const config = loadConfig({
    MicrosoftAppId: APP_ID,
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: TENANT,
    PUBLIC_URL: `https://${HOST}`,
    TAB_JWKS_URL: jwksUrl,
  });
  expect(config.tab).toMatchObject({
    appId: APP_ID,
    tenant: TENANT,
    devLogin: false,
    audiences: [`api://${HOST}/${APP_ID}`, APP_ID],
  });
  const stores = createStores(await testTables());
  const t = createBoardContext(stores, { tenant: TENANT, board: 'PAM' });
  await importPeople(t, fixture('people-example.csv'));
  const priya = await stores.people.get(t.scope, 'priya-nair');
  if (!priya) throw new Error('fixture person missing');
  await stores.people.save(t.scope, { ...priya.person, aadObjectId: OID }, priya);
  const jane = await stores.people.get(t.scope, 'jane-doe');
  if (!jane) throw new Error('fixture person missing');
  await stores.people.save(t.scope, { ...jane.person, aadObjectId: JANE_OID }, jane);

  const log = createLogger('error', () => {});
  const tab = createTabRoutes({
    config: config.tab,
    stores,
    log,
    board: 'PAM',
    bundle: async () => ({ js: '', bytes: 0, gzipBytes: 0 }),
  });
  app = createServer(createApp({ log, storage: { ping: async () => {} }, tab }));
  base = await listen(app);
});

afterAll(async () => {
  for (const s of [app, jwks]) {
    s?.closeAllConnections();
    await new Promise<void>((resolve) => (s ? s.close(() => resolve()) : resolve()));
  }
});

describe('tab API tokens (single tenant, app id set)', () => {
  it('a valid SSO token (v2 issuer) is the directory person linked to its oid', async () => {
    const r = await me(`Bearer ${await token()}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      person: { id: 'priya-nair', name: 'Priya Nair', role: 'secretariat' },
      canSeeBoard: true,
    });
  });

  it('accepts the v1 issuer and the bare app id as audience', async () => {
    const r = await me(`Bearer ${await token({ iss: `https://sts.windows.net/${TENANT}/`, aud: APP_ID })}`);
    expect(r.status).toBe(200);
  });

  it('the same token reads the board; a member’s token reads only their own', async () => {
    const all = await fetch(`${base}/api/tab/actions?view=all`, {
      headers: { Authorization: `Bearer ${await token()}` },
    });
    expect(all.status).toBe(200);
    expect(await all.json()).toMatchObject({ view: 'all', board: 'PAM', actions: [] });
    const meetings = await fetch(`${base}/api/tab/meetings`, { headers: { Authorization: `Bearer ${await token()}` } });
    expect(meetings.status).toBe(200);
    const member = await fetch(`${base}/api/tab/actions?view=all`, {
      headers: { Authorization: `Bearer ${await token({ oid: JANE_OID })}` },
    });
    expect(member.status).toBe(403);
    const mine = await fetch(`${base}/api/tab/actions?view=mine`, {
      headers: { Authorization: `Bearer ${await token({ oid: JANE_OID })}` },
    });
    expect(await mine.json()).toMatchObject({ view: 'mine', actions: [] });
  });

  it('a valid token for someone not linked in the directory gets 403 and no data', async () => {
    const r = await me(`Bearer ${await token({ oid: randomUUID() })}`);
    expect(r.status).toBe(403);
    expect(Object.keys(r.body)).toEqual(['error']);
  });

  const refused: Array<[string, () => Promise<string | undefined>]> = [
    ['expired', async () => `Bearer ${await token({ exp: Math.floor(Date.now() / 1000) - 600 })}`],
    ['wrong audience', async () => `Bearer ${await token({ aud: `api://${HOST}/${randomUUID()}` })}`],
    ['wrong issuer', async () => `Bearer ${await token({ iss: `https://login.example.com/${TENANT}/v2.0` })}`],
    [
      'issuer of another tenant',
      async () => `Bearer ${await token({ iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` })}`,
    ],
    ['wrong tenant', async () => `Bearer ${await token({ tid: OTHER_TENANT })}`],
    ['bad signature', async () => `Bearer ${await token({ key: otherKey })}`],
    [
      'tampered payload',
      async () => {
        const [h, , s] = (await token()).split('.');
        return `Bearer ${h}.${b64({ tid: TENANT, oid: OID, aud: APP_ID, iss: `https://sts.windows.net/${TENANT}/`, exp: 9_999_999_999 })}.${s}`;
      },
    ],
    ['alg none', async () => `Bearer ${algNone()}`],
    ['missing', async () => undefined],
    ['not a bearer', async () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['a dev token (no dev sign-in with an app id)', async () => `Bearer ${devTokens().issue('priya-nair').token}`],
  ];
  for (const [name, make] of refused) {
    it(`${name}: 401 and no data`, async () => {
      for (const path of ['/api/tab/me', '/api/tab/actions?view=all', '/api/tab/meetings']) {
        const auth = await make();
        const res = await fetch(`${base}${path}`, { headers: auth ? { Authorization: auth } : {} });
        const body = (await res.json()) as Record<string, unknown>;
        expect(res.status, `${name} ${path}`).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer');
        expect(Object.keys(body)).toEqual(['error']);
      }
      const auth = await make();
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        ...(auth ? { Authorization: auth } : {}),
      };
      const post = await fetch(`${base}/api/tab/actions/x/reply`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ status: 'completed', version: 1 }),
      });
      expect(post.status).toBe(401);
    });
  }

  it('the dev sign-in does not exist when an app id is configured', async () => {
    const login = await fetch(`${base}/api/tab/dev-login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"personId":"priya-nair"}',
    });
    expect(login.status).toBe(404);
    expect((await fetch(`${base}/api/tab/dev-people`)).status).toBe(404);
    const page = await (await fetch(`${base}/tab`)).text();
    expect(page).toContain('data-dev-login="0"');
  });
});

describe('token verifier (unit)', () => {
  it('multi-tenant: any tenant, issuer of the token’s own tenant', async () => {
    const verify = createTokenVerifier({
      sso: {
        audiences: [APP_ID],
        issuers: ['https://sts.windows.net/{tid}/', 'https://login.microsoftonline.com/{tid}/v2.0'],
        jwksUrl,
      },
    });
    await expect(verify.verify(`Bearer ${await token({ tid: OTHER_TENANT, aud: APP_ID })}`)).resolves.toEqual({
      kind: 'entra',
      oid: OID,
      tid: OTHER_TENANT,
    });
    await expect(
      verify.verify(
        `Bearer ${await token({ tid: OTHER_TENANT, aud: APP_ID, iss: `https://sts.windows.net/${TENANT}/` })}`,
      ),
    ).rejects.toBeInstanceOf(TokenError);
  });

  it('local mode: dev tokens only, signed by this process, and they expire', async () => {
    let now = new Date('2026-11-23T10:00:00Z');
    const verify = createTokenVerifier({ dev: { now: () => now } });
    const issued = verify.devToken?.('jane-doe');
    if (!issued) throw new Error('no dev tokens in local mode');
    await expect(verify.verify(`Bearer ${issued.token}`)).resolves.toEqual({ kind: 'dev', personId: 'jane-doe' });
    await expect(verify.verify(`Bearer ${devTokens().issue('jane-doe').token}`)).rejects.toThrow(/signature/);
    await expect(verify.verify(`Bearer ${await token()}`)).rejects.toThrow(/not configured/);
    now = new Date('2026-11-24T10:00:00Z');
    await expect(verify.verify(`Bearer ${issued.token}`)).rejects.toThrow(/expired/);
  });

  it('the configuration: dev sign-in only without an app id and outside production', () => {
    expect(loadConfig({}).tab.devLogin).toBe(true);
    expect(loadConfig({ MicrosoftAppId: APP_ID }).tab.devLogin).toBe(false);
    expect(loadConfig({ TAB_SSO_APP_ID: APP_ID }).tab.devLogin).toBe(false);
    expect(
      loadConfig({ MicrosoftAppId: APP_ID, NODE_ENV: 'production', TABLES_CONNECTION_STRING: 'x' }).tab,
    ).toMatchObject({
      devLogin: false,
      jwksUrl: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
      audiences: [`api://127.0.0.1:3978/${APP_ID}`, APP_ID],
    });
    expect(tabVerifier(loadConfig({ MicrosoftAppId: APP_ID }).tab).devToken).toBeUndefined();
  });
});
