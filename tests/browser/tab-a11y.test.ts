// The dashboard tab is usable by everyone: axe-core (the accessibility rules engine, WCAG 2.x A and
// AA) finds no violation on any of its pages, in each of Teams' three themes (default, dark, high
// contrast), in Debian's Chromium. axe's own source is put into the page as a script (the context
// bypasses the page's Content-Security-Policy for that alone; the page itself is as served).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../bot/services/identity.ts';
import { importActions } from '../../bot/services/import-actions.ts';
import { saveMeeting } from '../../bot/services/meetings.ts';
import { importPeople } from '../../bot/services/people.ts';
import { enterQuestions } from '../../bot/services/questions.ts';
import type { Person } from '../../bot/rules/types.ts';
import { clockAt, fixture, IDS } from '../helpers/bot-board.ts';
import { startBot, type BotUnderTest } from '../helpers/bot-harness.ts';
import { CHROMIUM, CHROMIUM_ARGS, WAIT } from '../helpers/chromium.ts';

const AXE = readFileSync(join(dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js'), 'utf8');
const THEMES = ['default', 'dark', 'contrast'] as const;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

let browser: Browser;
let context: BrowserContext;
let bot: BotUnderTest;

/** axe's verdict on the page as it is now: the violations, each with where and why. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const found = await page.evaluate<Violation[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }).then((r) => r.violations)`,
  );
  return found.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact ?? '?'}): ${v.help} at ${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
  );
}

async function signIn(page: Page, name: string, query: string): Promise<void> {
  await page.goto(`${bot.base}/tab${query}`);
  await page.getByLabel('Sign in as').waitFor(WAIT);
  await page.getByLabel('Sign in as').selectOption({ label: name });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('body[data-ready="1"]').waitFor(WAIT);
}

beforeAll(async () => {
  // 20/04/2023: after the 11/04 meeting, so the fixtures' actions are overdue and waiting for replies.
  bot = await startBot({ tab: true, now: clockAt('2023-04-20T09:00:00Z').now });
  const t = bot.context();
  await importPeople(t, fixture('people-example.csv'));
  await saveMeeting(t, { date: '2023-03-14', time: '10:00', next: '2023-04-11' });
  await saveMeeting(t, { date: '2023-04-11', time: '10:00', next: '2023-05-09' });
  const people = new Map((await t.stores.people.list(t.scope)).map((p) => [p.person.id, p.person]));
  const secretariat = actorOf(people.get('priya-nair') as Person, 'cli');
  await importActions(t, fixture('actions-arising-example.txt'), { actor: secretariat });
  await enterQuestions(t, secretariat, 'Q1. Could the charge rate be broken down? - KP', '2023-04-11');
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(30_000);
}, 90_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await bot?.close();
});

describe('the tab passes axe-core in every theme', () => {
  for (const theme of THEMES) {
    it(`the sign-in page, ${theme}`, async () => {
      const page = await context.newPage();
      await page.goto(`${bot.base}/tab?theme=${theme}`);
      await page.getByLabel('Sign in as').waitFor(WAIT);
      expect(await violations(page)).toEqual([]);
      await page.close();
    }, 60_000);

    it(`the board's view for the chair, ${theme}`, async () => {
      const page = await context.newPage();
      await signIn(page, 'Morgan Hale (chair)', `?theme=${theme}`);
      expect(await page.evaluate<string>('document.documentElement.dataset.theme')).toBe(theme);
      expect(await page.locator('#actions tbody tr').count()).toBe(6);
      expect(await violations(page)).toEqual([]);
      // Filtered to the overdue, sorted: the table redrawn is checked again.
      await page.getByLabel('Overdue only', { exact: true }).check();
      await page.getByRole('button', { name: 'Due', exact: true }).click();
      expect(await violations(page)).toEqual([]);
      await page.close();
    }, 60_000);

    it(`an owner's own actions, with the answer to a reply, ${theme}`, async () => {
      const page = await context.newPage();
      await signIn(page, 'Sam Carter-Lee (member)', `?view=mine&theme=${theme}`);
      expect(await violations(page)).toEqual([]);
      // A note over the limit: refused, said on the page, given back.
      const item = page.locator(`article[data-id="${IDS.SCL_II}"]`);
      await item.getByLabel('Progress note').fill('x'.repeat(4_001));
      await item.getByRole('button', { name: 'Send update' }).click();
      await page.locator(`article[data-id="${IDS.SCL_II}"] .notice`).waitFor(WAIT);
      expect(await page.locator(`article[data-id="${IDS.SCL_II}"] .notice`).textContent()).toContain(
        'the limit is 4,000',
      );
      expect(await violations(page)).toEqual([]);
      await page.close();
    }, 60_000);
  }
});
