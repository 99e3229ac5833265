import { describe, expect, it } from 'vitest';
import { cardBytes, MAX_CARD_BYTES } from '../../cards/index.ts';
import { digestCard, digestCardModel } from '../../bot/digest/card.ts';
import { DIGEST_CSV_HEADER, digestCsv } from '../../bot/digest/csv.ts';
import { questionStatusLines } from '../../bot/digest/text.ts';
import { digestDocx } from '../../bot/digest/docx.ts';
import { digestMarkdown, mdCell } from '../../bot/digest/markdown.ts';
import { parseCsv } from '../../bot/rules/csv.ts';
import { compileDigest } from '../../bot/rules/digest.ts';
import { shownCounts } from '../../bot/rules/flags.ts';
import type { Digest, DigestItem } from '../../bot/rules/digest-model.ts';
import { formatRef, refKey } from '../../bot/rules/refs.ts';
import { openForm } from '../../bot/rules/exempt.ts';
import { questionDigestItem } from '../../bot/rules/questions.ts';
import type { Action, ActionRef, Meeting, Person, Question, Status } from '../../bot/rules/types.ts';
import { textWidth } from '../../bot/digest/measure.ts';
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

// Questions: one answered (typed in by the secretariat for its respondent), one still awaited and overdue.
const question = (number: string, extra: Partial<Question>): Question => ({
  id: `${MAR}.${number.toLowerCase()}`,
  number,
  meeting: MAR,
  text: `Question ${number} about P&CP <reports>`,
  theme: 'Hate Crime',
  respondent: { label: 'JD', personId: 'jd' },
  state: 'awaiting',
  due: '2023-03-07',
  actionIds: [],
  createdAt: '2023-02-20T09:00:00Z',
  updatedAt: '2023-02-20T09:00:00Z',
  version: 1,
  ...extra,
});
const questions = [
  question('Q1', {
    state: 'answered',
    response: 'Outcome rates are held by crime type.\nThey go to the Force Performance Board.',
    respondedAt: '2023-03-06T09:00:00Z',
    respondedBy: 'Priya Nair',
  }),
  question('Q2', {}),
].map((q) => questionDigestItem(q, people, '2023-03-10'));
const withQuestions = compileDigest({
  board: 'PAM',
  actions: [
    ...small
      .slice(0, 1)
      .map((a) => ({ ...a, outcome: 'Updated to: - March - 999 Call Handling. April Q4 - Rural Crime.' })),
    ...small.slice(1),
  ],
  questions,
  people,
  meetings,
  meeting: MAR,
  now: new Date('2023-03-10T09:00:00Z'),
});

