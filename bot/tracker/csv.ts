// CSV in and out (RFC 4180), for the people directory and the action log. Lenient on input (Excel
// and hand-edited files), careful on output: the action log is opened in Excel by the secretariat.

export interface CsvRecord {
  /** 1-based line of the input on which the record starts (a quoted field can span lines). */
  line: number;
  /** The record's text as it appeared in the input, without its line ending. */
  raw: string;
  fields: string[];
}

function isBlank(fields: readonly string[]): boolean {
  return fields.every((f) => f.trim() === '');
}

/** Records with their line numbers; see parseCsv. */
export function parseCsvRecords(text: string): CsvRecord[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted field
  let line = 1;
  let startLine = 1;
  let startAt = 0;
  const endRecord = (end: number): void => {
    fields.push(field);
    records.push({ line: startLine, raw: s.slice(startAt, end), fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n' || (c === '\r' && s[i + 1] !== '\n')) line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      const end = i;
      if (c === '\r' && s[i + 1] === '\n') i++;
      endRecord(end);
      line++;
      startLine = line;
      startAt = i + 1;
    } else {
      // A stray quote inside an unquoted field, or text after a closing quote, is kept as written.
      field += c;
    }
  }
  if (field !== '' || fields.length > 0 || startAt < s.length) endRecord(s.length);
  while (records.length > 0 && isBlank(records[records.length - 1]?.fields ?? [])) records.pop();
  return records;
}

/** Parses CSV text: quoted fields, doubled quotes, commas and line breaks in quotes, CRLF; strips a BOM and blank trailing rows. */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text).map((r) => r.fields);
}

/**
 * One CSV row (without its line ending). A value starting with = + - @, tab or CR gets a leading
 * single quote so a spreadsheet shows it as text instead of running it as a formula (OWASP
 * "CSV injection"): the action texts come from Teams messages anyone in the meeting can send.
 */
export function csvRow(values: readonly string[]): string {
  return values
    .map((v) => {
      const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
      return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    })
    .join(',');
}
