import { describe, expect, it } from 'vitest';
import { csvRow, parseCsv, parseCsvRecords } from '../../bot/tracker/csv.ts';

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
});

describe('csvRow', () => {
  it('quotes only when needed', () => {
    expect(csvRow(['plain', 'with, comma', 'say "hi"', 'two\nlines', ''])).toBe('plain,"with, comma","say ""hi""","two\nlines",');
  });

  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+44 1926', "'+44 1926"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
  ])('neutralises a formula-looking value %j', (value, out) => {
    expect(csvRow([value])).toBe(out);
  });

  it('leaves a dash inside a value alone', () => {
    expect(csvRow(['JD - Circulate'])).toBe('JD - Circulate');
  });

  it('round-trips through parseCsv', () => {
    const values = ['01.14/03/2023', 'Text with "quotes", commas\r\nand lines', 'Standing item'];
    expect(parseCsv(csvRow(values))).toEqual([values]);
  });
});
