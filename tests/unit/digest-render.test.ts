import { describe, expect, it } from 'vitest';
import { cardBytes, MAX_CARD_BYTES } from '../../cards/index.ts';
import { digestCard, digestCardModel } from '../../bot/digest/card.ts';
import { DIGEST_CSV_HEADER, digestCsv } from '../../bot/digest/csv.ts';
import { digestDocx } from '../../bot/digest/docx.ts';
import { digestMarkdown, mdCell } from '../../bot/digest/markdown.ts';
import { parseCsv } from '../../bot/rules/csv.ts';
import { compileDigest } from '../../bot/rules/digest.ts';
import type { Digest, DigestItem } from '../../bot/rules/digest-model.ts';
import { formatRef, refKey } from '../../bot/rules/refs.ts';
import type { Action, ActionRef, Meeting, Person, Status } from '../../bot/rules/types.ts';
import { unzip } from '../helpers/unzip.ts';
import { bigBoard } from '../helpers/big-board.ts';
import { checkWordPackage, type WordPackage } from '../helpers/word-package-check.ts';
import { bodyParagraphs, paragraphText, wordTables } from '../helpers/word-text.ts';
import { childrenNamed, findAll, textContent, type XmlElement } from '../helpers/xml.ts';
import { validateCard, visibleTexts } from '../helpers/validate-card.ts';

const people = new Map<string, Person>([
  ['jd', { id: 'jd', name: 'Jane Doe', initials: 'JD', aliases: [], role: 'member' }],
  ['scl', { id: 'scl', name: 'Sam Carter-Lee', initials: 'SCL', aliases: [], role: 'member' }],
]);

function action(ref: ActionRef, meeting: string, status: Status, extra: Partial<Action> = {}): Action {
  const text = extra.text ?? `Task ${formatRef(ref)}`;
  return {
    id: refKey(ref, meeting, text),
    ref,
    meeting,
    owners: [{ label: 'JD', personId: 'jd' }],
    ownerText: 'JD',
    ownerForm: 'prefix',
    text,
    status,
    due: '2023-03-14',
    createdAt: `${meeting}T12:00:00Z`,
    updatedAt: `${meeting}T12:00:00Z`,
    version: 1,
    ...extra,
  };
}

// ----------------------------------------------------------------------------------------------
// A small board with awkward text

const FEB = '2023-02-14';
const MAR = '2023-03-14';
const meetings: Meeting[] = [
  { date: '2023-01-10', next: FEB },
  { date: FEB, next: MAR },
  {
    date: MAR,
    time: '10:00',
    location: 'Police HQ | Room 2',
    focus: 'R&R',
    deepDive: 'Hate Crime',
    next: '2023-04-11',
  },
];
const n = (number: number, meeting = FEB): ActionRef => ({ shape: 'numbered', meeting, number });
const small: Action[] = [
  action(n(1, '2023-01-10'), '2023-01-10', 'standing', { owners: [{ label: 'the Force' }] }),
  action(n(1), FEB, 'completed', {
    text: 'Compare A|B rates\nfor the quarter',
    repliedAt: '2023-03-01T09:00:00Z',
    latestNote: 'Done | sent\r\nto the PCC',
    latestNoteAt: '2023-03-01T09:00:00Z',
    latestNoteBy: 'Jane Doe',
  }),
  action(n(2), FEB, 'open', { text: '=HYPERLINK("http://evil.example","click")' }),
  action(n(3), FEB, 'in_progress', {
    text: '+SUM(A1:A9) & <b>bold</b> "quoted", with\u0007 a bell',
    owners: [
      { label: 'JD', personId: 'jd' },
      { label: 'SCL', personId: 'scl' },
    ],
    repliedAt: '2023-03-01T09:00:00Z',
  }),
  action({ shape: 'item', meeting: FEB, number: 5, sub: 'ii' }, FEB, 'carried_forward', {
    text: '@SUM(1) back slash \\| pipe',
    repliedAt: '2023-03-01T09:00:00Z',
  }),
  action({ shape: 'none' }, FEB, 'discharged', {
    text: '-1 outside of this meeting',
    updatedAt: '2023-03-01T09:00:00Z',
  }),
];
const digest = compileDigest({
  board: 'PAM',
  actions: small,
  people,
  meetings,
  meeting: MAR,
  now: new Date('2023-03-10T09:00:00Z'),
});
const allItems = (d: Digest): DigestItem[] => d.groups.flatMap((g) => g.items);
const refs = allItems(digest).map((i) => i.ref);

/** The unescaped pipes of a Markdown table row: its cell borders. */
const borders = (line: string): number => line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length - 1;

