// The digest as CSV, for the secretariat's spreadsheet: csvFile writes it for Excel (a BOM, CRLF
// line ends, formulas defused).
import { csvFile } from '../rules/csv.ts';
import type { Digest } from '../rules/digest-model.ts';
import { ownersText } from './text.ts';

export const DIGEST_CSV_HEADER = [
  'Ref',
  'Action',
  'Owner',
  'Update',
  'Update date',
  'Status',
  'Proposal',
  'Due',
  'Group',
] as const;

export function digestCsv(d: Digest): string {
  const rows: string[][] = [[...DIGEST_CSV_HEADER]];
  for (const g of d.groups) {
    for (const i of g.items) {
      rows.push([
        i.ref,
        i.text,
        i.owners.length > 0 ? ownersText(i.owners) : '',
        i.latestUpdate?.text ?? '',
        i.latestUpdate?.date ?? '',
        i.statusLabel,
        i.proposal,
        i.due ?? '',
        g.title,
      ]);
    }
  }
  return csvFile(rows);
}
