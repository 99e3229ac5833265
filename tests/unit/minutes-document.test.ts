// The minutes as a neutral document, from the Word file and from the text copied out of it: both
// fixtures in both forms, the list labels Word draws, the same tables from either form, and the
// shapes copied text takes (a cell over many lines, a row broken by a page, CRLF, a byte-order mark).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCopiedText } from '../../bot/minutes/copied-text.ts';
import { cellText, type Block, type MinutesDocument, type Paragraph, type Row } from '../../bot/minutes/document.ts';
import { readDocx } from '../../bot/minutes/docx.ts';
import { openMinutes } from '../../bot/minutes/open.ts';
import { oneLine } from '../../bot/rules/text.ts';
import { abstractNum, docx, documentXml, num, numberingXml, p, stylesXml } from '../helpers/minutes-docx.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const FIXTURES = ['minutes-2020-07-21', 'minutes-2023-03-14'] as const;
type Fixture = (typeof FIXTURES)[number];
const word = (f: Fixture) => readDocx(fixture(`${f}.docx`));
const text = (f: Fixture) => readCopiedText(fixture(`${f}.txt`).toString('utf8'));

const tablesOf = (doc: MinutesDocument) =>
  doc.blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table').map((b) => b.rows);
const paragraphsOf = (doc: MinutesDocument) =>
  doc.blocks.flatMap((b) => (b.kind === 'paragraph' && b.paragraph.text.trim() !== '' ? [b.paragraph] : []));
const cells = (row: Row | undefined) => (row?.cells ?? []).map(cellText);
/** The table whose first cell reads `first`. */
const tableStarting = (doc: MinutesDocument, first: string) => {
  const found = tablesOf(doc).find((rows) => oneLine(cellText(rows[0]?.cells[0])) === first);
  if (!found) throw new Error(`no table starting '${first}'`);
  return found;
};

// ---------------------------------------------------------------------------------------------
// Comparing the two forms: texts as howToCompare says (whitespace collapsed, '14 th' = '14th').

const ORDINAL = /\b(\d{1,2}) (st|nd|rd|th)\b/g;
const same = (s: string) => oneLine(s).replace(ORDINAL, '$1$2');
const labelled = (p: Paragraph) => (p.listLabel ? `${p.listLabel} ${p.text}` : p.text);
/** A row as compared: each cell's paragraphs (with their labels) as one text; trailing empty cells dropped. */
function comparable(row: Row): string[] {
  const out = row.cells.map((c) => same(c.paragraphs.map(labelled).join(' ')));
  while (out.at(-1) === '') out.pop();
  return out;
}

/**
 * Rows with an empty first cell read with the row above. Word keeps a new row with an empty first
 * cell apart from another paragraph of the cell above; the copy writes both as a line starting with
 * a tab, so no reader of the text can tell them apart. Rows are compared by their first cell (the
 * item number, the name, the month), which both forms agree on.
 */
function folded(rows: string[][]): string[][] {
  const out: string[][] = [];
  for (const row of rows) {
    const above = out.at(-1);
    if (above && row[0] === '') {
      row.forEach((c, i) => (above[i] = [above[i] ?? '', c].filter((s) => s !== '').join(' ')));
    } else out.push([...row]);
  }
  return out;
}

interface KnownDifference {
  /** The row as the copy has it (compared form, before folding). */
  text: string[];
  /** The row as the Word file has it. */
  word: string[];
  why: string;
}

/** Where the copied text genuinely differs from the Word file: nothing else may. */
const KNOWN: Record<Fixture, KnownDifference[]> = {
  'minutes-2023-03-14': [
    {
      text: ['No', 'Name Capacity', '', 'Dial In'],
      word: ['No', 'Name', 'Capacity', 'Dial In'],
      why: 'the copy ran two header cells together and left the second empty: which words were whose is content, for the attendees reader',
    },
  ],
  'minutes-2020-07-21': [
    ['01.23/06/2020', 'NT to add SOH links to OPCC website - Completed', 'Discharged'],
    ['02.23/06/2020', 'DH to provide Presentation for next CJS Recovery forum - completed', 'Discharged'],
    [
      '03.23/06/2020',
      'Performance Scrutiny Report – Written response to be provided by the Force to OPCC - completed',
      'Discharged',
    ],
    ['04.23/06/2020', 'Proposed future PAM deep-dive subjects for 2020/2', 'Standing item'],
  ].map((row) => ({
    text: ['', ...row],
    word: row,
    why: 'in the original the reviewed actions sat one column in, under the item text: the copy has an empty cell before each reference, the Word file here does not',
  })),
};

