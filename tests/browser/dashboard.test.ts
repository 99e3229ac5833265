// The dashboard tab in a real browser: Debian's Chromium driven by playwright-core, against the real
// server app in this process (storing in the run's Azurite), in its local dev sign-in mode (no app
// id: the page is top-level, not in Teams, and offers the sign-in). The chair's view loads the
// fixtures' actions, filters and sorts; an owner's reply on the tab is stored, and is what the
// bot's action card then shows; a reply against a version that moved on is refused, not merged.
// Also measures the bundle and the load of a board with 1,000 open actions.
//
// Not covered yet: exempt items redacted for a member (issue 5, in flight): the tab has no exempt
// rule to apply until that lands (see the note in bot/http/tab-api.ts).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionModel } from '../../bot/present/actions.ts';
import { viewContext } from '../../bot/present/context.ts';
import { actorOf } from '../../bot/services/identity.ts';
import { importActions } from '../../bot/services/import-actions.ts';
import { saveMeeting } from '../../bot/services/meetings.ts';
import { importPeople } from '../../bot/services/people.ts';
import { reply } from '../../bot/services/reply.ts';
import type { BoardContext } from '../../bot/services/board-context.ts';
import { buildTabBundle } from '../../bot/tab/build.ts';
import type { Action, HistoryEntry, Person } from '../../bot/rules/types.ts';
import { startBot, type BotUnderTest } from '../helpers/bot-harness.ts';
import { clockAt, fixture, IDS } from '../helpers/bot-board.ts';
import { CHROMIUM, CHROMIUM_ARGS, WAIT } from '../helpers/chromium.ts';

const OUT = mkdtempSync(join(tmpdir(), 'pam-tab-'));
const COMMITTED = fileURLToPath(new URL('../../bot/tab/screenshots/dashboard.png', import.meta.url));

let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), 'pam-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    timeout: 60_000,
  });
  context.setDefaultTimeout(30_000);
}, 90_000);

afterAll(async () => {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
  console.log(`[browser] screenshots in ${OUT}`);
});

