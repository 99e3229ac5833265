import { describe, expect, it } from 'vitest';
import { csvFile, FORMULA_GUARD, parseCsv, parseCsvRecords } from '../../bot/rules/csv.ts';

describe('parseCsv', () => {
  it('reads plain fields and empty fields', () => {
    expect(parseCsv('a,b,,d\n1,2,3,4')).toEqual([
      ['a', 'b', '', 'd'],
      ['1', '2', '3', '4'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('ref,text\r\n"01.14/03/2023","JD - say ""hello"", then\r\nleave"\r\n')).toEqual([
      ['ref', 'text'],
      ['01.14/03/2023', 'JD - say "hello", then\r\nleave'],
    ]);
  });

  it('strips a UTF-8 BOM', () => {
    expect(parseCsv('\ufeffname,role\nJane,chair')).toEqual([
      ['name', 'role'],
      ['Jane', 'chair'],
    ]);
  });

  it('drops blank trailing rows but keeps blank rows in the middle', () => {
    expect(parseCsv('a\n\nb\r\n\r\n,\n\n')).toEqual([['a'], [''], ['b']]);
  });

  it('handles CR-only line endings and an empty last field', () => {
    expect(parseCsv('a,b\rc,')).toEqual([
      ['a', 'b'],
      ['c', ''],
    ]);
  });

  it('returns nothing for empty input', () => {
    expect(parseCsv('')).toEqual([]);
  });

  it('keeps a stray quote inside an unquoted field', () => {
    expect(parseCsv('Mary O"Neill,x')).toEqual([['Mary O"Neill', 'x']]);
  });
});

describe('parseCsvRecords', () => {
  it('gives each record the line it starts on and its raw text', () => {
    const records = parseCsvRecords('h1,h2\r\n"multi\r\nline",x\r\nlast,y\r\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(records[1]?.raw).toBe('"multi\r\nline",x');
    expect(records[2]?.raw).toBe('last,y');
  });

  it('counts lines over mixed line endings and a BOM', () => {
    const records = parseCsvRecords('\ufeffa\rb\n\r\n"c\rd",e\nf');
    expect(records.map((r) => [r.line, r.raw, r.fields])).toEqual([
      [1, 'a', ['a']],
      [2, 'b', ['b']],
      [3, '', ['']],
      [4, '"c\rd",e', ['c\rd', 'e']],
      [6, 'f', ['f']],
    ]);
  });

  it('reports a quote never closed on the line it opens, keeping the records before it', () => {
    const records = parseCsvRecords('ref,action\n01.14/03/2023,Circulate\n02.14/03/2023,"Arrange\na visit\n');
    expect(records.map((r) => r.fields)).toEqual([['ref', 'action'], ['01.14/03/2023', 'Circulate'], []]);
    expect(records[2]).toMatchObject({
      line: 3,
      raw: '02.14/03/2023,"Arrange\na visit',
      error: 'a quoted value is never closed',
    });
  });

  it('keeps a lone surrogate as it came, for the importer to refuse', () => {
    expect(parseCsvRecords('ref,action\n02.14/03/2023,Circulate \udc00 the terms')[1]?.fields).toEqual([
      '02.14/03/2023',
      'Circulate \udc00 the terms',
    ]);
  });
});

describe('csvFile', () => {
  const row = (values: string[]): string => csvFile([values]).slice(1, -2);

  it('writes for Excel: a BOM, CRLF after every row', () => {
    expect(
      csvFile([
        ['a', 'b'],
        ['c', 'd'],
      ]),
    ).toBe('\ufeffa,b\r\nc,d\r\n');
  });

  it('quotes only when needed, and a lone CR or LF as well as CRLF', () => {
    expect(row(['plain', 'with, comma', 'say "hi"', 'two\nlines', ''])).toBe(
      'plain,"with, comma","say ""hi""","two\nlines",',
    );
    expect(row(['a\rb', 'c\r\nd'])).toBe('"a\rb","c\r\nd"');
  });

  it.each([
    ['=HYPERLINK("http://x","y")', `"\u2060=HYPERLINK(""http://x"",""y"")"`],
    ['+44 1926', '\u2060+44 1926'],
    ['-1', '\u2060-1'],
    ['- March - 999 Call Handling', '\u2060- March - 999 Call Handling'],
    ['@SUM(A1)', '\u2060@SUM(A1)'],
    ['\tcmd', '\u2060\tcmd'],
    ['\rcmd', `"\u2060\rcmd"`],
  ])('neutralises a formula-looking value %j with a word joiner no spreadsheet shows', (value, out) => {
    expect(row([value])).toBe(out);
    expect(FORMULA_GUARD).toBe('\u2060');
    // No apostrophe: it would show in the cell.
    expect(row([value])).not.toContain("'");
  });

  it('leaves a dash inside a value alone', () => {
    expect(row(['JD - Circulate'])).toBe('JD - Circulate');
  });

  it('round-trips through parseCsv', () => {
    const values = ['01.14/03/2023', 'Text with "quotes", commas\r\nand lines', 'Standing item'];
    const other = ['02.14/03/2023', 'one\rtwo\nthree', ''];
    expect(parseCsv(csvFile([values, other]))).toEqual([values, other]);
  });
});
