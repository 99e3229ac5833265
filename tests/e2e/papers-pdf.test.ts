// The papers as a secretariat sees them: the Word files rendered by LibreOffice and read back from
// the PDF (tests/helpers/pdf.ts). Three boards: the July 2020 minutes imported through the CLI (the
// full and open action log for that meeting, and its open minutes, written by the CLI), a board of
// 200 actions and a dozen questions in memory, and the minutes of 14/03/2023 with words under an
// exempt item and an open one, each with a canary. On every page: the marking at the top and the
// bottom, 'Page n of m'; every reference on one line; no row split across pages; the header row on
// every page of a table; no exempt text in the open forms; page counts within bounds. The first
// page of each July 2020 document is kept as a PNG in bot/digest/screenshots (written when missing,
// or refreshed with UPDATE_SCREENSHOTS=1).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { digestDocx } from '../../bot/digest/docx.ts';
import { openForm } from '../../bot/rules/exempt.ts';
import type { Digest } from '../../bot/rules/digest-model.ts';
import { EXEMPT_CANARY, marchWithCanaries, OPEN_CANARY } from '../helpers/minutes-canary.ts';
import { CANARY, papersDigest } from '../helpers/papers-board.ts';
import { firstPagePng, linesOn, pdfPages, toPdf } from '../helpers/pdf.ts';
import { killAllChildren, runCli, type CliResult } from '../helpers/processes.ts';
import { uniquePrefix } from '../helpers/tables.ts';

/** Each pattern found in `text`, in the order given. */
function expectInOrder(text: string, patterns: readonly RegExp[]): void {
  const at = patterns.map((re) => text.search(re));
  expect(
    at.every((i) => i >= 0),
    String(at),
  ).toBe(true);
  expect(at).toEqual([...at].sort((a, b) => a - b));
}

const env = {
  TABLES_CONNECTION_STRING: inject('tablesConnectionString'),
  TABLES_PREFIX: uniquePrefix(),
  TRACKER_BOARD: 'PAM',
};
const dir = mkdtempSync(join(tmpdir(), 'pam-papers-'));
const SCREENSHOTS = fileURLToPath(new URL('../../bot/digest/screenshots/', import.meta.url));