async function newPage(): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[browser] page error: ${err.message}`));
  return page;
}

/** Signs in through the page's own dev sign-in form and waits for the dashboard. */
async function signIn(page: Page, base: string, name: string, query = ''): Promise<number> {
  const started = Date.now();
  await page.goto(`${base}/tab${query}`);
  // Not in Teams (a top-level page): the sign-in is offered within about a second.
  await page.getByLabel('Sign in as').waitFor(WAIT);
  const offeredMs = Date.now() - started;
  await page.getByLabel('Sign in as').selectOption({ label: name });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('body[data-ready="1"]').waitFor(WAIT);
  return offeredMs;
}

const rows = (page: Page) => page.locator('#actions tbody tr');
const refsShown = (page: Page): Promise<string[]> => page.locator('#actions tbody td.ref').allTextContents();

describe('the dashboard on the fixtures board', () => {
  let bot: BotUnderTest;
  let t: BoardContext;
  let people: Map<string, Person>;

  beforeAll(async () => {
    // 20/04/2023: after the 11/04 meeting, so the fixtures' actions (due 11/04, 28/03) are overdue.
    bot = await startBot({ tab: true, now: clockAt('2023-04-20T09:00:00Z').now });
    t = bot.context();
    await importPeople(t, fixture('people-example.csv'));
    await saveMeeting(t, { date: '2023-03-14', time: '10:00', next: '2023-04-11' });
    await saveMeeting(t, { date: '2023-04-11', time: '10:00', next: '2023-05-09' });
    await saveMeeting(t, { date: '2023-05-09', time: '10:00' });
    people = new Map((await t.stores.people.list(t.scope)).map((p) => [p.person.id, p.person]));
    const report = await importActions(t, fixture('actions-arising-example.txt'), {
      actor: actorOf(people.get('priya-nair') as Person, 'cli'),
    });
    expect(report.counts.imported).toBe(6);
  }, 60_000);

  afterAll(async () => {
    await bot?.close();
  });

  it('outside Teams offers the dev sign-in within a second or so, and the chair sees every open action', async () => {
    const page = await newPage();
    const offeredMs = await signIn(page, bot.base, 'Morgan Hale (chair)');
    console.log(`[browser] not-in-Teams detected and sign-in offered after ${offeredMs} ms (page load included)`);
    expect(offeredMs).toBeLessThan(10_000);
    expect(await rows(page).count()).toBe(6);
    await expect.poll(() => page.locator('#shown').textContent()).toBe('Showing 6 of 6 open actions');
    expect(await page.locator('#count-open').textContent()).toBe('6');
    // Every fixture action, with its owner and meeting.
    const row = page.locator(`#actions tbody tr[data-id="${IDS.CO_AW}"]`);
    await expect.poll(() => row.textContent()).toContain('Chidi Okafor, Alex Wong');
    expect(await row.textContent()).toContain('14/03/2023');
    expect(await row.textContent()).toContain('No reply');
    // 28/03/2023 due, 20/04/2023 today: 23 days overdue.
    expect(await page.locator(`#actions tbody tr[data-id="${IDS.FORCE}"] td.num`).textContent()).toBe('23');
    // The chart: one group per meeting held (14/03 and 11/04; 09/05 is to come).
    expect(await page.locator('svg.chart g').count()).toBe(2);
    // The digest download (the next meeting's Word action log) through a signed link.
    const href = await page.locator('#dl-docx').getAttribute('href');
    expect(href).toContain('/files/digest?');
    expect(href).toContain('meeting=2023-05-09');
    const doc = await fetch(href as string);
    expect(doc.status).toBe(200);
    expect(doc.headers.get('content-type')).toContain('wordprocessingml');
    await page.screenshot({ path: join(OUT, 'dashboard-fixtures.png'), fullPage: true });
    await page.close();
  }, 90_000);

  it('filters by owner, meeting, status, overdue and words, and sorts by a column', async () => {
    const page = await newPage();
    await signIn(page, bot.base, 'Priya Nair (secretariat)');
    await page.getByLabel('Owner', { exact: true }).selectOption({ label: 'Sam Carter-Lee' });
    await expect.poll(() => rows(page).count()).toBe(2);
    await page.getByLabel('Owner', { exact: true }).selectOption({ label: 'Everyone' });
    await page.getByLabel('Search', { exact: true }).fill('control room');
    await expect.poll(() => refsShown(page)).toEqual(['06 14/03/2023']);
    await page.getByLabel('Search', { exact: true }).fill('');
    await page.getByLabel('Overdue only', { exact: true }).check();
    await expect.poll(() => rows(page).count()).toBe(6);
    await page.getByLabel('Overdue only', { exact: true }).uncheck();
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Open' });
    await expect.poll(() => rows(page).count()).toBe(6);
    await page.getByLabel('Meeting', { exact: true }).selectOption({ label: '14/03/2023' });
    await expect.poll(() => rows(page).count()).toBe(6);
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Any status' });
    // Sorted by due date first (earliest first): the Force's 28/03 is on top; then descending.
    expect((await refsShown(page))[0]).toBe('07 14/03/2023');
    await page.getByRole('button', { name: 'Due', exact: true }).click();
    await expect.poll(() => page.locator('th[data-key="due"]').getAttribute('aria-sort')).toBe('descending');
    expect((await refsShown(page)).at(-1)).toBe('07 14/03/2023');
    // By owner, keyboard only: focus the header button and press Enter.
    await page.getByRole('button', { name: 'Owner', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('th[data-key="owner"]').getAttribute('aria-sort')).toBe('ascending');
    const owners = await page.locator('#actions tbody td:nth-child(3)').allTextContents();
    expect(owners).toEqual([...owners].sort((a, b) => a.localeCompare(b, 'en-GB')));
    await page.close();
  }, 90_000);

  it('an owner’s reply on the tab is stored and is what the bot’s card then shows; a stale one is refused', async () => {
    const page = await newPage();
    await signIn(page, bot.base, 'Sam Carter-Lee (member)', '?view=mine');
    const items = page.locator('article.item');
    expect(await items.count()).toBe(2);
    const first = page.locator(`article[data-id="${IDS.SCL_I}"]`);
    const before = (await t.stores.actions.get(t.scope, IDS.SCL_I))?.action as Action;
    await first.getByLabel('Status', { exact: true }).selectOption({ label: 'Completed' });
    await first.getByLabel('Progress note').fill('Outcome rates by crime type are in the Q1 report.');
    await first.getByRole('button', { name: 'Send update' }).click();
    await page.locator(`article[data-id="${IDS.SCL_I}"] .notice.good`).waitFor(WAIT);
    expect(await page.locator(`article[data-id="${IDS.SCL_I}"] .notice`).textContent()).toBe(
      'Saved: Completed, with your note. Thank you.',
    );
    expect(await page.locator(`article[data-id="${IDS.SCL_I}"] .status-now`).textContent()).toBe('Completed');

    // Stored, with its history entry through the tab...
    const stored = (await t.stores.actions.get(t.scope, IDS.SCL_I))?.action as Action;
    expect(stored).toMatchObject({
      status: 'completed',
      latestNote: 'Outcome rates by crime type are in the Q1 report.',
      latestNoteBy: 'Sam Carter-Lee',
      version: before.version + 1,
    });
    const history = await t.stores.actions.history(t.scope, IDS.SCL_I);
    expect(history.at(-1)).toMatchObject({ channel: 'tab', by: 'sam-carter-lee' });
    // ...and the bot's action card, drawn now, shows it.
    const sam = actorOf(people.get('sam-carter-lee') as Person, 'teams');
    const card = actionModel(stored, await viewContext(t, sam));
    expect(card).toMatchObject({
      statusLabel: 'Completed',
      latest: { note: 'Outcome rates by crime type are in the Q1 report.', by: 'Sam Carter-Lee' },
      version: stored.version,
    });
    // A card drawn before the tab's reply, answering a different status, is stale (not merged).
    const fromOldCard = await reply(t, sam, { actionId: IDS.SCL_I, status: 'blocked', cardVersion: before.version });
    expect(fromOldCard.kind).toBe('stale');

    // The other way round: the secretariat sets the second action Blocked from a card while the tab is open.
    const second = page.locator(`article[data-id="${IDS.SCL_II}"]`);
    const onCard = await reply(t, actorOf(people.get('priya-nair') as Person, 'teams'), {
      actionId: IDS.SCL_II,
      status: 'blocked',
      note: 'Waiting for the model.',
    });
    expect(onCard.kind).toBe('saved');
    await second.getByLabel('Status', { exact: true }).selectOption({ label: 'Completed' });
    await second.getByLabel('Progress note').fill('Presented.');
    await second.getByRole('button', { name: 'Send update' }).click();
    const notice = page.locator(`article[data-id="${IDS.SCL_II}"] .notice.warning`);
    await notice.waitFor(WAIT);
    expect(await notice.textContent()).toContain('changed since you opened it: it is now Blocked');
    // The draft is kept for sending again, and nothing was stored.
    expect(await page.locator(`article[data-id="${IDS.SCL_II}"] textarea`).inputValue()).toBe('Presented.');
    expect((await t.stores.actions.get(t.scope, IDS.SCL_II))?.action.status).toBe('blocked');
    await page.screenshot({ path: join(OUT, 'mine.png'), fullPage: true });
    // Sent again, now against the version it was shown: stored.
    await page.locator(`article[data-id="${IDS.SCL_II}"]`).getByRole('button', { name: 'Send update' }).click();
    await page.locator(`article[data-id="${IDS.SCL_II}"] .notice.good`).waitFor(WAIT);
    expect((await t.stores.actions.get(t.scope, IDS.SCL_II))?.action).toMatchObject({
      status: 'completed',
      latestNote: 'Presented.',
    });

    // A member may not ask for the board's view: the API says so, and the page shows their own.
    const token = await page.evaluate<string | null>('sessionStorage.getItem("pam-tab-dev-token")');
    const all = await fetch(`${bot.base}/api/tab/actions?view=all`, { headers: { Authorization: `Bearer ${token}` } });
    expect(all.status).toBe(403);
    await page.close();
  }, 90_000);

  it('follows the theme it is given (dark, high contrast)', async () => {
    const page = await newPage();
    await signIn(page, bot.base, 'Morgan Hale (chair)', '?theme=dark');
    expect(await page.evaluate<string>('document.documentElement.dataset.theme')).toBe('dark');
    const bg = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    expect(bg).toBe('rgb(31, 31, 31)');
    await page.screenshot({ path: join(OUT, 'dashboard-dark.png') });
    await page.close();
  }, 90_000);
});

