// Bad import lines and documents, shared by the Teams and CLI hostile suites (the same parser
// behind both entry points): [name, input, the reason the report gives].
import { chars, nestedJson } from './hostile.ts';

export const REF = /reference not understood/;

/** One bad line each, in the minutes' own text layout: [name, line, the reason the report gives]. */
export const TEXT_LINES: Array<[string, string, RegExp]> = [
  ['31 February', '01.31/02/2021  JD - Circulate the terms', REF],
  ['29 February in a common year', '01.29/02/2023  JD - Circulate the terms', REF],
  ['month 13', '01.14/13/2023  JD - Circulate the terms', REF],
  ['day 0', '01.00/03/2023  JD - Circulate the terms', REF],
  ['number 0', '00.14/03/2023  JD - Circulate the terms', REF],
  ['a four-digit number', '1000.14/03/2023  JD - Circulate the terms', REF],
  ['a year of three digits', '01.14/03/203  JD - Circulate the terms', REF],
  ['a sub-numeral that is not one', '04 14/03/2023.vivid  JD - Circulate the terms', REF],
  ['a sub-numeral past xx', '04 14/03/2023.xxi  JD - Circulate the terms', REF],
  ['an ISO date as reference', '2023-03-14  JD - Circulate the terms', REF],
  ['a date without a number', '14/03/2023  JD - Circulate the terms', REF],
  ['N/A with more after it', 'N/A/B  JD - Circulate the terms', REF],
  ['an OData string as reference', "' or 1 eq 1  JD - Circulate the terms", REF],
  ['a formula as reference', '=HYPERLINK("http://evil.example/","x")  JD - Circulate', REF],
  ['a script as reference', '<script>alert(1)</script>  JD - Circulate', REF],
  ['a path as reference', '../../etc/passwd  JD - Circulate', REF],
  ['key-forbidden characters as reference', 'a/b\\c#d?e  JD - Circulate', REF],
  ['a NUL glued to the reference', '01.14/03/2023\u0000  JD - Circulate the terms', REF],
  ['a reference alone', '01.14/03/2023', /no action after the reference/],
  ['no owner', '01.14/03/2023  Circulate the terms to everyone', /no owner/],
  ['an owner and no text', '01.14/03/2023  JD -', /no owner|no action text/],
  ['a bell in the text', '02.14/03/2023  JD - Circulate \u0007 the terms', /control character \(U\+0007\)/],
  ['an escape sequence in the text', '02.14/03/2023  JD - \u001b[31mCirculate', /control character \(U\+001B\)/],
  ['a broken surrogate in the text', '02.14/03/2023  JD - Circulate \udc00 the terms', /broken character \(U\+DC00\)/],
  ['a C1 control in the text', '02.14/03/2023  JD - Circulate \u0085 the terms', /control character \(U\+0085\)/],
  ['an action text of 4,001 characters', `02.14/03/2023  JD - ${chars(4_001)}`, /limit is 4,000/],
];

/** CSV tables, each with a header and one bad row. */
export const CSV_TABLES: Array<[string, string, RegExp]> = [
  ['a formula as reference', 'ref,owner,action\n"=HYPERLINK(""http://evil.example/"",""x"")",JD,Circulate', REF],
  ['an OData reference', "ref,owner,action\n' or 1 eq 1,JD,Circulate", REF],
  [
    'a due date of 31/02/2021',
    'ref,owner,action,due\n02.14/03/2023,JD,Circulate,31/02/2021',
    /due date not understood: "31\/02\/2021"/,
  ],
  [
    'a due date that is a formula',
    'ref,owner,action,due\n02.14/03/2023,JD,Circulate,=NOW()',
    /due date not understood/,
  ],
  ['a status nobody uses', 'ref,owner,action,status\n02.14/03/2023,JD,Circulate,DROP TABLE', /status not understood/],
  ['no reference', 'ref,owner,action\n,JD,Circulate', /reference missing/],
  ['no action text', 'ref,owner,action\n02.14/03/2023,JD,', /no action text/],
  [
    'a control character in the owner',
    'ref,owner,action\n02.14/03/2023,J\u0007D,Circulate',
    /control character \(U\+0007\)/,
  ],
  [
    'a control character in the outcome',
    'ref,owner,action,outcome\n02.14/03/2023,JD,Circulate,Done\u0008',
    /control character \(U\+0008\)/,
  ],
  ['no ref column (read as text, so no reference)', 'owner,action\nJD,Circulate', REF],
];

/** JSON documents that are not an action list. */
export const JSON_DOCS: Array<[string, string, RegExp]> = [
  ['JSON cut short', '[{"ref": "02.14/03/2023", "text": "JD - x"', /invalid JSON/],
  ['an array nested 100,000 deep', nestedJson(100_000), /expected an object/],
  [
    'an object nested 100,000 deep',
    `[{"ref":"02.14/03/2023","text":${nestedJson(100_000, '{"a":1}')}}]`,
    /"text" must be a string/,
  ],
  ['a list under "actions" that is a number', '{"actions": 5}', /expected an array of actions/],
  ['numbers for actions', '[1, 2]', /expected an object with "ref" and "text"/],
  ['a query operator as reference', '[{"ref": {"$ne": ""}, "text": "JD - x"}]', /"ref" must be a string/],
  [
    'an owner list of numbers',
    '[{"ref": "02.14/03/2023", "text": "x", "owner": [1]}]',
    /"owner" must be a string or a list of strings/,
  ],
  [
    '__proto__ as the only key',
    '{"__proto__": {"actions": [{"ref": "02.14/03/2023", "text": "JD - x"}]}}',
    /expected an array of actions/,
  ],
  ['a formula reference', '[{"ref": "=1+1", "text": "JD - x"}]', REF],
];