async function ok(args: string[], board = env.TRACKER_BOARD): Promise<CliResult> {
  const r = await runCli(args, { env: { ...env, TRACKER_BOARD: board }, timeoutMs: 90_000 });
  expect(r.code, `tracker ${args.join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(0);
  return r;
}

/** Each document's pages, as read back from its PDF. */
const pages = new Map<string, string[]>();
const july = { full: 'july-full', open: 'july-open', minutes: 'july-minutes' } as const;
const big = { full: 'big-full', open: 'big-open' } as const;
/** The open minutes of a board whose exempt item and open item each say something with a canary in it. */
const canary = 'canary-minutes';
let bigDigest: Digest;

beforeAll(async () => {
  await ok(['people', 'import', 'tests/fixtures/people-2020-07-21.csv']);
  await ok(['minutes', 'import', 'tests/fixtures/minutes-2020-07-21.docx']);
  const file = (name: string): string => join(dir, `${name}.docx`);
  await ok(['digest', '--meeting', '21/07/2020', '--format', 'docx', '--out', file(july.full)]);
  await ok(['digest', '--meeting', '21/07/2020', '--format', 'docx', '--open', '--out', file(july.open)]);
  const written = await ok(['minutes', 'open', '--meeting', '21/07/2020', '--out', file(july.minutes)]);
  expect(written.stdout.trim()).toBe(`Wrote the open minutes of 21/07/2020 to ${file(july.minutes)} (3 items).`);
  bigDigest = papersDigest();
  writeFileSync(file(big.full), await digestDocx(bigDigest));
  writeFileSync(file(big.open), await digestDocx(openForm(bigDigest)));
  const march = join(dir, 'minutes-2023-03-14.txt');
  writeFileSync(march, marchWithCanaries());
  await ok(['minutes', 'import', march], 'CANARY');
  await ok(['minutes', 'open', '--meeting', '14/03/2023', '--out', file(canary)], 'CANARY');
  const names = [...Object.values(july), ...Object.values(big), canary];
  const pdfs = await toPdf(names.map(file), dir);
  for (const [n, name] of names.entries()) pages.set(name, await pdfPages(pdfs[n] ?? ''));
  // The first page of each July 2020 document, for the README.
  const update = process.env.UPDATE_SCREENSHOTS === '1';
  for (const [n, name] of Object.values(july).entries()) {
    const png = join(dir, `${name}.png`);
    await firstPagePng(pdfs[n] ?? '', png);
    const kept = join(SCREENSHOTS, `${name}.png`);
    if (update || !existsSync(kept)) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      copyFileSync(png, kept);
    }
  }
  console.log(`[papers] PDFs and PNGs in ${dir}`);
}, 600_000);

afterAll(async () => {
  await killAllChildren();
  if (process.env.KEEP_PAPERS !== '1') rmSync(dir, { recursive: true, force: true });
});

const doc = (name: string): string[] => {
  const p = pages.get(name);
  if (!p) throw new Error(`${name} was not rendered`);
  return p;
};
const text = (name: string): string => doc(name).join('\n');
/** The page (from 0) a word first appears on. */
const pageOf = (name: string, word: RegExp): number => doc(name).findIndex((p) => word.test(p));
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** (1) The marking at the top and the bottom of every page, and 'Page n of m' above the bottom one. */
function expectMarkedPages(name: string, marking: string, title: string): void {
  const all = doc(name);
  all.forEach((page, n) => {
    const lines = linesOn(page).map((l) => l.trim());
    expect(lines[0], `${name} page ${n + 1} top`).toBe(marking);
    expect(lines.at(-1), `${name} page ${n + 1} bottom`).toBe(marking);
    expect(lines.at(-2), `${name} page ${n + 1} footer`).toBe(`${title} · Page ${n + 1} of ${all.length}`);
  });
}

describe('the July 2020 board, imported through the CLI', () => {
  it('(1) the full log and the open log cannot be mistaken: their titles and markings differ on every page', () => {
    expectMarkedPages(
      july.full,
      'OFFICIAL-SENSITIVE',
      'PAM action log, meeting of 21/07/2020: full version, not for publication',
    );
    expectMarkedPages(july.open, 'OFFICIAL', 'PAM action log, meeting of 21/07/2020: open version, for publication');
    expectMarkedPages(july.minutes, 'OFFICIAL', 'PAM minutes, meeting of 21/07/2020: open minutes, for publication');
    expect(doc(july.full)[0]).toMatch(/Full version, not for publication/);
    expect(doc(july.open)[0]).toMatch(/Open version, for publication/);
  });

  it("(3)(6) reviews the actions in the minutes' columns, each reference on one line; the questions in theirs", () => {
    const first = doc(july.full)[0] ?? '';
    expect(first).toMatch(/Review of actions/);
    expect(first).toMatch(/^\s*Number\s+Item\s+Action\s*$/m);
    for (const ref of ['01.23/06/2020', '02.23/06/2020', '03.23/06/2020', '04.23/06/2020'])
      expect(first, ref).toMatch(new RegExp(`^\\s*${escape(ref)}\\s`, 'm'));
    const questions = doc(july.full).find((p) => /^\s*Q1\s/m.test(p));
    expect(questions).toMatch(/^\s*Question\s+Respondent\s+Response\s+Status\s*$/m);
    for (const q of ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7'])
      expect(text(july.full), q).toMatch(new RegExp(`^\\s*${q}\\s+Ben Smith \\(BS\\)`, 'm'));
  });

  it("(4)(5)(9) credits the force's responses to Ben Smith, gives the minuted outcomes in full, and an answered question no due date", () => {
    const full = text(july.full);
    expect(full).toMatch(/Ben Smith, 21\/07\/2020/);
    expect(full).not.toMatch(/entered by/);
    expect(full).toMatch(/Outcome minuted: Completed/);
    expect(full).toMatch(/Outcome minuted: Updated to:/);
    expect(full).toMatch(/- TBA - Health and Wellbeing\./);
    expect(full).toMatch(/- July Q1 - Learning and Development \(L&D\) deferred to August\./);
    expect(full).not.toMatch(/Due 14\/07\/2020|Overdue: due/);
    expect(full.match(/\bAnswered\b/g)).toHaveLength(7);
  });

  it('(8) counts the actions and the questions apart, as at the meeting', () => {
    const full = text(july.full);
    expect(full).toMatch(/As at 21\/07\/2020, the day of the meeting\./);
    expect(full).toMatch(/Actions \(4 listed\): 1 outstanding, 0 completed awaiting discharge, 3 discharged\./);
    expect(full).toMatch(
      /Scrutiny questions \(7 listed\): 0 outstanding, 0 answered to be marked, 7 marked answered\./,
    );
  });

  it('(7) keeps every row whole: a question and the first part of its response begin on the same page', () => {
    for (const q of ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7']) {
      const page = doc(july.full).find((p) => new RegExp(`^\\s*${q}\\s+Ben Smith`, 'm').test(p)) ?? '';
      expect(page, q).toMatch(/^\s*Question\s+Respondent\s+Response\s+Status\s*$/m);
      expect(page, q).toMatch(new RegExp(`^\\s*${q}\\s+Ben Smith \\(BS\\)\\s+\\S.*\\sAnswered\\s*$`, 'm'));
    }
  });

  it('writes the open minutes: details, attendees, apologies, every item, the review, the answers and the approval block', () => {
    const minutes = text(july.minutes);
    for (const expected of [
      /Date: Tuesday 21\/07\/2020/,
      /Time: 10:00 to 10:45/,
      /Chair: Philip Seccombe, Police and Crime Commissioner for Warwickshire/,
      /^\s*No\s+Name\s+Capacity\s+Dial In\s*$/m,
      /^\s*5\s+Neil Hewison\s+OPCC CEO\s+Yes\s*$/m,
      /^\s*Alex Franklin-Smith\s+C\.Supt Ben Smith\s*$/m,
      /01\.21\/07\/2020\s+Minutes/,
      /The Minutes of the previous meeting dated 23\/06\/2020 were agreed and approved\./,
      /^\s*04\.23\/06\/2020\s+Proposed future PAM deep-dive subjects for 2020\/2\s+Standing item\s*$/m,
      /02\.21\/07\/2020\s+Performance Scrutiny Report/,
      /Q7 DA Repeat Victimisation:/,
      /03\.21\/07\/2020\s+AOB/,
      /Formal Approval of Meeting Record/,
      /Print Name: Philip Seccombe, Police and Crime Commissioner for Warwickshire/,
    ])
      expect(minutes).toMatch(expected);
  });

  it("prints what each item discussed in the minutes' words, once, in the minutes' order", () => {
    const minutes = text(july.minutes);
    const order: RegExp[] = [
      /01\.21\/07\/2020\s+Minutes/,
      /The Minutes of the previous meeting dated 23\/06\/2020 were agreed and approved\./,
      /^\s*Number\s+Action\s+Status\s*$/m,
      /02\.21\/07\/2020\s+Performance Scrutiny Report/,
      /Update provided by Ch\.Supt Ben Smith as Head of Local Policing/,
      /Force response to the Office of the Police Crime Commissioner performance scrutiny report dated\s+15th July 2020\./,
      /Q1 Violence without Injury:/,
      /03\.21\/07\/2020\s+AOB/,
      /The OPCC has been alerted to incidents of ASB and Hate Crime in Stratford-upon Avon recently\./,
      /Actions Arising/,
    ];
    expectInOrder(minutes, order);
    // Once: the answers are the questions' own, the review the action log's; neither is printed twice.
    expect(minutes.match(/Operation Spigot was instigated in April 2020/g)).toHaveLength(1);
    expect(minutes.match(/agreed and approved/g)).toHaveLength(1);
    // A list in an answer keeps its bullets.
    expect(minutes).toMatch(/^\s*• A number of drugs warrants executed\.$/m);
  });
});

describe("a board whose exempt item's minutes say something", () => {
  it("(2) prints the open item's words and never the exempt item's: its number, heading and exemption only", () => {
    const minutes = text(canary);
    expect(minutes).not.toContain(EXEMPT_CANARY);
    expect(minutes).not.toMatch(/Operation Northgate/);
    expect(minutes).toContain(`${OPEN_CANARY} The dip sample is to be repeated in September.`);
    // The exempt item: its number, heading and exemption, and nothing else before the next item.
    const exempt =
      /05\.14\/03\/2023\s+Serious and Organised Crime – Operational Update\s+Exempt under FOIA s\.31 \(Law Enforcement\)/;
    const from = minutes.search(exempt);
    expect(from).toBeGreaterThanOrEqual(0);
    const between = minutes.slice(from, minutes.indexOf('06.14/03/2023', from)).replace(exempt, '');
    const furniture = (l: string): boolean => ['', 'OFFICIAL'].includes(l.trim()) || /· Page \d+ of \d+$/.test(l);
    expect(linesOn(between).filter((l) => !furniture(l))).toEqual([]);
    // The questions under the item they were asked under, after the words that put them.
    const order: RegExp[] = [
      /03\.14\/03\/2023\s+Stop and Search – External Scrutiny Panel/,
      /04\.14\/03\/2023\s+Performance Scrutiny/,
      /asked\s+the\s+following\s+scrutiny\s+questions:-/,
      /Q1 Could outcome rates for burglary/,
      /05\.14\/03\/2023/,
    ];
    expectInOrder(minutes, order);
    expectMarkedPages(canary, 'OFFICIAL', 'CANARY minutes, meeting of 14/03/2023: open minutes, for publication');
  });
});

describe('a board of 200 actions and 12 questions', () => {
  const items = () => bigDigest.groups.flatMap((g) => g.items);

  it('(1) is marked on every page, the full form OFFICIAL-SENSITIVE and the open form OFFICIAL', () => {
    expectMarkedPages(
      big.full,
      'OFFICIAL-SENSITIVE',
      'PAM action log, meeting of 09/05/2023: full version, not for publication',
    );
    expectMarkedPages(big.open, 'OFFICIAL', 'PAM action log, meeting of 09/05/2023: open version, for publication');
  });

  it('runs to a number of pages within bounds', () => {
    // About five actions a page, and the questions' long responses on landscape pages.
    expect(doc(big.full).length).toBeGreaterThanOrEqual(25);
    expect(doc(big.full).length).toBeLessThanOrEqual(50);
    expect(doc(big.open).length).toBeGreaterThanOrEqual(22);
    expect(doc(big.open).length).toBeLessThanOrEqual(doc(big.full).length);
  });

  it('(6) sets every reference on one line, the longest too', () => {
    const refs = items()
      .filter((i) => i.kind === 'action')
      .map((i) => i.ref);
    expect(refs).toContain('14 10/01/2023.viii');
    const full = text(big.full);
    for (const ref of new Set(refs)) expect(full, ref).toMatch(new RegExp(`^\\s*${escape(ref)}\\s`, 'm'));
  });

  it('(7) never splits a row across pages, and repeats the header row on every page of a table', () => {
    for (const i of items().filter((x) => x.kind === 'action')) {
      const tag = /^start(\d{4})/.exec(i.text)?.[1] ?? '';
      const start = pageOf(big.full, new RegExp(`start${tag}\\b`));
      expect(start, i.ref).toBeGreaterThanOrEqual(0);
      expect(pageOf(big.full, new RegExp(`finish${tag}\\b`)), `${i.ref} start${tag}`).toBe(start);
    }
    doc(big.full).forEach((page, n) => {
      if (/start\d{4}/.test(page)) expect(page, `page ${n + 1}`).toMatch(/^\s*Number\s+Item\s+Action\s*$/m);
      if (/^\s*Q\d+(\s|$)/m.test(page))
        expect(page, `page ${n + 1}`).toMatch(/^\s*Question\s+Respondent\s+Response\s+Status\s*$/m);
    });
  });

  it('(2) flags the exempt items in the full form; the open form carries none of their words', () => {
    const full = text(big.full);
    expect(full).toMatch(/EXEMPT - FOIA s\.31 \(law enforcement\)/);
    expect(full).toContain(CANARY);
    const open = text(big.open);
    expect(open).not.toContain(CANARY);
    expect(open.match(/Exempt under FOIA s\.31 \(law enforcement\)/g)).toHaveLength(
      items().filter((i) => i.exempt).length,
    );
    expect(open).not.toMatch(/EXEMPT - /);
  });

  it('(3)(4) heads the questions Question | Respondent | Response | Status, crediting a response typed for its respondent', () => {
    const full = text(big.full);
    expect(full).toMatch(/^\s*Question\s+Respondent\s+Response\s+Status\s*$/m);
    expect(full).toMatch(/Jane Doe, 01\/05\/2023, entered by Priya Nair/);
    expect(full).toMatch(/Q\d+ \(continued\)/);
  });
});