describe('digestMarkdown', () => {
  const md = digestMarkdown(digest);
  const lines = md.split('\n');

  it('(1) says which form it is in its title, and carries its marking first and last', () => {
    expect(lines[0]).toBe('**OFFICIAL-SENSITIVE**');
    expect(lines[2]).toBe('# PAM action log, meeting of 14/03/2023: full version, not for publication');
    expect(lines.at(-2)).toBe('**OFFICIAL-SENSITIVE**');
    const open = digestMarkdown(openForm(digest)).split('\n');
    expect(open[0]).toBe('**OFFICIAL**');
    expect(open[2]).toBe('# PAM action log, meeting of 14/03/2023: open version, for publication');
    const own = digestMarkdown(digest, { markings: { full: 'OFFICIAL-SENSITIVE PERSONAL', open: 'PUBLIC' } });
    expect(own.split('\n')[0]).toBe('**OFFICIAL-SENSITIVE PERSONAL**');
  });

  it('(10) shows typed text as typed: no HTML entities, a pipe cannot end a cell', () => {
    // 'R&R' and 'P&CP' stay as they are; only what Markdown would read as markup is escaped.
    expect(md).toContain('14/03/2023 at 10:00 · Police HQ \\| Room 2');
    expect(md).not.toMatch(/&(amp|lt|gt|quot);/);
    expect(md).toContain('+SUM(A1:A9) & \\<b>bold\\</b> "quoted"');
    expect(mdCell('P&CP and R&R, a < b')).toBe('P&CP and R&R, a < b');
    expect(mdCell('typed &amp; meant')).toBe('typed \\&amp; meant');
    expect(mdCell('a|b\nc')).toBe('a\\|b<br>c');
    expect(mdCell('  ')).toBe(' ');
    const q = digestMarkdown(withQuestions);
    expect(q).toContain('Hate Crime: Question Q1 about P&CP \\<reports>');
    expect(q).not.toMatch(/&(amp|lt|gt|quot);/);
  });

  it("lays the review of actions out as the minutes' item 01: Number | Item | Action, a row an action, one line each", () => {
    expect(lines.filter((l) => l === '| Number | Item | Action |')).toHaveLength(1);
    expect(lines).toContain('| **Actions from 10/01/2023** |   |   |');
    expect(lines).toContain('| **Actions from 14/02/2023** |   |   |');
    const rows = lines.filter((l) => refs.some((r) => l.startsWith(`| ${r.replace(/\|/g, '\\|')} |`)));
    expect(rows).toHaveLength(refs.length);
    for (const r of rows) expect(borders(r), r).toBe(4);
    expect(md).toContain(
      '| 01.14/02/2023 | Compare A\\|B rates<br>for the quarter<br>Owner: Jane Doe (JD)<br>Latest update (Jane Doe, 01/03/2023): Done \\| sent<br>to the PCC | **Completed - propose discharge** |',
    );
    expect(md).toContain('| **Carry forward**<br>Status: Open<br>Due 14/03/2023<br>No reply since the meeting |');
    expect(md).toContain('back slash \\\\\\| pipe');
  });

  it('(3)(5) heads the questions Question | Respondent | Response | Status, and gives the outcome minuted', () => {
    const q = digestMarkdown(withQuestions);
    expect(q).toContain('| Question | Respondent | Response | Status |');
    expect(q).toContain('Outcome minuted: Updated to:<br>- March - 999 Call Handling.<br>- April Q4 - Rural Crime.');
    expect(q).toContain(
      'Outcome rates are held by crime type.<br>They go to the Force Performance Board.<br>Jane Doe, 06/03/2023, entered by Priya Nair | **Answered** |',
    );
    expect(q).toContain('| No response yet | **Awaiting response**<br>Overdue: due 07/03/2023 |');
  });

  it('(8) counts actions and questions apart, telling what is outstanding from what is completed', () => {
    const q = digestMarkdown(withQuestions);
    expect(q).toContain('As at 10/03/2023.');
    expect(q).toContain(
      '- Actions (6 listed): 4 outstanding, 1 completed awaiting discharge, 1 discharged. Overdue: 0. No reply since the meeting: 1.',
    );
    expect(q).toContain(
      '- Scrutiny questions (2 listed): 1 outstanding, 1 answered to be marked, 0 marked answered. Overdue: 1. Awaiting a response: 1.',
    );
    expect(q).toContain('- This meeting (14/03/2023): Focus: R&R · Deep dive: Hate Crime');
    expect(q).toContain('- Next meeting (11/04/2023): Focus: not set · Deep dive: not set');
  });
});

describe("(9) a question as its record has it, in the minutes' words", () => {
  const status = (extra: Partial<Question>): string[] =>
    questionStatusLines(questionDigestItem(question('Q9', extra), people, '2023-03-10'));

  it('answered: "Answered", and no due date; marked answered at the meeting, still "Answered"', () => {
    expect(status({ state: 'answered', response: 'Yes.' })).toEqual(['Answered']);
    expect(status({ state: 'answered', response: 'Yes.', closedOn: '2023-03-14' })).toEqual(['Answered']);
  });

  it('still owed: its state and its due date, "Overdue" once past it', () => {
    expect(status({ state: 'awaiting', due: '2023-03-20' })).toEqual(['Awaiting response', 'Due 20/03/2023']);
    expect(status({ state: 'awaiting' })).toEqual(['Awaiting response', 'Overdue: due 07/03/2023']);
    expect(status({ state: 'partly_answered', due: '2023-03-20' })).toEqual(['Partly answered', 'Due 20/03/2023']);
    expect(status({ state: 'carried_forward', due: '2023-04-11' })).toEqual(['Carried forward', 'Due 11/04/2023']);
    // Closed by the chair before it was fully answered: said so, with no due date.
    expect(status({ state: 'partly_answered', closedOn: '2023-03-14' })).toEqual(['Partly answered', 'Closed']);
  });
});