describe('a board with 1,000 open actions', () => {
  let bot: BotUnderTest;

  beforeAll(async () => {
    bot = await startBot({ tab: true, now: clockAt('2026-11-20T09:00:00Z').now });
    const t = bot.context();
    await importPeople(t, fixture('people-example.csv'));
    const directory = (await t.stores.people.list(t.scope)).map((p) => p.person);
    // 14 monthly meetings; 1,000 open actions raised across them, and some discharged ones.
    const meetings = Array.from({ length: 14 }, (_, i) => {
      const d = new Date(Date.UTC(2025, 9 + i, 14));
      return d.toISOString().slice(0, 10);
    });
    for (const [i, date] of meetings.entries())
      await saveMeeting(t, { date, ...(meetings[i + 1] ? { next: meetings[i + 1] } : {}) });
    const held = meetings.filter((m) => m <= '2026-11-20');
    const verbs = ['Review', 'Report on', 'Circulate', 'Present', 'Confirm', 'Arrange', 'Update'];
    const topics = [
      'repeat victims data',
      'the demand model',
      'stop and search outcomes',
      'call handling times',
      'the Harm Hub staffing',
      'domestic abuse arrests',
      'the control room visit',
    ];
    const at = '2026-01-01T09:00:00.000Z';
    const replied = '2026-11-17T15:30:00.000Z';
    const make = (n: number, open: boolean): [Action, HistoryEntry] => {
      const meeting = held[n % held.length] as string;
      const owner = directory[n % directory.length] as Person;
      const number = Math.floor(n / held.length) + 1;
      const id = `${meeting}.n${String(number).padStart(3, '0')}`;
      const due = meetings[meetings.indexOf(meeting) + 1];
      const statuses = ['open', 'in_progress', 'blocked', 'completed', 'carried_forward'] as const;
      const action: Action = {
        id,
        ref: { shape: 'numbered', meeting, number },
        meeting,
        owners: [{ label: owner.initials, personId: owner.id }],
        ownerText: owner.initials,
        ownerForm: 'prefix',
        text: `${verbs[number % verbs.length]} ${topics[(number * 3 + n) % topics.length]} (${n + 1})`,
        ...(due ? { due } : {}),
        status: open ? (statuses[n % statuses.length] as Action['status']) : 'discharged',
        ...(n % 3 === 0
          ? {
              latestNote: 'Work under way; an update follows at the next meeting.',
              latestNoteAt: replied,
              latestNoteBy: owner.name,
              repliedAt: replied,
            }
          : {}),
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
      return [
        action,
        { actionId: id, at, by: 'import', byName: 'Import', channel: 'import', kind: 'created', changes: [] },
      ];
    };
    const all = [
      ...Array.from({ length: 1000 }, (_, n) => make(n, true)),
      ...Array.from({ length: 300 }, (_, n) => make(1000 + n, false)),
    ];
    for (let i = 0; i < all.length; i += 25) {
      await Promise.all(all.slice(i, i + 25).map(([a, h]) => t.stores.actions.create(t.scope, a, h)));
    }
    expect((await t.stores.actions.listOpen(t.scope)).length).toBe(1000);
  }, 180_000);

  afterAll(async () => {
    await bot?.close();
  });

  it('measures the bundle and the load time, and takes the README screenshot', async () => {
    const bundle = await buildTabBundle();
    console.log(
      `[browser] tab bundle: ${bundle.bytes.toLocaleString('en-GB')} bytes minified, ${bundle.gzipBytes.toLocaleString('en-GB')} gzipped`,
    );
    expect(bundle.gzipBytes).toBeLessThan(200_000);

    const login = await fetch(`${bot.base}/api/tab/dev-login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ personId: 'morgan-hale' }),
    });
    const { token } = (await login.json()) as { token: string };
    const page = await newPage();
    // Warm the bundle (built on first request) so the figure is the page's, not esbuild's.
    await page.goto(`${bot.base}/tab/tab.js`);
    await page.addInitScript({ content: `sessionStorage.setItem('pam-tab-dev-token', ${JSON.stringify(token)});` });
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const started = Date.now();
      await page.goto(`${bot.base}/tab`);
      await page.locator('body[data-ready="1"]').waitFor(WAIT);
      times.push(Date.now() - started);
      expect(await rows(page).count()).toBe(1000);
    }
    const inPage = await page.evaluate<number>('Math.round(performance.now())');
    console.log(
      `[browser] dashboard with 1,000 open actions: loaded and rendered in ${times.join(', ')} ms (3 loads; last load ${inPage} ms by the page's own clock)`,
    );
    expect(await page.locator('svg.chart g').count()).toBe(12);
    // Filtering 1,000 rows stays quick.
    const t0 = Date.now();
    await page.getByLabel('Search', { exact: true }).fill('demand model');
    await expect.poll(() => page.locator('#shown').textContent()).toMatch(/^Showing \d+ of 1000 open actions$/);
    console.log(`[browser] search over 1,000 actions: ${Date.now() - t0} ms`);
    await page.getByLabel('Search', { exact: true }).fill('');
    await page.locator('#shown', { hasText: 'Showing 1000 of 1000' }).waitFor(WAIT);
    await page.getByLabel('Search', { exact: true }).blur();
    await page.screenshot({ path: join(OUT, 'dashboard.png') });
    // The README's screenshot: written when missing, or refreshed with UPDATE_SCREENSHOTS=1.
    if (!existsSync(COMMITTED) || process.env.UPDATE_SCREENSHOTS === '1') {
      mkdirSync(join(COMMITTED, '..'), { recursive: true });
      copyFileSync(join(OUT, 'dashboard.png'), COMMITTED);
    }
    await page.close();
  }, 120_000);
});
