// A text too long for one property (Table Storage holds 64 KB a property, 1 MB a row): deflated
// (fflate), base64, and split over numbered columns `{name}_0`, `{name}_1`... with their count in
// `{name}Parts`, so a row can hold a long text whole.
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { MAX_ENTITY_BYTES, MAX_STRING_CHARS, StorageLimitError } from './limits.ts';
import type { Row } from './rows.ts';

/** Columns a row can give one packed text, leaving room under the entity limit for the rest of it. */
export const MAX_PACKED_COLUMNS = Math.floor(MAX_ENTITY_BYTES / (MAX_STRING_CHARS * 2)) - 1;

/** The text's columns. */
export function pack(name: string, text: string): Record<string, string | number> {
  const packed = Buffer.from(deflateSync(strToU8(text), { level: 9 })).toString('base64');
  const parts = Math.ceil(packed.length / MAX_STRING_CHARS);
  const columns: Record<string, string | number> = { [`${name}Parts`]: parts };
  for (let i = 0; i < parts; i++)
    columns[`${name}_${i}`] = packed.slice(i * MAX_STRING_CHARS, (i + 1) * MAX_STRING_CHARS);
  return columns;
}

/** How many of the columns hold packed text (not the count). */
const packedColumns = (columns: Record<string, unknown>): number =>
  Object.keys(columns).filter((k) => k.includes('_')).length;

/** Throws StorageLimitError, opening with `tooLarge`, when the packed columns would not leave a row room. */
export function assertPackedFits(columns: Record<string, unknown>, tooLarge: string): void {
  const count = packedColumns(columns);
  if (count > MAX_PACKED_COLUMNS)
    throw new StorageLimitError(
      `${tooLarge} (${count * MAX_STRING_CHARS} characters packed; at most ${MAX_PACKED_COLUMNS * MAX_STRING_CHARS})`,
    );
}

/** The text back from the row's columns; undefined when the row has none of that name. */
export function unpack(row: Row, name: string): string | undefined {
  const parts = row[`${name}Parts`];
  if (typeof parts !== 'number') return undefined;
  const packed = Array.from({ length: parts }, (_, i) => String(row[`${name}_${i}`] ?? '')).join('');
  return strFromU8(inflateSync(Buffer.from(packed, 'base64')));
}