function comparedTables(doc: MinutesDocument, known: KnownDifference[] = []): string[][][] {
  return tablesOf(doc).map((rows) =>
    folded(
      rows.map((row) => {
        const c = comparable(row);
        return known.find((k) => JSON.stringify(k.text) === JSON.stringify(c))?.word ?? c;
      }),
    ),
  );
}

describe('the same tables from the Word file and from the text copied out of it', () => {
  for (const f of FIXTURES) {
    it(`${f}: every table, row and cell text agree, but for the listed differences`, () => {
      const fromText = comparedTables(text(f), KNOWN[f]);
      const fromWord = comparedTables(word(f));
      expect(fromText.map((t) => t[0]?.[0])).toEqual(fromWord.map((t) => t[0]?.[0]));
      fromWord.forEach((rows, i) => expect(fromText[i]).toEqual(rows));
    });

    it(`${f}: each listed difference is really in the copy, once`, () => {
      const rows = tablesOf(text(f)).flatMap((t) => t.map((r) => JSON.stringify(comparable(r))));
      for (const k of KNOWN[f]) expect(rows.filter((r) => r === JSON.stringify(k.text))).toHaveLength(1);
    });
  }

  it('both 2023 forms have the six tables the import reads, as the expected reading counts them', () => {
    for (const doc of [word('minutes-2023-03-14'), text('minutes-2023-03-14')]) {
      expect(tableStarting(doc, 'No')).toHaveLength(1 + 9); // attendees
      expect(tableStarting(doc, 'Name')).toHaveLength(1 + 2); // apologies
      expect(tableStarting(doc, 'ltem')).toHaveLength(1 + 6); // actions arising
      expect(tableStarting(doc, 'PAM Month')).toHaveLength(1 + 18); // deep dives
      expect(tablesOf(doc)).toHaveLength(7); // with the meeting's details, the items and the approvals
    }
  });
});

describe('the Word files', () => {
  it('2023: the meeting details, the underlined heading and the items table as Word holds them', () => {
    const doc = word('minutes-2023-03-14');
    expect(cells(tableStarting(doc, 'Date:')[0])).toEqual(['Date:', 'Tuesday 14th March 2023', '', '']);
    expect(paragraphsOf(doc).find((x) => x.text === 'Apologies')).toEqual({
      text: 'Apologies',
      bold: true,
      underline: true, // and not italic: its run says w:i="false"
    });
    const items = tableStarting(doc, 'Number');
    expect(items.map((r) => cellText(r.cells[0])).filter((c) => c !== '')).toEqual([
      'Number',
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `0${n}.14/03/2023`),
    ]);
  });

  it('2020: the items table keeps each reviewed action in its own row with its status', () => {
    const items = tableStarting(word('minutes-2020-07-21'), 'Number');
    expect(items.map((r) => cells(r)[0])).toEqual([
      'Number',
      '01.21/07/2020',
      '01.23/06/2020',
      '02.23/06/2020',
      '03.23/06/2020',
      '04.23/06/2020',
      '02.21/07/2020',
      '03.21/07/2020',
    ]);
    expect(cells(items[5])[2]).toBe('Standing item');
  });
});

