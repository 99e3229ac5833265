// CSV in and out (RFC 4180) through csv-parse and csv-stringify, for the people directory and the
// action log. Lenient on input (Excel and hand-edited files), careful on output: the action log is
// opened in Excel by the secretariat.
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export interface CsvRecord {
  /** 1-based line of the input on which the record starts (a quoted field can span lines). */
  line: number;
  /** The record's text as it appeared in the input, without its line ending. */
  raw: string;
  fields: string[];
  /** Why the record could not be read (a quote never closed); its fields are then empty. */
  error?: string;
}

const LINE_BREAK = /\r\n|\r|\n/g;

function isBlankRow(r: CsvRecord | undefined): boolean {
  return r !== undefined && r.error === undefined && r.fields.every((f) => f.trim() === '');
}

/**
 * Records with their line numbers; see parseCsv. A quote that is never closed makes the rest of
 * the input one record with an `error`, so an import reports it on its line.
 */
export function parseCsvRecords(text: string): CsvRecord[] {
  // Handed over as UTF-16 so that csv-parse's byte offsets are twice the string's indexes and a
  // lone surrogate reaches the importer's checks as it came (UTF-8 would turn it into U+FFFD).
  const ends: Array<{ fields: string[]; end: number }> = [];
  let failure: string | undefined;
  try {
    parse(Buffer.from(text, 'utf16le'), {
      encoding: 'utf16le',
      bom: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_quotes: true, // a stray quote inside an unquoted field is kept as written
      relax_column_count: true,
      skip_empty_lines: false,
      on_record: (fields: string[], info) => {
        ends.push({ fields, end: info.bytes / 2 });
        return null;
      },
    });
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    failure = err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted value is never closed' : `not CSV (${err.message})`;
  }

  const records: CsvRecord[] = [];
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const take = (end: number): { line: number; raw: string } => {
    const chunk = text.slice(start, end);
    const at = { line, raw: chunk.replace(/(\r\n|\r|\n)$/, '') };
    line += chunk.match(LINE_BREAK)?.length ?? 0;
    start = end;
    return at;
  };
  for (const { fields, end } of ends) records.push({ ...take(end), fields });
  if (failure !== undefined && start < text.length) records.push({ ...take(text.length), fields: [], error: failure });
  while (isBlankRow(records.at(-1))) records.pop();
  return records;
}

/** Parses CSV text: quoted fields, doubled quotes, commas and line breaks in quotes, CRLF; strips a BOM and blank trailing rows. */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text).map((r) => r.fields);
}

/**
 * A value starting with = + - @, tab or CR would be run as a formula by a spreadsheet (OWASP "CSV
 * injection": the action texts come from Teams messages anyone in the meeting can send). It is
 * led by a word joiner (U+2060), which no spreadsheet takes for a formula and none shows: an
 * apostrophe, the usual guard, stays visible in the cell ("'- March"), in Excel as elsewhere.
 */
export const FORMULA_GUARD = '\u2060';

function defuseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `${FORMULA_GUARD}${value}` : value;
}

/**
 * A CSV file for Excel: UTF-8 with a byte-order mark (without it Excel reads the file in the
 * Windows code page and garbles every accent and dash; a tool that does not expect it shows it as
 * 'ï»¿' before the first heading), CRLF line ends, every cell through defuseFormula.
 */
export function csvFile(rows: ReadonlyArray<readonly string[]>): string {
  return stringify(
    rows.map((r) => [...r]),
    {
      bom: true,
      record_delimiter: 'windows',
      cast: { string: defuseFormula },
      // A lone CR or LF is quoted too, not only the CRLF delimiter, so no reader splits the cell.
      quoted_match: /[\r\n]/,
    },
  );
}
