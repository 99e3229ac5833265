// The README's Agents Playground walk-through, done as written, in Debian's Chromium: the server
// (npm start's program) on a temporary DATA_DIR, the people imported with the CLI, then the Playground
// started as `npm run playground [-- NAME]` starts it, as the secretariat (the minutes pasted into the
// card `minutes` answers with, previewed, imported), as an owner (her card, a reply) and as the chair
// (outstanding, a discharge confirmed, show and history). It takes the README's screenshots into a
// temporary directory (the test prints where); UPDATE_SCREENSHOTS=1 (or a missing one) copies them
// to cards/screenshots/.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../helpers/bot-board.ts';
import { startPlayground, type PlaygroundChild } from '../helpers/playground.ts';
import { freePort, killAllChildren, pollHttp, runCli, startServer, type ServerChild } from '../helpers/processes.ts';
import { CHROMIUM, CHROMIUM_ARGS, WAIT } from '../helpers/chromium.ts';

const OUT = mkdtempSync(join(tmpdir(), 'pam-playground-'));
const COMMITTED = fileURLToPath(new URL('../../cards/screenshots/', import.meta.url));
const REF = '01.14/03/2023';
const NOTE = 'Sent to all attendees on 20/03/2023.';

let dataDir: string;
let env: Record<string, string>;
let botPort: number;
let server: ServerChild;
let browser: Browser;
let playground: PlaygroundChild | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pam-playground-data-'));
  botPort = await freePort();
  env = { DATA_DIR: dataDir, EMBEDDED_TABLES_PORT: String(await freePort()), PORT: String(botPort) };
  server = startServer(env);
  await pollHttp(`http://127.0.0.1:${botPort}/healthz`, { server, until: 'ok', timeoutMs: 30_000 });
  // The README's first step: the sample directory, which holds every person the Playground knows.
  const people = await runCli(['people', 'import', 'tests/fixtures/people-example.csv'], { env });
  expect(people.stderr).not.toContain('error:');
  expect(people.code).toBe(0);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}, 120_000);

afterAll(async () => {
  await playground?.stop();
  await browser?.close();
  await killAllChildren();
  rmSync(dataDir, { recursive: true, force: true });
  console.log(`[browser] Playground screenshots in ${OUT}`);
});

