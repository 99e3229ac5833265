// What the minutes say under each item, imported on Azurite from the fixtures as read (the Word file
// of 21/07/2020, the text copied out of the minutes of 14/03/2023): stored a row an item, an exempt
// item's apart and never in the open minutes; the same minutes again change nothing; a correction
// is an update said in a short line; a 100 KB item is kept whole, one too long to store is said.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openMinutesDocx } from '../../bot/digest/minutes-docx.ts';
import { openMinutes } from '../../bot/minutes/open.ts';
import { readMinutes } from '../../bot/minutes/read.ts';
import type { MinutesRecord } from '../../bot/minutes/record.ts';
import type { Actor, ItemDiscussion } from '../../bot/rules/types.ts';
import { createBoardContext, createStores, type BoardContext, type Stores } from '../../bot/services/board-context.ts';
import {
  applyMinutes,
  nothingToChange,
  previewMinutes,
  type MinutesPreview,
  type PlannedRecord,
} from '../../bot/services/minutes/import.ts';
import { buildOpenMinutes } from '../../bot/services/open-minutes.ts';
import { importPeople } from '../../bot/services/people.ts';
import { fixture } from '../helpers/bot-board.ts';
import { EXEMPT_CANARY, marchWithCanaries, OPEN_CANARY } from '../helpers/minutes-canary.ts';
import { testTables } from '../helpers/tables.ts';
import { unzip } from '../helpers/unzip.ts';

const actor: Actor = { id: 'cli:priya', name: 'priya', channel: 'import' };
const SECRET = EXEMPT_CANARY;
const OPEN = OPEN_CANARY;
const MARCH = '2023-03-14';

let stores: Stores;
let n = 0;
async function board(people: string, now: string): Promise<BoardContext> {
  const t = createBoardContext(stores, { tenant: 'tenant-discussion', board: `D${++n}` }, () => new Date(now));
  await importPeople(t, fixture(people));
  return t;
}

beforeAll(async () => {
  stores = createStores(await testTables());
});

const read = (name: string, text?: string): MinutesRecord =>
  readMinutes(
    openMinutes(
      text === undefined ? readFileSync(new URL(`../fixtures/${name}`, import.meta.url)) : Buffer.from(text),
      name,
    ),
  );

const itemRecords = (p: MinutesPreview): PlannedRecord[] =>
  p.sections.find((s) => s.section === 'items')?.records ?? [];
const texts = (d: ItemDiscussion | undefined): string[] => (d?.paragraphs ?? []).map((p) => p.text);

