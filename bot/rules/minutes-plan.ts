// The words and small decisions of a minutes import that need no storage: which meeting the
// minutes are of, how an exemption is named, how a record and its changes read in the preview. Pure.
import { clip } from './csv-columns.ts';
import { asMinuted } from './owners.ts';
import { formatUkDate, parseIsoDate, parseRef } from './refs.ts';
import { RefusedError } from './refused.ts';
import { STATUS_LABEL } from './statuses.ts';
import type { IsoDate, ItemDiscussion, Status } from './types.ts';

/** How the one importing gives the meeting's date, in their own surface's words. */
export interface DateWords {
  /** What to do when the minutes do not say it. */
  give: string;
  /** What to do when the date given is not the minutes' own (`minuted`, dd/MM/yyyy). */
  correct: (minuted: string) => string;
}

/** The CLI's words: the date is its --meeting flag. */
export const CLI_DATE_WORDS: DateWords = {
  give: 'give it (--meeting dd/MM/yyyy)',
  correct: (minuted) => `leave out --meeting, or give ${minuted}`,
};

/** The meeting the minutes are of: theirs, else the one given; both and different is refused. */
export function minutesMeeting(
  minuted: IsoDate | undefined,
  given: IsoDate | undefined,
  words: DateWords = CLI_DATE_WORDS,
): IsoDate {
  if (minuted && given && minuted !== given)
    throw new RefusedError(
      `the minutes are of the meeting of ${formatUkDate(minuted)}, not ${formatUkDate(given)}: ${words.correct(formatUkDate(minuted))}`,
    );
  const date = minuted ?? given;
  if (!date) throw new RefusedError(`the minutes do not say the meeting's date: ${words.give}`);
  return date;
}

const FROM_THE_MINUTES = 'from the minutes of';

/** What every history entry of the import says. */
export function fromTheMinutes(meeting: IsoDate): string {
  return `${FROM_THE_MINUTES} ${formatUkDate(meeting)}`;
}

/** Whether a history entry's note says it came from a meeting's minutes. */
export const isFromMinutes = (note: string | undefined): boolean => note?.startsWith(FROM_THE_MINUTES) ?? false;

/** 'FOIA s.31 (Law Enforcement)' from the item's exemption line; the line itself when it names no section. */
export function exemptionName(exempt: { text: string; section?: string; reason?: string }): string {
  if (!exempt.section) return exempt.text;
  return `FOIA s.${exempt.section}${exempt.reason ? ` (${exempt.reason})` : ''}`;
}

/** An agenda item's number and meeting ('05.14/03/2023' -> 5 of 2023-03-14); null when it is not one. */
export function itemOf(number: string): { number: number; meeting: IsoDate } | null {
  const ref = parseRef(number);
  return ref && ref.shape !== 'none' && ref.sub === undefined ? { number: ref.number, meeting: ref.meeting } : null;
}

const paragraphs = (n: number): string => `${n} paragraph${n === 1 ? '' : 's'}`;

/** How much an item's discussion holds, for the preview: '3 paragraphs'. */
export function discussionSize(d: ItemDiscussion | undefined): string {
  return paragraphs(d?.paragraphs.length ?? 0);
}

/**
 * What a corrected discussion changes, in a short line for the preview (never the prose itself):
 * the first paragraph that differs and its first words; an exempt item's words are not shown at all.
 */
export function discussionChange(
  before: ItemDiscussion | undefined,
  after: ItemDiscussion | undefined,
  exempt: boolean,
): string | undefined {
  if (canonical(before ?? null) === canonical(after ?? null)) return undefined;
  const was = before?.paragraphs ?? [];
  const now = after?.paragraphs ?? [];
  if (now.length === 0) return `discussion taken off (it had ${paragraphs(was.length)})`;
  const counts = was.length === now.length ? '' : ` (${was.length} -> ${paragraphs(now.length)})`;
  if (exempt) return `discussion changed${counts}; exempt: its words are not shown`;
  const at = now.findIndex((p, i) => canonical(p) !== canonical(was[i]));
  if (at < 0)
    return `discussion: ${was.length > now.length ? 'paragraphs taken off' : 'the review or questions moved'}${counts}`;
  const para = now[at];
  return `discussion paragraph ${at + 1} now "${clip(`${para?.label ? `${para.label} ` : ''}${para?.text ?? ''}`, 60)}"${counts}`;
}

/** '2023-03' -> '03/2023'. */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-');
  return `${m ?? ''}/${y ?? ''}`;
}

/** An action as the minutes write it: '01.14/03/2023 JD - Circulate ...', 'SCL to present ...'. */
export function actionLabel(a: {
  ref: string;
  ownerText: string;
  ownerForm: 'prefix' | 'subject';
  text: string;
}): string {
  return `${a.ref} ${asMinuted({ ...a, text: clip(a.text, 120) })}`;
}

const shown = (field: string, v: string | undefined): string => {
  if (v === undefined || v === '') return '-';
  if (field === 'status' && v in STATUS_LABEL) return STATUS_LABEL[v as Status];
  if (parseIsoDate(v)) return formatUkDate(v);
  return field === 'text' || field === 'outcome' ? `"${clip(v, 60)}"` : clip(v, 60);
};

/** 'status Open -> Discharged; outcome - -> "Completed"': what a change does, field by field. */
export function describeChanges(changes: ReadonlyArray<{ field: string; from?: string; to?: string }>): string {
  return changes
    .map((c) =>
      c.from === undefined && c.to === undefined
        ? c.field
        : `${c.field} ${shown(c.field, c.from)} -> ${shown(c.field, c.to)}`,
    )
    .join('; ');
}

/** JSON with object keys in order, so two records with the same content compare equal however they were built. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** The fields whose values differ, as 'time 09:30 -> 10:00' (values through `show`). */
export function fieldChanges<T extends object>(
  before: T | undefined,
  after: T,
  fields: ReadonlyArray<keyof T & string>,
  show: (field: keyof T & string, value: unknown) => string | undefined = (_f, v) =>
    v === undefined ? undefined : String(v),
): Array<{ field: string; from?: string; to?: string }> {
  return fields.flatMap((field) => {
    const a = before?.[field];
    const b = after[field];
    if (b === undefined || canonical(a) === canonical(b)) return [];
    const from = show(field, a);
    const to = show(field, b);
    return [{ field, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) }];
  });
}