describe('digestCsv', () => {
  const csv = digestCsv(withQuestions);

  it('(10) starts with a byte-order mark (for Excel), ends lines with CRLF, and has a row per item', () => {
    expect(csv.startsWith(`\uFEFF${DIGEST_CSV_HEADER.join(',')}\r\n`)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...DIGEST_CSV_HEADER]);
    expect(rows.slice(1).map((r) => r[2])).toEqual([...refs, 'Q1', 'Q2']);
  });

  it('(4)(5) gives each update with who it is from and who entered it, and the outcome minuted line by line', () => {
    const rows = parseCsv(csv);
    const col = (name: (typeof DIGEST_CSV_HEADER)[number]): number => DIGEST_CSV_HEADER.indexOf(name);
    const q1 = rows.find((r) => r[2] === 'Q1') ?? [];
    expect([q1[col('Update from')], q1[col('Entered by')], q1[col('Update date')]]).toEqual([
      'Jane Doe',
      'Priya Nair',
      '06/03/2023',
    ]);
    expect(q1[col('Decision or status')]).toBe('Answered');
    const standing = rows.find((r) => r[2] === '01.10/01/2023') ?? [];
    expect(standing[col('Outcome minuted')]).toBe(
      'Updated to:\n- March - 999 Call Handling.\n- April Q4 - Rural Crime.',
    );
    expect(standing[col('Decision or status')]).toBe('Standing item');
  });

  it('(10) defuses formulas with a word joiner, never a visible apostrophe', () => {
    const texts = parseCsv(csv)
      .slice(1)
      .map((r) => r[3] ?? '');
    expect(texts).toContain('\u2060=HYPERLINK("http://evil.example","click")');
    expect(texts).toContain('\u2060@SUM(1) back slash \\| pipe');
    expect(texts).toContain('\u2060-1 outside of this meeting');
    for (const t of texts) expect(t, t).not.toMatch(/^[=+\-@']/);
  });
});

describe('digestDocx', () => {
  /** The .docx unzipped, checked as a package, and its document's body parsed. */
  async function openDocx(
    d: Digest,
    opts = {},
  ): Promise<{ buf: Buffer; pkg: WordPackage; body: XmlElement; part: (name: string) => XmlElement }> {
    const buf = await digestDocx(d, opts);
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
  /** The text of the header and footer parts the package holds. */
  const margins = (pkg: WordPackage, kind: 'header' | 'footer'): string[] =>
    [...pkg.parts.entries()]
      .filter(([name]) => new RegExp(`^word/${kind}\\d+\\.xml$`).test(name))
      .map(([, e]) => findAll(e, 'w:p').map(paragraphText).join('\n'));

  it('is a package Word opens: well-formed parts, a content type for each, relationships that resolve', async () => {
    const { buf, pkg } = await openDocx(withQuestions);
    expect(buf.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(pkg.main).toBe('word/document.xml');
    expect([...pkg.parts.keys()]).toEqual(expect.arrayContaining(['word/styles.xml', 'docProps/core.xml']));
  });

  it('(1) marks every page at the top and the bottom, OFFICIAL-SENSITIVE in full and OFFICIAL in the open form', async () => {
    const full = await openDocx(withQuestions);
    // A header and a footer for each section (portrait actions, landscape questions).
    expect(margins(full.pkg, 'header')).toEqual(['OFFICIAL-SENSITIVE', 'OFFICIAL-SENSITIVE']);
    for (const f of margins(full.pkg, 'footer'))
      expect(f).toBe(
        'PAM action log, meeting of 14/03/2023: full version, not for publication · Page  of \nOFFICIAL-SENSITIVE',
      );
    const open = await openDocx(openForm(withQuestions));
    expect(margins(open.pkg, 'header')).toEqual(['OFFICIAL', 'OFFICIAL']);
    for (const f of margins(open.pkg, 'footer'))
      expect(f).toBe('PAM action log, meeting of 14/03/2023: open version, for publication · Page  of \nOFFICIAL');
    const own = await openDocx(withQuestions, { markings: { full: 'OFFICIAL-SENSITIVE PERSONAL', open: 'PUBLIC' } });
    expect(margins(own.pkg, 'header')).toEqual(['OFFICIAL-SENSITIVE PERSONAL', 'OFFICIAL-SENSITIVE PERSONAL']);
    // 'Page n of m': Word's own fields, filled in as it lays the pages out.
    const footer = [...full.pkg.parts.entries()].find(([name]) => name.startsWith('word/footer'))?.[1];
    expect(
      findAll(footer!, 'w:instrText')
        .map(textContent)
        .filter((t) => t.trim() !== ''),
    ).toEqual(['PAGE', 'NUMPAGES']);
    expect(findAll(full.part('docProps/core.xml'), 'dc:title').map(textContent)).toEqual([
      'PAM action log, meeting of 14/03/2023: full version, not for publication',
    ]);
  });

  it("(3) has the title, the meeting, the review in the minutes' columns, the questions in theirs, the counts and the focus", async () => {
    const { body } = await openDocx(withQuestions);
    const headings = bodyParagraphs(body).filter((p) => p.style.startsWith('Heading'));
    expect(headings).toEqual([
      { style: 'Heading1', text: 'PAM action log, meeting of 14/03/2023\nFull version, not for publication' },
      { style: 'Heading2', text: 'Review of actions' },
      { style: 'Heading2', text: 'Scrutiny questions' },
      { style: 'Heading2', text: 'Counts' },
      { style: 'Heading2', text: 'Focus and deep dive' },
    ]);
    const [review, qs] = wordTables(body);
    expect(review?.[0]).toEqual(['Number', 'Item', 'Action']);
    expect(qs?.[0]).toEqual(['Question', 'Respondent', 'Response', 'Status']);
    expect(review?.filter((r) => r.length === 1)).toEqual([['Actions from 10/01/2023'], ['Actions from 14/02/2023']]);
    const rows = review?.filter((r) => r.length === 3).slice(1) ?? [];
    expect(rows.map((r) => r[0])).toEqual(refs);
    expect(rows.find((r) => r[0] === '01.14/02/2023')).toEqual([
      '01.14/02/2023',
      'Compare A|B rates\nfor the quarter\nOwner: Jane Doe (JD)\nLatest update (Jane Doe, 01/03/2023): Done | sent\nto the PCC',
      'Completed - propose discharge',
    ]);
    expect(rows.find((r) => r[0] === '01.10/01/2023')).toEqual([
      '01.10/01/2023',
      'Task 01.10/01/2023\nOwner: the Force\nOutcome minuted: Updated to:\n- March - 999 Call Handling.\n- April Q4 - Rural Crime.',
      'Standing item',
    ]);
    expect(qs?.slice(1)).toEqual([
      [
        'Q1\nHate Crime: Question Q1 about P&CP <reports>',
        'Jane Doe (JD)',
        'Outcome rates are held by crime type.\nThey go to the Force Performance Board.\nJane Doe, 06/03/2023, entered by Priya Nair',
        'Answered',
      ],
      [
        'Q2\nHate Crime: Question Q2 about P&CP <reports>',
        'Jane Doe (JD)',
        'No response yet',
        'Awaiting response\nOverdue: due 07/03/2023',
      ],
    ]);
    const text = bodyParagraphs(body).map((p) => p.text);
    expect(text).toContain('14/03/2023 at 10:00 · Police HQ | Room 2');
    expect(text).toContain(
      'Actions (6 listed): 4 outstanding, 1 completed awaiting discharge, 1 discharged. Overdue: 0. No reply since the meeting: 1.',
    );
    expect(text).toContain('Next meeting (11/04/2023): Focus: not set · Deep dive: not set');
  });

  it('(7) repeats header rows, keeps rows whole, and sets the questions on landscape pages; A4, 2 cm margins, fixed columns across the text', async () => {
    const { body } = await openDocx(withQuestions);
    const tables = findAll(body, 'w:tbl');
    expect(tables).toHaveLength(2);
    const widths = [11_906 - 2 * 1_134, 16_838 - 2 * 1_134];
    tables.forEach((tbl, n) => {
      const [header, ...rows] = childrenNamed(tbl, 'w:tr');
      expect(header && findAll(header, 'w:tblHeader')).toHaveLength(1);
      expect(header && findAll(header, 'w:cantSplit')).toHaveLength(1);
      for (const r of rows) {
        expect(findAll(r, 'w:tblHeader')).toEqual([]);
        expect(findAll(r, 'w:cantSplit')).toHaveLength(1);
      }
      expect(attr(findAll(tbl, 'w:tblLayout')[0], 'w:type')).toBe('fixed');
      const grid = findAll(tbl, 'w:gridCol').map((g) => Number(attr(g, 'w:w')));
      expect(grid.reduce((a, b) => a + b, 0)).toBe(widths[n]);
    });
    const sections = findAll(body, 'w:sectPr').map((s) => childrenNamed(s, 'w:pgSz')[0]?.attributes);
    expect(sections).toEqual([
      { 'w:w': '11906', 'w:h': '16838', 'w:orient': 'portrait' },
      { 'w:w': '16838', 'w:h': '11906', 'w:orient': 'landscape' },
    ]);
    for (const s of findAll(body, 'w:sectPr'))
      expect(childrenNamed(s, 'w:pgMar')[0]?.attributes).toMatchObject({
        'w:top': '1134',
        'w:right': '1134',
        'w:bottom': '1134',
        'w:left': '1134',
      });
  });

  it('(6) gives the Number column the width of its longest reference, so that none wraps', async () => {
    const long = action({ shape: 'item', meeting: FEB, number: 14, sub: 'viii' }, FEB, 'open');
    const d = compileDigest({
      board: 'PAM',
      actions: [...small, long],
      people,
      meetings,
      meeting: MAR,
      now: new Date(MAR),
    });
    const { body } = await openDocx(d);
    const grid = findAll(findAll(body, 'w:tbl')[0]!, 'w:gridCol').map((g) => Number(attr(g, 'w:w')));
    const padding = 2 * 85;
    expect(grid[0]).toBeGreaterThanOrEqual(textWidth('14 14/02/2023.viii', 11) + padding);
    // And no wider than it needs: the Item column keeps the room.
    expect(grid[0]).toBeLessThan(textWidth('14 14/02/2023.viii', 11) * 1.1 + padding + 40);
  });

  it('(7) splits a response too long for a third of a page over rows that end between sentences, the first with the question', async () => {
    const sentence = 'The force reviewed every case in the quarter and reported to the board. ';
    const long = question('Q3', { state: 'answered', response: sentence.repeat(60).trim(), respondedBy: 'Jane Doe' });
    const d = {
      ...withQuestions,
      groups: [{ title: 'Scrutiny questions', items: [questionDigestItem(long, people, MAR)] }],
    };
    const { body } = await openDocx(d);
    const rows = wordTables(body)[0]?.slice(1) ?? [];
    expect(rows.length).toBeGreaterThan(2);
    expect(rows[0]?.[0]).toBe('Q3\nHate Crime: Question Q3 about P&CP <reports>');
    for (const r of rows.slice(1)) expect(r[0]).toBe('Q3 (continued)');
    for (const r of rows.slice(0, -1)) expect(r[2]).toMatch(/board\.$/);
    const texts = rows.map((r) => r[2] ?? '');
    const last = (texts.pop() ?? '').split('\n');
    expect(last.at(-1)).toMatch(/^Jane Doe, \d\d\/\d\d\/\d{4}$/);
    expect([...texts, last.slice(0, -1).join('\n')].join(' ')).toBe(sentence.repeat(60).trim());
    for (const tr of childrenNamed(findAll(body, 'w:tbl')[0]!, 'w:tr'))
      expect(findAll(tr, 'w:cantSplit')).toHaveLength(1);
  });

  it('(2) flags an exempt item in the full form; the open form shows its reference and exemption only', async () => {
    const exempt = { exemption: 'FOIA s.31 (law enforcement)', by: 'Priya Nair', at: '2023-03-01T09:00:00Z' };
    const secret = action(n(7), FEB, 'in_progress', {
      text: 'NIGHTJAR deployment',
      exempt,
      latestNote: 'NIGHTJAR note',
      latestNoteBy: 'Jane Doe',
      outcome: 'NIGHTJAR outcome',
    });
    const d = compileDigest({
      board: 'PAM',
      actions: [...small, secret],
      people,
      meetings,
      meeting: MAR,
      now: new Date(MAR),
    });
    const full = wordTables((await openDocx(d)).body)[0] ?? [];
    expect(full.find((r) => r[0] === '07.14/02/2023')?.[1]).toMatch(
      /^EXEMPT - FOIA s\.31 \(law enforcement\)\nNIGHTJAR deployment/,
    );
    const open = await openDocx(openForm(d));
    const row = wordTables(open.body)[0]?.find((r) => r[0] === '07.14/02/2023');
    expect(row).toEqual(['07.14/02/2023', 'Exempt under FOIA s.31 (law enforcement)', '']);
    const xml = unzip(open.buf).get('word/document.xml')?.toString('utf8') ?? '';
    expect(xml).not.toContain('NIGHTJAR');
    expect(digestMarkdown(openForm(d))).toContain('| 07.14/02/2023 | Exempt under FOIA s.31 (law enforcement) |   |');
    expect(digestMarkdown(openForm(d))).not.toContain('NIGHTJAR');
  });

  it('is Arial 11pt in UK English', async () => {
    const { part } = await openDocx(digest);
    const defaults = findAll(part('word/styles.xml'), 'w:rPrDefault')[0];
    expect(attr(defaults && findAll(defaults, 'w:rFonts')[0], 'w:ascii')).toBe('Arial');
    expect(attr(defaults && findAll(defaults, 'w:sz')[0], 'w:val')).toBe('22');
    expect(attr(defaults && findAll(defaults, 'w:lang')[0], 'w:val')).toBe('en-GB');
  });

  it("drops what XML 1.0 forbids, keeps the rest as typed, and makes a tab Word's own", async () => {
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
              latestUpdate: { text: `first${'\u2028'}second\u0008`, from: '<b>', date: '01/03/2023' },
            },
          ],
        },
      ],
    };
    const { body, part } = await openDocx(hostile);
    const [table] = wordTables(body);
    expect(table?.[2]).toEqual([
      '01 & <02>',
      `${clean}\nOwner: O'Brien & "Sons" <x>\nLatest update (<b>, 01/03/2023): first\nsecond`,
      'Standing item',
    ]);
    expect(bodyParagraphs(body)[0]?.text).toBe(
      'PAM <&>"\' action log, meeting of 14/03/2023\nFull version, not for publication',
    );
    expect(findAll(part('docProps/core.xml'), 'dc:creator').map(textContent)).toEqual(['PAM <&>"\'']);
    expect(findAll(body, 'w:tab').length).toBeGreaterThan(0);
  });

  it('says so when no action is listed, and keeps a long text whole in its cell', async () => {
    const { body } = await openDocx({ ...digest, groups: [] });
    expect(wordTables(body)).toEqual([]);
    expect(bodyParagraphs(body).map((p) => p.text)).toContain(
      'No actions are open, and none was discharged at the last meeting.',
    );
    const [item] = allItems(digest);
    const long = `${'word '.repeat(1_000)}${'x'.repeat(2_000)}`;
    const whole = await openDocx({ ...digest, groups: [{ title: 'Long', items: [{ ...item!, text: long }] }] });
    expect(wordTables(whole.body)[0]?.[2]?.[1]).toBe(`${long}\nOwner: the Force`);
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

  it("links the open minutes when given (the chair's and the secretariat's digest), after the action log", () => {
    const card = digestCard(digest, {
      documentUrl: 'https://pam.example.org/files/digest?x=1',
      openMinutes: { url: 'https://pam.example.org/files/minutes?x=1', meetingDate: '14/02/2023' },
    });
    expect(validateCard(card)).toEqual([]);
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open the Word action log', url: 'https://pam.example.org/files/digest?x=1' },
      {
        type: 'Action.OpenUrl',
        title: 'Open minutes of 14/02/2023, for publication',
        url: 'https://pam.example.org/files/minutes?x=1',
      },
    ]);
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
    expect(digestCardModel(d).counts).toEqual({ actions: shownCounts(d.counts.actions) });
  });

  it('(8) counts as the papers do: the outstanding apart from the completed, actions and questions apart', () => {
    const card = digestCard(withQuestions);
    expect(validateCard(card)).toEqual([]);
    const texts = visibleTexts(card).join('\n');
    // The papers: 'Actions (6 listed): 4 outstanding, 1 completed awaiting discharge ...' (see (8) above).
    expect(texts).toContain(
      '4\nOutstanding\n1\nCompleted, awaiting discharge\n0\nOverdue\n1\nNo reply since the meeting',
    );
    expect(texts).toContain(
      'Scrutiny questions: Outstanding 1 · Answered, to be marked 1 · Overdue 1 · Awaiting a response 1',
    );
    expect(texts).not.toMatch(/\bOpen \d|^\d+\nOpen$/m);
    expect(digestCardModel(withQuestions).counts).toEqual({
      actions: { outstanding: 4, readyToDischarge: 1, overdue: 0, noReply: 1 },
      questions: { outstanding: 1, readyToDischarge: 1, overdue: 1, noReply: 1 },
    });
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
    // Its rows: a title row for each meeting's group, then a row an action (its text the Item's first line).
    const rows = body ? wordTables(body).flatMap((t) => t.slice(1).filter((r) => r.length === 3)) : [];
    expect(rows.map((r) => r[0])).toEqual(allItems(d).map((i) => i.ref));
    expect(rows.map((r) => r[1]?.split('\n')[0])).toEqual(allItems(d).map((i) => i.text));
  });
});
