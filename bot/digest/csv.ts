// The action log as CSV, for the secretariat's spreadsheet: a row an item, from the same model as
// the Word document. csvFile writes it for Excel (a byte-order mark, CRLF line ends, formulas
// defused: see the README's "The action log as CSV").
import { csvFile } from '../rules/csv.ts';
import type { Digest, DigestItem } from '../rules/digest-model.ts';
import { decisionLines, outcomeLines, questionStatusLines } from './text.ts';

export const DIGEST_CSV_HEADER = [
  'Section',
  'Group',
  'Number',
  'Item',
  'Owner or respondent',
  'Latest update',
  'Update from',
  'Entered by',
  'Update date',
  'Outcome minuted',
  'Decision or status',
  'Due',
  'Overdue',
  'No reply',
  'Exemption',
] as const;

const yesNo = (b: boolean): string => (b ? 'Yes' : 'No');

function cells(i: DigestItem, group: string): string[] {
  const section = i.kind === 'action' ? 'Review of actions' : 'Scrutiny questions';
  // In the open form an exempt item is its number and "Exempt under ...", nothing else.
  if (i.withheld !== undefined) return [section, group, i.ref, i.withheld, ...DIGEST_CSV_HEADER.slice(4).map(() => '')];
  const u = i.latestUpdate;
  // The decision (a question's status) alone: due, overdue and no reply have columns of their own.
  const [status = ''] = i.kind === 'action' ? decisionLines(i) : questionStatusLines(i);
  return [
    section,
    group,
    i.ref,
    i.text,
    i.owners.join(' / '),
    u?.text ?? '',
    u?.from ?? '',
    u?.enteredBy ?? '',
    u?.date ?? '',
    outcomeLines(i.outcome).join('\n'),
    status,
    i.due ?? '',
    yesNo(i.overdue),
    yesNo(i.noReply),
    i.exempt?.exemption ?? '',
  ];
}

export function digestCsv(d: Digest): string {
  const rows: string[][] = [[...DIGEST_CSV_HEADER]];
  for (const g of d.groups) for (const i of g.items) rows.push(cells(i, g.title));
  return csvFile(rows);
}