describe('list labels, as Word draws them', () => {
  it('the fixtures: upper-case roman numerals in 2023, bullets in 2020', () => {
    const review = tableStarting(word('minutes-2023-03-14'), 'Number').flatMap((r) => r.cells[1]?.paragraphs ?? []);
    expect(review.filter((x) => x.listLabel).map((x) => [x.listLabel, x.text.slice(0, 20)])).toEqual([
      ['I.', 'KP to provide the OP'],
      ['II.', 'Supt Okafor / OPCC l'],
    ]);
    const item = tableStarting(word('minutes-2020-07-21'), 'Number').flatMap((r) => r.cells[1]?.paragraphs ?? []);
    const bullets = item.filter((x) => x.listLabel !== undefined);
    expect(bullets).toHaveLength(7);
    expect(new Set(bullets.map((x) => x.listLabel))).toEqual(new Set(['•']));
  });

  const labels = (doc: MinutesDocument) => paragraphsOf(doc).map((x) => `${x.listLabel ?? '-'} ${x.text}`);

  it('counts each list and level: roman, decimal, letters, a level under another, a bullet', () => {
    const numbering = numberingXml(
      abstractNum(1, [
        ['upperRoman', '%1.'],
        ['lowerLetter', '(%2)'],
        ['lowerRoman', '%1.%2.%3'],
      ]) +
        abstractNum(2, [['decimal', '%1.', 5]]) +
        abstractNum(3, [['bullet', '']]) +
        num(1, 1) +
        num(2, 2) +
        num(3, 3),
    );
    const body = [
      p('one', { num: [1, 0] }),
      p('a', { num: [1, 1] }),
      p('b', { num: [1, 1] }),
      p('deep', { num: [1, 2] }),
      p('two', { num: [1, 0] }),
      p('a again', { num: [1, 1] }),
      p('five', { num: [2, 0] }),
      p('six', { num: [2, 0] }),
      p('bullet', { num: [3, 0] }),
      p('plain'),
      p('not a list', { num: [0, 0] }),
    ].join('');
    expect(labels(readDocx(docx({ document: documentXml(body), numbering })))).toEqual([
      'I. one',
      '(a) a',
      '(b) b',
      'I.b.i deep',
      'II. two',
      '(a) a again',
      '5. five',
      '6. six',
      '• bullet',
      '- plain',
      '- not a list',
    ]);
  });

  it('two lists over one abstract list continue each other, unless one starts again', () => {
    const numbering = numberingXml(abstractNum(1, [['lowerRoman', '%1.']]) + num(1, 1) + num(2, 1) + num(3, 1, 1));
    const body = [
      p('first', { num: [1, 0] }),
      p('second', { num: [2, 0] }),
      p('third', { num: [1, 0] }),
      p('again', { num: [3, 0] }),
    ].join('');
    expect(labels(readDocx(docx({ document: documentXml(body), numbering })))).toEqual([
      'i. first',
      'ii. second',
      'iii. third',
      'i. again',
    ]);
  });

  it('a paragraph style can put its paragraphs in a list, through the style it is based on', () => {
    const numbering = numberingXml(abstractNum(1, [['decimal', '%1)']]) + num(7, 1));
    const styles = stylesXml(
      '<w:style w:type="paragraph" w:styleId="Base"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>' +
        '<w:style w:type="paragraph" w:styleId="Point"><w:basedOn w:val="Base"/></w:style>',
    );
    const body = p('first', { style: 'Point' }) + p('second', { style: 'Point' }) + p('plain');
    expect(labels(readDocx(docx({ document: documentXml(body), numbering, styles })))).toEqual([
      '1) first',
      '2) second',
      '- plain',
    ]);
  });

  it('list paragraphs in table cells count in document order, and a document without numbering has no labels', () => {
    const numbering = numberingXml(abstractNum(1, [['decimal', '%1.']]) + num(1, 1));
    const cellList = `<w:tbl><w:tr><w:tc>${p('in a cell', { num: [1, 0] })}</w:tc></w:tr></w:tbl>`;
    const doc = readDocx(docx({ document: documentXml(p('before', { num: [1, 0] }) + cellList), numbering }));
    expect(labels(doc)).toEqual(['1. before']);
    expect(tablesOf(doc)[0]?.[0]?.cells[0]?.paragraphs[0]).toEqual({ text: 'in a cell', listLabel: '2.' });
    expect(labels(readDocx(docx({ document: documentXml(p('x', { num: [1, 0] })) })))).toEqual(['- x']);
  });
});