/** The Playground started as `who` (none: the config's current user), and its page open. */
async function openAs(who: string | undefined): Promise<Page> {
  await playground?.stop();
  playground = await startPlayground({
    ...(who ? { who } : {}),
    botPort,
    port: await freePort(),
    logFile: join(OUT, `playground-${who ?? 'default'}.log`),
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.setDefaultTimeout(WAIT.timeout);
  page.on('pageerror', (err) => console.error(`[browser] page error: ${err.message}`));
  await page.goto(playground.url);
  await composer(page).waitFor(WAIT);
  return page;
}

const composer = (page: Page): Locator => page.locator('[data-lexical-editor]');

/** Types a message into the composer and sends it, as a person would. */
async function send(page: Page, text: string): Promise<void> {
  await composer(page).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** The newest card of the chat (not a card shown inside one) holding `text`. */
function card(page: Page, text: string | RegExp): Locator {
  return page.locator('.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)').filter({ hasText: text }).last();
}

/** A screenshot of the page as the reader sees it, `top` scrolled to the top with the line above it in view. */
async function shoot(page: Page, name: string, top?: Locator): Promise<void> {
  if (top) {
    await top.evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      let box = el.parentElement;
      while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
      box?.scrollBy(0, -40);
    });
  }
  const file = join(OUT, name);
  await page.screenshot({ path: file });
  if (!existsSync(join(COMMITTED, name)) || process.env.UPDATE_SCREENSHOTS === '1')
    copyFileSync(file, join(COMMITTED, name));
}

describe('the README walk-through in the Agents Playground', () => {
  it('the secretariat sends `minutes`, pastes them into the card, previews and imports', async () => {
    const page = await openAs(undefined);
    await expect.poll(() => page.getByText('Priya Nair').count()).toBeGreaterThan(0);
    await send(page, 'minutes');
    const paste = card(page, 'Import the minutes');
    const box = paste.locator('textarea');
    await box.waitFor(WAIT);
    await shoot(page, 'playground-paste.png');

    await box.fill(fixture('minutes-2023-03-14.txt'));
    await paste.getByRole('button', { name: 'Preview' }).click();
    const preview = card(page, 'Nothing is changed until you press Import');
    await preview.getByRole('button', { name: 'Import' }).waitFor(WAIT);
    expect(await preview.innerText()).toContain('Minutes of the meeting of 14/03/2023');
    await shoot(page, 'playground-minutes-preview.png', preview);

    await preview.getByRole('button', { name: 'Import' }).click();
    const imported = card(page, /Imported: \d+ added/);
    await imported.waitFor(WAIT);
    const report = await imported.innerText();
    expect(report).toContain('Minutes of the meeting of 14/03/2023');
    // Nobody else has opened the Playground yet: the owners' cards wait for them.
    expect(report).toMatch(/Waiting for .*Jane Doe \(JD/s);
    await page.close();
  }, 120_000);

  it('the owner finds her card in her chat, replies Completed with a note, and the card says so', async () => {
    const page = await openAs('jane');
    await expect.poll(() => page.getByText('Jane Doe').count()).toBeGreaterThan(0);
    // Sent the moment she is reachable: the Playground installs the app in her chat as it opens.
    const action = card(page, `Action ${REF}`);
    await action.getByRole('button', { name: 'Send update' }).waitFor(WAIT);
    expect(await action.innerText()).toContain('Circulate the revised terms of reference to all attendees');
    await shoot(page, 'playground-card.png', action);

    // The Playground draws a choice set as a Fluent combobox: open it, pick the option.
    await action.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Completed' }).click();
    await action.getByRole('textbox', { name: /^Note/ }).fill(NOTE);
    await action.getByRole('button', { name: 'Send update' }).click();
    const saved = card(page, 'Saved: Completed');
    await saved.waitFor(WAIT);
    expect(await saved.innerText()).toContain(NOTE);
    await shoot(page, 'playground-reply.png', saved);
    await page.close();
  }, 120_000);

  it('the chair sees it in outstanding, discharges it with the confirm step, then show and history', async () => {
    const page = await openAs('morgan');
    await expect.poll(() => page.getByText('Morgan Hale').count()).toBeGreaterThan(0);
    await send(page, 'outstanding');
    const outstanding = card(page, 'Outstanding actions');
    await outstanding.waitFor(WAIT);
    const item = outstanding
      .locator('.ac-container')
      .filter({ hasText: `${REF} · Completed` })
      .last();
    await item.waitFor(WAIT);
    expect(await item.innerText()).toContain(NOTE);
    await item.getByRole('button', { name: 'Discharge…' }).click();
    const confirm = item.getByRole('button', { name: 'Yes, discharge' });
    await confirm.waitFor(WAIT);
    // The chair's view from its top, down to the confirm step open: one taller picture of both.
    await page.setViewportSize({ width: 1280, height: 1500 });
    await shoot(page, 'playground-outstanding.png', outstanding);
    await page.setViewportSize({ width: 1280, height: 1000 });
    await confirm.click();
    const done = card(page, `${REF}: Discharged. To undo it, type reopen ${REF}.`);
    await done.waitFor(WAIT);
    expect(await done.innerText()).not.toContain(`${REF} · Completed`);

    await send(page, `show ${REF}`);
    const shown = card(page, `Action ${REF}`);
    await shown.waitFor(WAIT);
    expect(await shown.innerText()).toMatch(/Status\s+Discharged/);

    await send(page, `history ${REF}`);
    const history = card(page, /History of/);
    await history.waitFor(WAIT);
    const lines = await history.innerText();
    expect(lines).toContain('Jane Doe');
    expect(lines).toContain('Morgan Hale');
    expect(lines).toContain('Discharged');
    await page.close();
  }, 120_000);

  it('left nothing failed in the server log: every card went to a chat the Playground has', () => {
    const problems = server
      .stdout()
      .split('\n')
      .filter((line) => /"level":"(warn|error)"/.test(line))
      // Said at every local start; and the sample meetings are of 2023, so their chasers and digest are
      // skipped as past whenever the scheduler wakes.
      .filter(
        (line) => !/"event":"(teams\.unauthenticated|tab\.dev_login|links\.ephemeral|scheduler\.skipped)"/.test(line),
      );
    expect(problems).toEqual([]);
  });
});