describe("the items' discussions", () => {
  it('21/07/2020 from the Word file: each item what it discussed, less the review and the answers; the same again changes nothing', async () => {
    const t = await board('people-2020-07-21.csv', '2020-08-01T09:00:00Z');
    const { applied } = await applyMinutes(t, read('minutes-2020-07-21.docx'), { actor });
    expect(itemRecords(applied).map((r) => [r.result, r.label])).toEqual([
      ['add', '01.21/07/2020 Minutes; 1 paragraph'],
      ['add', '02.21/07/2020 Performance Scrutiny Report; 2 paragraphs'],
      ['add', '03.21/07/2020 AOB; 1 paragraph'],
    ]);
    const { open, withheld } = await stores.discussions.list(t.scope, '2020-07-21');
    expect(withheld.size).toBe(0);
    expect(open.get('01.21/07/2020')).toEqual({
      paragraphs: [{ text: 'The Minutes of the previous meeting dated 23/06/2020 were agreed and approved.' }],
      papers: { kind: 'review', at: 1 },
    });
    expect(texts(open.get('02.21/07/2020'))).toEqual([
      'Update provided by Ch.Supt Ben Smith as Head of Local Policing',
      'Force response to the Office of the Police Crime Commissioner performance scrutiny report dated 15th July 2020.',
    ]);
    expect(texts(open.get('03.21/07/2020'))[0]).toMatch(/^The OPCC has been alerted to incidents of ASB/);
    // The meeting's row keeps the items' numbers and headings, not their words.
    const meeting = (await stores.meetings.get(t.scope, '2020-07-21'))?.meeting;
    expect(JSON.stringify(meeting)).not.toContain('Stratford');

    const again = await previewMinutes(t, read('minutes-2020-07-21.docx'), { actor });
    expect(nothingToChange(again)).toBe(true);
    expect(nothingToChange(await previewMinutes(t, read('minutes-2020-07-21.txt'), { actor }))).toBe(true);

    const minutes = await buildOpenMinutes(t, '2020-07-21');
    expect(minutes.items.map((i) => [i.number, i.paragraphs?.length, i.papersAt])).toEqual([
      ['01.21/07/2020', 1, 1],
      ['02.21/07/2020', 2, 2],
      ['03.21/07/2020', 1, undefined],
    ]);
  });

  it("14/03/2023: the exempt item's words are stored apart and printed nowhere; the open item's are printed", async () => {
    const t = await board('people-example.csv', '2023-03-20T10:00:00Z');
    const plain = await applyMinutes(t, read('minutes-2023-03-14.txt'), { actor });
    expect(plain.applied.counts.error).toBe(0);
    // As minuted, the exempt item says nothing but its exemption, which is its exemption, not words to keep.
    let stored = await stores.discussions.list(t.scope, MARCH);
    expect(stored.withheld.size).toBe(0);
    expect([...stored.open.keys()]).toEqual([
      '01.14/03/2023',
      '02.14/03/2023',
      '03.14/03/2023',
      '04.14/03/2023',
      '06.14/03/2023',
      '07.14/03/2023',
      '08.14/03/2023',
    ]);
    // Item 04: the words before the questions; the questions and answers are the questions' own.
    expect(stored.open.get('04.14/03/2023')?.papers).toEqual({ kind: 'questions', at: 3 });
    expect(texts(stored.open.get('04.14/03/2023')).join(' ')).not.toContain('Q1.');
    // A paragraph a copy broke at a page's end is whole again.
    expect(texts(stored.open.get('02.14/03/2023'))[2]).toMatch(/ at the earliest opportunity\.$/);

    const { applied } = await applyMinutes(t, read('minutes.txt', marchWithCanaries()), { actor });
    const records = itemRecords(applied);
    expect(records.find((r) => r.label.startsWith('05.'))).toEqual({
      result: 'update',
      label:
        '05.14/03/2023 Serious and Organised Crime – Operational Update (exempt: FOIA s.31 (Law Enforcement)); 1 paragraph',
      detail: 'discussion changed (0 -> 1 paragraph); exempt: its words are not shown',
      warnings: [],
    });
    expect(records.find((r) => r.label.startsWith('06.'))).toMatchObject({
      result: 'update',
      detail: `discussion paragraph 2 now "${OPEN} The dip sample is to be repeated in Septem…" (2 -> 3 paragraphs)`,
    });
    expect(JSON.stringify(applied)).not.toContain(SECRET);

    stored = await stores.discussions.list(t.scope, MARCH);
    expect(texts(stored.withheld.get('05.14/03/2023'))).toEqual([
      `${SECRET} Operation Northgate disrupted two groups in the north of the county.`,
    ]);
    const openRows = await stores.discussions.listOpen(t.scope, MARCH);
    expect(openRows.has('05.14/03/2023')).toBe(false);
    expect(JSON.stringify([...openRows])).not.toContain(SECRET);

    const minutes = await buildOpenMinutes(t, MARCH);
    // The review and the questions under the items the minutes had them under (not 03, 'External Scrutiny Panel').
    expect(minutes.items.filter((i) => i.review || i.questions).map((i) => [i.number, i.papersAt])).toEqual([
      ['01.14/03/2023', 1],
      ['04.14/03/2023', 3],
    ]);
    expect(minutes.items.find((i) => i.questions)?.number).toBe('04.14/03/2023');
    expect(JSON.stringify(minutes)).not.toContain(SECRET);
    expect(JSON.stringify(minutes)).toContain(OPEN);
    expect(minutes.items.find((i) => i.number === '05.14/03/2023')).toEqual({
      number: '05.14/03/2023',
      title: 'Serious and Organised Crime – Operational Update',
      withheld: 'Exempt under FOIA s.31 (Law Enforcement)',
    });
    const word = [...unzip(await openMinutesDocx(minutes)).values()].map((b) => b.toString('utf8')).join('\n');
    expect(word).not.toContain(SECRET);
    expect(word).toContain(OPEN);

    // Corrected: the exempt item's words change; the preview says so without them.
    const corrected = await previewMinutes(
      t,
      read('minutes.txt', marchWithCanaries(`${SECRET} Two groups disrupted.`)),
      {
        actor,
      },
    );
    expect(itemRecords(corrected).filter((r) => r.result !== 'unchanged')).toEqual([
      expect.objectContaining({ detail: 'discussion changed; exempt: its words are not shown' }),
    ]);
    expect(JSON.stringify(corrected)).not.toContain(SECRET);
  });

  it('moves an item that became exempt out of the open rows, and back when it is not', async () => {
    const t = await board('people-example.csv', '2023-03-20T10:00:00Z');
    const text = marchWithCanaries();
    await applyMinutes(t, read('minutes.txt', text), { actor });
    const heading = "06.14/03/2023\tVictims' Code Compliance \u2013 Force Control Room\t\n";
    expect(text).toContain(heading);
    const exempt = text.replace(heading, `${heading}\tExempt FOIA under Section S.40 (Personal Information)\t\n`);
    await applyMinutes(t, read('minutes.txt', exempt), { actor });
    expect((await stores.discussions.listOpen(t.scope, MARCH)).has('06.14/03/2023')).toBe(false);
    expect(texts((await stores.discussions.list(t.scope, MARCH)).withheld.get('06.14/03/2023'))[1]).toContain(OPEN);
    expect(JSON.stringify(await buildOpenMinutes(t, MARCH))).not.toContain(OPEN);

    await applyMinutes(t, read('minutes.txt', text), { actor });
    expect(texts((await stores.discussions.listOpen(t.scope, MARCH)).get('06.14/03/2023'))[1]).toContain(OPEN);
    expect((await stores.discussions.list(t.scope, MARCH)).withheld.has('06.14/03/2023')).toBe(false);
  });

  it('keeps an item of 100 KB of prose whole, and says when an item is too long to store, keeping the rest', async () => {
    const t = await board('people-2020-07-21.csv', '2020-08-01T09:00:00Z');
    const record = read('minutes-2020-07-21.docx');
    // Words in no order a dictionary would compress well: a long deep-dive briefing's worth.
    let seed = 7;
    const next = (): number => (seed = (seed * 48271) % 2147483647);
    const words = 'force county report crime victims officers response demand patrol data review board plan'.split(' ');
    const sentence = (): string =>
      `${Array.from({ length: 18 }, () => words[next() % words.length]).join(' ')} ${next() % 10_000}.`;
    const long: ItemDiscussion = {
      paragraphs: Array.from({ length: 800 }, (_, i) => ({
        text: `${i + 1}. ${sentence()}`,
        ...(i % 5 === 0 ? { label: '•' } : {}),
      })),
    };
    expect(JSON.stringify(long).length).toBeGreaterThan(100_000);
    const aob = record.items[2];
    if (!aob) throw new Error('no item 03');
    aob.discussion = long;
    const { applied } = await applyMinutes(t, record, { actor });
    expect(applied.counts.error).toBe(0);
    expect((await stores.discussions.listOpen(t.scope, '2020-07-21')).get('03.21/07/2020')).toEqual(long);
    expect(nothingToChange(await previewMinutes(t, record, { actor }))).toBe(true);

    // Letters in no order at all do not compress: a megabyte of them cannot be stored in a row.
    const noise = Array.from({ length: 1_200_000 }, () => String.fromCharCode(97 + (next() % 26))).join('');
    aob.discussion = { paragraphs: [{ text: noise }] };
    const tooLong = await previewMinutes(t, record, { actor });
    const item = itemRecords(tooLong).find((r) => r.label.startsWith('03.'));
    // Said, and the words stored stay: nothing is lost.
    expect(item?.result).toBe('unchanged');
    expect(item?.warnings).toEqual([
      expect.stringMatching(/^the discussion of item 03\.21\/07\/2020 is too long to store \(.*\): not kept$/),
    ]);
    expect(itemRecords(tooLong).filter((r) => r.result === 'error')).toEqual([]);
    // Each record's line stays short: a count or the first words, never the prose.
    for (const r of itemRecords(tooLong)) expect(`${r.label} ${r.detail ?? ''}`.length).toBeLessThan(300);
  });
});
