// The tab inside a stand-in Teams host: a page served as https://teams.microsoft.com (Playwright
// answers that address itself; nothing leaves the machine) frames the tab and answers teams-js's
// messages as Teams does: initialize, getContext (theme), authentication.getAuthToken (an SSO token
// signed with a key made here, served as a JWKS on loopback), and a themeChange event. The tab is
// framed at https://pam.example.org, which Playwright proxies to the server under test. The server
// runs with an app id (SSO mode: no dev sign-in), so this is the in-Teams path end to end.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../bot/services/identity.ts';
import { importActions } from '../../bot/services/import-actions.ts';
import { saveMeeting } from '../../bot/services/meetings.ts';
import { importPeople } from '../../bot/services/people.ts';
import type { Person } from '../../bot/rules/types.ts';
import { clockAt, fixture } from '../helpers/bot-board.ts';
import { startBot, type BotUnderTest } from '../helpers/bot-harness.ts';
import { CHROMIUM, CHROMIUM_ARGS, WAIT } from '../helpers/chromium.ts';

const TENANT = '72f988bf-0000-4000-8000-0000000000aa';
const APP_ID = '00000000-aaaa-4bbb-8ccc-000000000001';
const OID = '9d3e1a2b-0000-4000-8000-00000000beef';
const HOST = 'https://teams.microsoft.com/pam-host';
const TAB_ORIGIN = 'https://pam.example.org';

let context: BrowserContext;
let profile: string;
let jwks: Server;
let bot: BotUnderTest;
let ssoToken: string;

/** The stand-in host: frames the tab and answers teams-js's requests. */
function hostPage(tabUrl: string, token: string, frameContext: 'content' | 'settings' = 'content'): string {
  const runtime = JSON.stringify({
    apiVersion: 4,
    supports: {
      appEntity: {},
      appInstallDialog: {},
      authentication: {},
      pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} },
      teams: { fullTrust: {} },
    },
  });
  return `<!doctype html><html><body>
<iframe id="tab" src="${tabUrl}" width="1200" height="800" title="tab"></iframe>
<script>
  const frame = document.getElementById('tab');
  window.hostLog = [];
  window.hostArgs = {};
  const context = { locale: 'en-gb', theme: 'default', frameContext: '${frameContext}', hostClientType: 'web', entityId: 'pam-tracker-all', tid: '${TENANT}', userObjectId: '${OID}', loginHint: 'priya.nair@example.org.uk' };
  window.addEventListener('message', (e) => {
    const m = e.data;
    if (!m || typeof m !== 'object' || typeof m.func !== 'string') return;
    window.hostLog.push(m.func);
    window.hostArgs[m.func] = m.args;
    const reply = (args) => frame.contentWindow.postMessage({ id: m.id, uuid: m.uuid, args }, '*');
    switch (m.func) {
      case 'initialize': return reply(['${frameContext}', 'web', ${JSON.stringify(runtime)}, '2.58.0']);
      case 'getContext': return reply([context]);
      case 'authentication.getAuthToken': return reply([true, ${JSON.stringify(token)}]);
      case 'settings.setSettings': return reply([true]);
      default: return reply([]);
    }
  });
  // The user pressed Save on the channel tab's configuration dialog.
  window.save = () => frame.contentWindow.postMessage({ func: 'settings.save', args: [{}] }, '*');
  window.setTheme = (theme) => frame.contentWindow.postMessage({ func: 'themeChange', args: [theme] }, '*');
</script></body></html>`;
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwks = createServer((_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/keys`;
  const now = Math.floor(Date.now() / 1000);
  ssoToken = await new SignJWT({ tid: TENANT, oid: OID, scp: 'access_as_user' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'JWT' })
    .setIssuer(`https://login.microsoftonline.com/${TENANT}/v2.0`)
    .setAudience(APP_ID)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(pair.privateKey);

  bot = await startBot({
    tab: true,
    now: clockAt('2023-04-20T09:00:00Z').now,
    env: {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not used: no message is sent',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT,
      TRACKER_TENANT: TENANT,
      PUBLIC_URL: 'https://pam.example.org',
      TAB_JWKS_URL: jwksUrl,
    },
  });
  const t = bot.context();
  expect(t.scope.tenant).toBe(TENANT);
  await importPeople(t, fixture('people-example.csv'));
  const priya = await t.stores.people.get(t.scope, 'priya-nair');
  if (!priya) throw new Error('fixture person missing');
  await t.stores.people.save(t.scope, { ...priya.person, aadObjectId: OID }, priya);
  await saveMeeting(t, { date: '2023-03-14', next: '2023-04-11' });
  await importActions(t, fixture('actions-arising-example.txt'), { actor: actorOf(priya.person as Person, 'cli') });

  profile = mkdtempSync(join(tmpdir(), 'pam-chromium-host-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    timeout: 60_000,
  });
  context.setDefaultTimeout(30_000);
  await context.route('https://teams.microsoft.com/**', (route) => {
    const settings = route.request().url().endsWith('/configure');
    return route.fulfill({
      contentType: 'text/html',
      body: settings
        ? hostPage(`${TAB_ORIGIN}/tab/config`, ssoToken, 'settings')
        : hostPage(`${TAB_ORIGIN}/tab?view=all`, ssoToken),
    });
  });
  // The tab at its public https address, proxied to the server under test (a public page may not
  // frame a loopback address).
  await context.route(`${TAB_ORIGIN}/**`, async (route) => {
    const response = await route.fetch({ url: route.request().url().replace(TAB_ORIGIN, bot.base) });
    await route.fulfill({ response });
  });
  // teams-js asks a CDN for its list of Teams origins; offline, it falls back to its own list.
  await context.route('https://res.cdn.office.net/**', (route) => route.abort());
}, 120_000);

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  await bot?.close();
  jwks?.closeAllConnections();
  await new Promise<void>((resolve) => (jwks ? jwks.close(() => resolve()) : resolve()));
});

