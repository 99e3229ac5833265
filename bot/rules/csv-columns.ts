// Reading a CSV or pasted row by its header names rather than column positions, shared by the
// actions and people importers.
import type { CsvRecord } from './csv.ts';
import { normaliseText, oneLine } from './text.ts';

/** Cuts a value shown in an error message. */
export function clip(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function headerName(cell: string): string {
  return normaliseText(cell)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function locate<K extends string>(
  header: readonly string[],
  names: Record<K, readonly string[]>,
): Partial<Record<K, number>> {
  const found: Partial<Record<K, number>> = {};
  const cells = header.map(headerName);
  for (const key of Object.keys(names) as K[]) {
    const idx = cells.findIndex((c) => names[key].includes(c));
    if (idx >= 0) found[key] = idx;
  }
  return found;
}

export function cell(record: CsvRecord, idx: number | undefined): string {
  return idx === undefined ? '' : oneLine(record.fields[idx] ?? '');
}