describe('the copied text', () => {
  it('2023: the page number and the garbled footer are set aside, with their lines, not read', () => {
    const doc = text('minutes-2023-03-14');
    expect(doc.setAside).toEqual([
      { line: 77, text: '\t\t4', reason: 'a page number' },
      {
        line: 110,
        text: '00000731 (7003\t\t\t\t00/00/0005\t',
        reason: 'a page header or footer (no words, and not a number or date)',
      },
    ]);
    expect(JSON.stringify(doc.blocks)).not.toContain('00000731');
  });

  it('2023: glued roman labels become labelled paragraphs; the tag-underlined heading is a heading', () => {
    const doc = text('minutes-2023-03-14');
    const row = tableStarting(doc, 'Number').find((r) => cellText(r.cells[1]).startsWith('Actions outside'));
    expect(row?.cells[1]?.paragraphs.map((x) => [x.listLabel, x.text])).toEqual([
      [undefined, 'Actions outside of meeting'],
      [
        'I.',
        'KP to provide the OPCC with a district breakdown of rural crime reports. Breakdown provided to TE on 1 st March 2023',
      ],
      ['II.', 'Supt Okafor / OPCC lead (AW) to arrange a meeting with the'],
    ]);
    expect(paragraphsOf(doc).find((x) => x.text === 'Apologies')).toEqual({ text: 'Apologies', underline: true });
  });

  it('2023: the approval table has the word a page cut in two whole again', () => {
    const approval = tableStarting(text('minutes-2023-03-14'), 'Next Meeting: Tuesday 11 th April 10:00 hrs');
    expect(approval.map((r) => cells(r)[0])).toEqual([
      'Next Meeting: Tuesday 11 th April 10:00 hrs',
      'Formal Approval of Meeting Record',
      'Signature:',
      'Print Name:',
      'Formal Approval of Meeting Record',
      'Signature:',
      'Print Name:',
    ]);
  });

  it('2023: Q3a, cut by a page, is one paragraph again; the rows that lost their first cell have it back', () => {
    const items = tableStarting(text('minutes-2023-03-14'), 'Number');
    const q3a = items.flatMap((r) => r.cells[1]?.paragraphs ?? []).find((x) => x.text.startsWith('Q3a.'));
    expect(q3a?.text).toBe(
      'Q3a. Is there an explanation for the relatively low number of rural crime reports from the north of the county, given the intelligence received from Farm Watch groups about thefts of machinery and livestock?',
    );
    const q1 = items.find((r) => cellText(r.cells[1]).startsWith('Q1.'));
    expect(cells(q1)).toEqual([
      '',
      'Q1. Could outcome rates for burglary, robbery and vehicle crime be broken down by crime type in future quarterly reports?',
      'SCL: - i. Consider including outcome rates',
    ]);
  });

  it('2020: HTML in cells becomes paragraphs with their italics; the lines spilled out of a cell go back in it', () => {
    const items = tableStarting(text('minutes-2020-07-21'), 'Number');
    const scrutiny = items.find((r) => cellText(r.cells[0]) === '02.21/07/2020');
    const paras = scrutiny?.cells[1]?.paragraphs ?? [];
    expect(paras[0]).toEqual({ text: 'Performance Scrutiny Report.' });
    expect(paras[1]).toEqual({ text: 'Update provided by Ch.Supt Ben Smith as Head of Local Policing', italic: true });
    // the paragraph a page cut after 'protect the', and the Markdown list and emphasis of the spilled lines
    expect(paras.find((x) => x.text.startsWith('Operation Spigot'))?.text).toMatch(
      /to protect the public from further harm/,
    );
    expect(paras.filter((x) => x.listLabel === '•')).toHaveLength(6);
    expect(paras.find((x) => x.text.startsWith('3. Drug Offences'))?.text).toBe(
      '3. Drug Offences - An assessment of the current risk position and associated risk of violence in respect of drug trafficking within the county.',
    );
    expect(paras.at(-1)?.text).toMatch(/^In summary it is likely/);
    expect(tablesOf(text('minutes-2020-07-21'))).toHaveLength(5);
  });
});