describe('the tab in a Teams host', () => {
  it('signs in with Teams SSO, follows the Teams theme and re-themes on change; no dev sign-in', async () => {
    const page: Page = await context.newPage();
    page.on('pageerror', (err) => console.error(`[browser] page error: ${err.message}`));
    await page.goto(HOST);
    const tab = page.frameLocator('#tab');
    try {
      await tab.locator('body[data-ready="1"]').waitFor(WAIT);
    } catch (err) {
      console.log(
        `[browser] host saw ${await page.evaluate<string>('JSON.stringify(window.hostLog)')}; the tab says: ${await tab
          .locator('#root')
          .textContent({ timeout: 1_000 })
          .catch(() => '(no frame)')}`,
      );
      throw err;
    }
    expect(await tab.locator('body').getAttribute('data-host')).toBe('teams');
    expect(await tab.locator('body').getAttribute('data-dev-login')).toBe('0');
    expect(await tab.locator('#actions tbody tr').count()).toBe(6);
    expect(await tab.locator('.who').textContent()).toContain('Priya Nair');
    const log = await page.evaluate<string[]>('window.hostLog');
    expect(log).toEqual(expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken']));
    expect(await tab.locator('html').getAttribute('data-theme')).toBe('default');
    await page.evaluate("window.setTheme('dark')");
    await expect.poll(() => tab.locator('html').getAttribute('data-theme'), WAIT).toBe('dark');
    await page.evaluate("window.setTheme('contrast')");
    await expect.poll(() => tab.locator('html').getAttribute('data-theme'), WAIT).toBe('contrast');
    await page.screenshot({ path: join(tmpdir(), 'pam-tab-teams-contrast.png') });
    await page.close();
  }, 90_000);

  it('the channel tab’s configuration page saves the tab with pages.config', async () => {
    const page: Page = await context.newPage();
    await page.goto('https://teams.microsoft.com/configure');
    const tab = page.frameLocator('#tab');
    await tab.getByLabel('Each person’s own actions').check(WAIT);
    await expect.poll(() => page.evaluate<string[]>('window.hostLog'), WAIT).toContain('settings.setValidityState');
    await page.evaluate('window.save()');
    await expect.poll(() => page.evaluate<string[]>('window.hostLog'), WAIT).toContain('settings.save.success');
    const [config] = await page.evaluate<unknown[]>('window.hostArgs["settings.setSettings"]');
    expect(config).toMatchObject({
      entityId: 'pam-tracker-mine',
      contentUrl: `${TAB_ORIGIN}/tab?view=mine`,
      suggestedDisplayName: 'Action tracker',
    });
    await page.close();
  }, 90_000);
});