describe('digestMarkdown', () => {
  const md = digestMarkdown(digest);
  const lines = md.split('\n');

  it('has the title, the meeting line and the counts', () => {
    expect(lines[0]).toBe('# PAM action log — meeting of 14/03/2023');
    // Shown as typed: the pipe and the ampersand are escaped, as everything typed is.
    expect(md).toContain('14/03/2023 at 10:00 · Police HQ \\| Room 2 · Focus: R&amp;R · Deep dive: Hate Crime');
    expect(md).toContain(
      'As at 10/03/2023. Actions: Open 5 · Overdue 0 · No reply since the meeting 1 · Completed, awaiting discharge 1.',
    );
  });

  it('has a table per group with every reference, one line a row, pipes escaped', () => {
    expect(lines.filter((l) => l.startsWith('## '))).toEqual([
      '## Actions from 10/01/2023',
      '## Actions from 14/02/2023',
    ]);
    expect(lines.filter((l) => l === '| Ref | Action | Owner | Update | Status |')).toHaveLength(2);
    const rows = lines.filter((l) => l.startsWith('| ') && !l.startsWith('| Ref |') && !l.startsWith('| ---'));
    expect(rows).toHaveLength(refs.length);
    for (const ref of refs)
      expect(
        rows.some((r) => r.startsWith(`| ${ref} |`)),
        ref,
      ).toBe(true);
    for (const r of rows) expect(borders(r), r).toBe(6);
    expect(md).toContain('Compare A\\|B rates<br>for the quarter');
    expect(md).toContain('Done \\| sent<br>to the PCC (Jane Doe, 01/03/2023)');
    expect(md).toContain('back slash \\\\\\| pipe');
    expect(md).toContain('Completed — propose discharge');
    expect(md).toContain('| Standing item |');
    expect(md).toContain('Jane Doe (JD) / Sam Carter-Lee (SCL)');
  });

  it('escapes a cell on its own', () => {
    expect(mdCell('a|b\nc')).toBe('a\\|b<br>c');
    expect(mdCell('  ')).toBe(' ');
  });
});