describe('shapes of copied text', () => {
  const rowsOf = (s: string) => tablesOf(readCopiedText(s)).map((t) => t.map(cells));

  it('a cell of many lines: each line with an empty first cell is a row of its own, in the same table', () => {
    expect(rowsOf('No\tItem\tAction\n01\tMinutes\t\n\tFirst paragraph.\t\n\tSecond paragraph.\tDone')).toEqual([
      [
        ['No', 'Item', 'Action'],
        ['01', 'Minutes', ''],
        ['', 'First paragraph.', ''],
        ['', 'Second paragraph.', 'Done'],
      ],
    ]);
  });

  it('a row broken by a page: the rest after the blank line goes on the same row and paragraph', () => {
    expect(rowsOf('No\tItem\tAction\n02\tIs there an explanation for the\tOpen\n\n\tlow number of reports?\t')).toEqual(
      [
        [
          ['No', 'Item', 'Action'],
          ['02', 'Is there an explanation for the low number of reports?', 'Open'],
        ],
      ],
    );
  });

  it('rows without their empty first cell after a page break get it back', () => {
    const s = 'No\tItem\tAction\n03\tScrutiny\t\n\nQ1. A question?\tSCL to answer\nThe answer.\t\n\n\tQ2. Another?\t';
    expect(rowsOf(s)).toEqual([
      [
        ['No', 'Item', 'Action'],
        ['03', 'Scrutiny', ''],
        ['', 'Q1. A question?', 'SCL to answer'],
        ['', 'The answer.', ''],
        ['', 'Q2. Another?', ''],
      ],
    ]);
  });

  it('a shorter table after a blank line is a table of its own, and a paragraph between tables is a paragraph', () => {
    const doc = readCopiedText('A\tB\tC\n1\t2\t3\n\nSignature:\t\nDate:\t1 May 2024\n\nNext\n\nX\tY\n');
    expect(tablesOf(doc).map((t) => t.map(cells))).toEqual([
      [
        ['A', 'B', 'C'],
        ['1', '2', '3'],
      ],
      [
        ['Signature:', ''],
        ['Date:', '1 May 2024'],
      ],
      [['X', 'Y']],
    ]);
    expect(paragraphsOf(doc).map((x) => x.text)).toEqual(['Next']);
  });

  it('CRLF line endings and a byte-order mark read the same as plain line feeds', () => {
    const plain = 'Attendees\n\nNo\tName\n1\tJane Doe\n\n\tcontinued\n';
    const windows = `\uFEFF${plain.replace(/\n/g, '\r\n')}`;
    expect(readCopiedText(windows)).toEqual(readCopiedText(plain));
    expect(paragraphsOf(readCopiedText(windows))[0]).toEqual({ text: 'Attendees' });
  });

  it('a word cut into two cells by a page is one again; a lower-case cell after a name is its own', () => {
    const rows = rowsOf(
      'Formal Approval of Meeting Record\t\t\nFormal Appro\tval of Meeting Record\t\nOwen Marsh\tdeputy\t',
    );
    expect(rows).toEqual([
      [
        ['Formal Approval of Meeting Record', '', ''],
        ['Formal Approval of Meeting Record', '', ''],
        ['Owen Marsh', 'deputy', ''],
      ],
    ]);
  });

  it('a line of numbers next to a page break is a row; a page number and a garbled footer are set aside', () => {
    const doc = readCopiedText(
      'A\tB\tC\n1\t£2,500\t10:30 - 11:00\n\n\t\t12\n\n0731 (70\t\t00/00/0005\n\nD\tE\tF\n2020/21\t\t-3.5%\n\n2,000\n',
    );
    expect(tablesOf(doc).map((t) => t.map(cells))).toEqual([
      [
        ['A', 'B', 'C'],
        ['1', '£2,500', '10:30 - 11:00'],
        ['D', 'E', 'F'],
        ['2020/21', '', '-3.5%'],
      ],
    ]);
    expect(paragraphsOf(doc).map((x) => x.text)).toEqual(['2,000']);
    expect(doc.setAside?.map((s) => [s.line, s.reason])).toEqual([
      [4, 'a page number'],
      [6, 'a page header or footer (no words, and not a number or date)'],
    ]);
  });

  it('a lone lower-case roman numeral after a word is left alone; two in sequence are labels', () => {
    const [one] = tablesOf(readCopiedText('A\tB\nx\ttaxi.The end'));
    expect(cells(one?.[1])).toEqual(['x', 'taxi.The end']);
    const [two] = tablesOf(readCopiedText('A\tB\nx\tActionsi.JD to do itii.KP to do that'));
    expect(two?.[1]?.cells[1]?.paragraphs).toEqual([
      { text: 'Actions' },
      { text: 'JD to do it', listLabel: 'i.' },
      { text: 'KP to do that', listLabel: 'ii.' },
    ]);
  });
});

describe('openMinutes: what a file is comes from its bytes, not its name', () => {
  it('a Word file named .txt is read as Word, and copied text named .docx as text', () => {
    expect(openMinutes(fixture('minutes-2023-03-14.docx'), 'minutes.txt')).toEqual(word('minutes-2023-03-14'));
    expect(openMinutes(fixture('minutes-2023-03-14.txt'), 'minutes.docx')).toEqual(text('minutes-2023-03-14'));
  });

  it('UTF-8 with or without a byte-order mark, and UTF-16 with one, read alike', () => {
    const s = fixture('minutes-2020-07-21.txt').toString('utf8');
    const expected = readCopiedText(s);
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(openMinutes(Buffer.concat([bom, Buffer.from(s, 'utf8')]))).toEqual(expected);
    expect(openMinutes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]))).toEqual(expected);
    const be = Buffer.from(s, 'utf16le').swap16();
    expect(openMinutes(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual(expected);
  });

  it('text saved in the Windows code page (not UTF-8) is still read as text', () => {
    const doc = openMinutes(Buffer.from('Cost\t\xa3100\n', 'latin1'));
    expect(tablesOf(doc)[0]?.map(cells)).toEqual([['Cost', '£100']]);
  });
});