describe('digestCsv', () => {
  const csv = digestCsv(digest);

  it('starts with a BOM, ends lines with CRLF, and has a row per item', () => {
    expect(csv.startsWith('\uFEFFRef,Action,Owner,Update,Update date,Status,Proposal,Due,Group\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...DIGEST_CSV_HEADER]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(refs);
    const done = rows.find((r) => r[0] === '01.14/02/2023');
    expect(done).toEqual([
      '01.14/02/2023',
      'Compare A|B rates\nfor the quarter',
      'Jane Doe (JD)',
      'Done | sent\r\nto the PCC',
      '01/03/2023',
      'Completed',
      'propose discharge',
      '14/03/2023',
      'Actions from 14/02/2023',
    ]);
  });

  it('defuses formulas', () => {
    const texts = parseCsv(csv)
      .slice(1)
      .map((r) => r[1] ?? '');
    expect(texts).toContain('\'=HYPERLINK("http://evil.example","click")');
    expect(texts.some((t) => t.startsWith("'+SUM"))).toBe(true);
    expect(texts).toContain("'@SUM(1) back slash \\| pipe");
    expect(texts).toContain("'-1 outside of this meeting");
    for (const t of texts) expect(t, t).not.toMatch(/^[=+\-@]/);
  });
});

describe('digestDocx', () => {
  /** The .docx unzipped, checked as a package, and its document's body parsed. */
  async function openDocx(
    d: Digest,
  ): Promise<{ buf: Buffer; pkg: WordPackage; body: XmlElement; part: (name: string) => XmlElement }> {
    const buf = await digestDocx(d);
    const pkg = checkWordPackage(unzip(buf));
    const part = (name: string): XmlElement => {
      const e = pkg.parts.get(name);
      if (!e) throw new Error(`no ${name}`);
      return e;
    };
    const body = childrenNamed(part(pkg.main), 'w:body')[0];
    if (!body) throw new Error('no w:body');
    return { buf, pkg, body, part };
  }
  const attr = (e: XmlElement | undefined, name: string): string | undefined => e?.attributes[name];

  it('is a package Word opens: well-formed parts, a content type for each, relationships that resolve', async () => {
    const { buf, pkg } = await openDocx(digest);
    expect(buf.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(pkg.main).toBe('word/document.xml');
    expect([...pkg.parts.keys()].sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'word/_rels/document.xml.rels',
      'word/document.xml',
      'word/footer1.xml',
      'word/settings.xml',
      'word/styles.xml',
    ]);
  });

  it("has the title, the meeting line, the counts, and per raising meeting a table in the minutes' columns", async () => {
    const { body } = await openDocx(digest);
    const paragraphs = bodyParagraphs(body).filter((p) => p.text !== '');
    expect(paragraphs).toEqual([
      { style: 'Heading1', text: 'PAM action log — meeting of 14/03/2023' },
      { style: '', text: '14/03/2023 at 10:00 · Police HQ | Room 2 · Focus: R&R · Deep dive: Hate Crime' },
      {
        style: '',
        text: 'As at 10/03/2023. Actions: Open 5 · Overdue 0 · No reply since the meeting 1 · Completed, awaiting discharge 1.',
      },
      { style: 'Heading2', text: 'Actions from 10/01/2023' },
      { style: 'Heading2', text: 'Actions from 14/02/2023' },
    ]);
    const tables = wordTables(body);
    expect(tables).toHaveLength(2);
    for (const t of tables) expect(t[0]).toEqual(['Ref', 'Action', 'Owner', 'Update', 'Status']);
    const rows = tables.flatMap((t) => t.slice(1));
    // Every item, in order, with its text whole (line breaks as paragraphs, the bell dropped).
    expect(rows.map((r) => r[0])).toEqual(refs);
    expect(rows.map((r) => r[1])).toEqual(
      allItems(digest).map((i) => i.text.replace(/\r\n?/g, '\n').replace('\u0007', '')),
    );
    expect(rows.find((r) => r[0] === '01.14/02/2023')).toEqual([
      '01.14/02/2023',
      'Compare A|B rates\nfor the quarter',
      'Jane Doe (JD)',
      'Done | sent\nto the PCC\nJane Doe, 01/03/2023',
      'Completed — propose discharge',
    ]);
    expect(rows.find((r) => r[0] === '03.14/02/2023')?.slice(2)).toEqual([
      'Jane Doe (JD) / Sam Carter-Lee (SCL)',
      '—',
      'In progress\nDue 14/03/2023',
    ]);
    expect(rows.find((r) => r[0] === '01.10/01/2023')?.slice(2)).toEqual(['the Force', '—', 'Standing item']);
  });

  it('repeats the header row on every page and never splits it; A4 portrait, 2 cm margins, fixed columns across the text width', async () => {
    const { body } = await openDocx(digest);
    for (const tbl of childrenNamed(body, 'w:tbl')) {
      const [header, ...rows] = childrenNamed(tbl, 'w:tr');
      expect(header && findAll(header, 'w:trPr')[0]?.children.map((c) => (typeof c === 'string' ? c : c.name))).toEqual(
        ['w:cantSplit', 'w:tblHeader'],
      );
      for (const r of rows) expect(findAll(r, 'w:tblHeader')).toEqual([]);
      expect(attr(findAll(tbl, 'w:tblLayout')[0], 'w:type')).toBe('fixed');
      const grid = findAll(tbl, 'w:gridCol').map((g) => Number(attr(g, 'w:w')));
      expect(grid).toHaveLength(5);
      expect(grid.reduce((a, b) => a + b, 0)).toBe(Number(attr(findAll(tbl, 'w:tblW')[0], 'w:w')));
      expect(grid.reduce((a, b) => a + b, 0)).toBe(11_906 - 2 * 1_134);
    }
    const section = childrenNamed(body, 'w:sectPr')[0];
    expect(section && childrenNamed(section, 'w:pgSz')[0]?.attributes).toEqual({ 'w:w': '11906', 'w:h': '16838' });
    expect(section && childrenNamed(section, 'w:pgMar')[0]?.attributes).toMatchObject({
      'w:top': '1134',
      'w:right': '1134',
      'w:bottom': '1134',
      'w:left': '1134',
    });
  });

  it('is Arial 10pt in UK English, with heading styles Word lists in its navigation pane', async () => {
    const { part } = await openDocx(digest);
    const styles = part('word/styles.xml');
    const defaults = findAll(styles, 'w:rPrDefault')[0];
    expect(attr(defaults && findAll(defaults, 'w:rFonts')[0], 'w:ascii')).toBe('Arial');
    expect(attr(defaults && findAll(defaults, 'w:sz')[0], 'w:val')).toBe('20');
    expect(attr(defaults && findAll(defaults, 'w:lang')[0], 'w:val')).toBe('en-GB');
    const style = (id: string): XmlElement | undefined =>
      childrenNamed(styles, 'w:style').find((s) => s.attributes['w:styleId'] === id);
    expect(attr(findAll(style('Heading1') ?? styles, 'w:outlineLvl')[0], 'w:val')).toBe('0');
    expect(attr(findAll(style('Heading2') ?? styles, 'w:outlineLvl')[0], 'w:val')).toBe('1');
    expect(findAll(style('Heading2') ?? styles, 'w:keepNext')).toHaveLength(1);
  });

  it("has a footer with the title and page n of m, and the title and board in the file's properties", async () => {
    const { part } = await openDocx(digest);
    const footer = part('word/footer1.xml');
    expect(findAll(footer, 'w:p').map(paragraphText)).toEqual(['PAM action log — meeting of 14/03/2023 · page 1 of 1']);
    expect(findAll(footer, 'w:fldSimple').map((f) => f.attributes['w:instr']?.trim())).toEqual(['PAGE', 'NUMPAGES']);
    const core = part('docProps/core.xml');
    expect(findAll(core, 'dc:title').map(textContent)).toEqual(['PAM action log — meeting of 14/03/2023']);
    expect(findAll(core, 'dc:creator').map(textContent)).toEqual(['PAM']);
  });

  it('escapes <&>"\' and drops what XML 1.0 forbids, everywhere text goes', async () => {
    const nasty = 'a < b && c > d "q" \'a\'\u0000\u0007\u000B\uFFFE lone\uD800 half\uDC00 ok 😀 tab\there';
    const clean = 'a < b && c > d "q" \'a\' lone half ok 😀 tab\there';
    const [item] = allItems(digest);
    if (!item) throw new Error('no item');
    const hostile: Digest = {
      ...digest,
      board: 'PAM <&>"\'\u0001',
      groups: [
        {
          title: 'Actions from <&>"\'',
          items: [
            {
              ...item,
              ref: '01 & <02>',
              text: nasty,
              owners: ['O\'Brien & "Sons" <x>'],
              latestUpdate: { text: `first${'\u2028'}second\u0008`, by: '<b>', date: '01/03/2023' },
            },
          ],
        },
      ],
    };
    const { buf, body, part } = await openDocx(hostile);
    const xml = unzip(buf).get('word/document.xml')?.toString('utf8') ?? '';
    expect(xml).toContain('&lt;');
    expect(xml).toContain('&amp;');
    const [table] = wordTables(body);
    expect(table?.[1]).toEqual([
      '01 & <02>',
      clean,
      'O\'Brien & "Sons" <x>',
      'first\nsecond\n<b>, 01/03/2023',
      'Standing item',
    ]);
    expect(bodyParagraphs(body)[0]?.text).toBe('PAM <&>"\' action log — meeting of 14/03/2023');
    expect(bodyParagraphs(body).map((p) => p.text)).toContain('Actions from <&>"\'');
    expect(findAll(part('docProps/core.xml'), 'dc:creator').map(textContent)).toEqual(['PAM <&>"\'']);
    // A tab is Word's own tab, not a character in the text.
    expect(findAll(body, 'w:tab').length).toBeGreaterThan(0);
  });

  it('keeps spaces Word would otherwise drop: at either end of a text, and two together', async () => {
    const [item] = allItems(digest);
    if (!item) throw new Error('no item');
    const { body, part } = await openDocx({
      ...digest,
      groups: [{ title: 'Spaces', items: [{ ...item, text: ' lead, two  inside, trail ' }] }],
    });
    expect(wordTables(body)[0]?.[1]?.[1]).toBe(' lead, two  inside, trail ');
    const texts = [...findAll(body, 'w:t'), ...findAll(part('word/footer1.xml'), 'w:t')];
    const spaced = texts.filter((t) => /^\s|\s$|\s\s/.test(textContent(t)));
    expect(spaced.map(textContent)).toEqual(
      expect.arrayContaining([' lead, two  inside, trail ', 'PAM action log — meeting of 14/03/2023 · page ', ' of ']),
    );
    for (const t of spaced) expect(t.attributes['xml:space'], textContent(t)).toBe('preserve');
  });

  it('says so when no action is open', async () => {
    const { body } = await openDocx({ ...digest, groups: [] });
    expect(wordTables(body)).toEqual([]);
    expect(bodyParagraphs(body).map((p) => p.text)).toContain('No actions are open.');
  });

  it('keeps a long text whole in its cell, for Word to wrap within the column', async () => {
    const [item] = allItems(digest);
    if (!item) throw new Error('no item');
    const long = `${'word '.repeat(1_000)}${'x'.repeat(2_000)}`;
    const { body } = await openDocx({ ...digest, groups: [{ title: 'Long', items: [{ ...item, text: long }] }] });
    expect(wordTables(body)[0]?.[1]?.[1]).toBe(long);
  });
});

// ----------------------------------------------------------------------------------------------
// A long-running board

describe('digestCard', () => {
  it('validates, with the meeting, the counts and the items grouped', () => {
    const card = digestCard(digest);
    expect(validateCard(card)).toEqual([]);
    const texts = visibleTexts(card);
    expect(texts[0]).toBe('Action log for the meeting of 14/03/2023');
    expect(texts.join('\n')).toContain('Deep dive: Hate Crime');
    expect(texts.join('\n')).toContain('at 10:00, Police HQ | Room 2');
    expect(texts).toContain('Actions from 14/02/2023');
    expect(texts).toContain('01.14/02/2023 · Completed — propose discharge');
    expect(texts.some((t) => t.startsWith('02.14/02/2023 · Open — no reply since the meeting · due 14/03/2023'))).toBe(
      true,
    );
    expect(texts).toContain('Jane Doe (JD) and Sam Carter-Lee (SCL)');
    expect(card.actions).toBeUndefined();
    expect(texts.some((t) => t.includes('more'))).toBe(false);
  });

  it('stays under 40 KB with 200 actions, shows 30, says how many more, and links the Word file', () => {
    const board = bigBoard(4, 50, 2_000);
    const d = compileDigest({ board: 'PAM', ...board, people, now: new Date(`${board.meeting}T08:00:00Z`) });
    expect(allItems(d)).toHaveLength(200);
    const card = digestCard(d, { documentUrl: 'https://contoso.sharepoint.com/sites/pam/Action%20log.docx' });
    expect(validateCard(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
    const texts = visibleTexts(card);
    expect(texts).toContain('and 170 more — the full action log is in the Word document');
    expect(texts.filter((t) => /^\d{2}\.\d{2}\/\d{2}\/\d{4} · /.test(t))).toHaveLength(30);
    expect(card.actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Open the Word action log',
        url: 'https://contoso.sharepoint.com/sites/pam/Action%20log.docx',
      },
    ]);
    // Texts are cut to about 150 characters.
    expect(Math.max(...texts.filter((t) => t.startsWith('Action ')).map((t) => t.length))).toBeLessThanOrEqual(150);
  });

  it('fits fewer items rather than pass 40 KB when asked for many', () => {
    const board = bigBoard(4, 50, 2_000);
    const d = compileDigest({ board: 'PAM', ...board, people, now: new Date(`${board.meeting}T08:00:00Z`) });
    const card = digestCard(d, { limit: 200 });
    expect(validateCard(card)).toEqual([]);
    expect(visibleTexts(card).some((t) => /^and \d+ more — the full action log is in the Word document$/.test(t))).toBe(
      true,
    );
    // The card shows the counts the digest made (actions; it lists no questions).
    expect(digestCardModel(d).counts).toEqual({ actions: d.counts.actions });
  });
});

describe('digest at scale', () => {
  it('compiles and renders 10,000 actions over 100 meetings', { timeout: 120_000 }, async () => {
    const board = bigBoard(100, 100);
    const ms = (since: number): number => Math.round(performance.now() - since);
    let t = performance.now();
    const d = compileDigest({ board: 'PAM', ...board, people, now: new Date(`${board.meeting}T08:00:00Z`) });
    const compile = ms(t);
    t = performance.now();
    const card = digestCard(d);
    const cardMs = ms(t);
    t = performance.now();
    const md = digestMarkdown(d);
    const mdMs = ms(t);
    t = performance.now();
    const csv = digestCsv(d);
    const csvMs = ms(t);
    t = performance.now();
    const docx = await digestDocx(d);
    const docxMs = ms(t);
    expect(allItems(d)).toHaveLength(10_000);
    console.log(
      `digest of 10,000 actions over 100 meetings: compile ${compile} ms, card ${cardMs} ms (${cardBytes(card).toLocaleString('en-GB')} bytes), ` +
        `markdown ${mdMs} ms (${md.length.toLocaleString('en-GB')} chars), csv ${csvMs} ms, docx ${docxMs} ms (${docx.length.toLocaleString('en-GB')} bytes); ` +
        `total ${compile + cardMs + mdMs + csvMs + docxMs} ms`,
    );
    expect(csv.length).toBeGreaterThan(0);
    // The 10,000-row document is still a package Word opens, with every action in order, whole.
    const pkg = checkWordPackage(unzip(docx));
    const body = childrenNamed(pkg.parts.get(pkg.main) ?? { name: '', attributes: {}, children: [] }, 'w:body')[0];
    const rows = body ? wordTables(body).flatMap((t) => t.slice(1)) : [];
    expect(rows.map((r) => r[0])).toEqual(allItems(d).map((i) => i.ref));
    expect(rows.map((r) => r[1])).toEqual(allItems(d).map((i) => i.text));
  });
});
