// The review of the previous meeting's actions, under the Minutes item's "Actions": rows that open
// with a reference of an earlier meeting ('02.14/02/2023 JD to circulate ... - Completed |
// Discharged'), and, after "Actions outside of meeting", rows numbered I., II. with no reference.
// The Action column beside them holds the meeting's decision (Discharged, Standing item, ...);
// an "Updated to: -" list after a row is its outcome, kept whole and item by item.
import { readRefAt } from '../rules/refs.ts';
import { parseStatusWord } from '../rules/statuses.ts';
import type { IsoDate, Status } from '../rules/types.ts';
import { paragraphKey, type ReadItem } from './items.ts';
import { leadingNumeral, splitNumbered } from './numerals.ts';
import type { ReviewedAction, Unplaced } from './record.ts';
import { readReviewText, updatedItems } from './review-entry.ts';
import { clean, startsLower } from './text.ts';

const HEADING =
  /^(?:actions?|review of (?:the )?(?:previous |last |outstanding )?(?:meeting'?s? )?actions|(?:previous|outstanding) actions|matters arising|action log)\s*:?-?$/i;
const OUTSIDE = /^actions?\s+(?:taken\s+|agreed\s+)?outside\s+(?:of\s+)?(?:the\s+|this\s+)?meeting\s*:?-?\s*/i;
const UPDATED = /^updated to\b/i;

interface Draft {
  ref?: string;
  meeting?: IsoDate;
  text: string;
  /** Paragraphs after the task: an 'Updated to' list, a note. */
  lines: string[];
}

interface Group {
  entries: Draft[];
  statuses: string[];
  /** Rows after "Actions outside of meeting": numbered, or a paragraph each. */
  outside: boolean;
  numbered: boolean;
}

/** A reference of an earlier meeting at the start of a text, and the words after it. */
function earlierRef(text: string, itemDate: IsoDate): { ref: string; meeting?: IsoDate; rest: string } | null {
  const read = readRefAt(text);
  if (!read || read.ref.shape === 'none' || read.ref.meeting >= itemDate) return null;
  return {
    ref: clean(text.slice(0, read.end)).replace(/[.:]$/, ''),
    meeting: read.ref.meeting,
    rest: clean(text.slice(read.end)),
  };
}

/** The decision in the Action column; a note after it ('Discharged - see update') is kept. */
function statusOf(text: string): { status: Status; note?: string } | null {
  const words = text.split(/\s+/);
  for (const n of [words.length, 2, 1]) {
    const status = parseStatusWord(
      words
        .slice(0, n)
        .join(' ')
        .replace(/[\s,;\-\u2013\u2014]+$/, ''),
    );
    const note = words
      .slice(n)
      .join(' ')
      .replace(/^[\s.:;,\-\u2013\u2014]+/, '');
    if (status) return { status, ...(note ? { note } : {}) };
  }
  return null;
}

export interface ReviewContext {
  previousMeeting?: IsoDate;
  /** Whether a capitalised name is a person these minutes name (an attendee, an apology). */
  named: (label: string) => boolean;
}

export interface ReviewRead {
  reviewed: ReviewedAction[];
  unplaced: Unplaced[];
  /** The item rows the review took: no other reader reads them. */
  rows: Set<number>;
  /** Of those rows, the Item column's paragraphs that are the review (paragraphKey): the rest is the item's discussion. */
  paragraphs: Set<string>;
}

export function readReview(items: readonly ReadItem[], ctx: ReviewContext): ReviewRead {
  const groups: Group[] = [];
  const rows = new Set<number>();
  const paragraphs = new Set<string>();
  for (const item of items) {
    let inReview = false;
    let group: Group | undefined;
    const open = (g: Group): Group => {
      groups.push(g);
      inReview = true;
      return g;
    };
    const addPieces = (g: Group, text: string): void => {
      const pieces = splitNumbered(text, g.entries.filter((e) => e.ref === undefined).length + 1);
      for (const piece of pieces) {
        const last = g.entries.at(-1);
        if (piece.numeral) g.numbered = true;
        if (piece.numeral || !last) g.entries.push({ text: piece.text, lines: [] });
        else last.text = `${last.text} ${piece.text}`;
      }
    };
    for (const row of item.rows) {
      // A reference in the Number column (the older layout): the row is that action, its cell the text and outcome.
      const numbered = earlierRef(row.number, item.date);
      if (numbered) {
        const [text = '', ...lines] = row.item.map((p) => p.text);
        group = open({ entries: [], statuses: row.action.map((p) => p.text), outside: false, numbered: false });
        group.entries.push({
          ref: numbered.ref,
          ...(numbered.meeting ? { meeting: numbered.meeting } : {}),
          text,
          lines,
        });
        rows.add(row.id);
        row.item.forEach((_, i) => paragraphs.add(paragraphKey(row, i)));
        continue;
      }
      let took = false;
      const hasStatus = row.action.length > 0;
      for (const [i, para] of row.item.entries()) {
        const text = para.text;
        const last = group?.entries.at(-1);
        const ref = earlierRef(text, item.date);
        const outside = OUTSIDE.exec(text);
        const numeral = leadingNumeral(para);
        if (HEADING.test(text)) {
          inReview = true;
          group = undefined;
        } else if (ref) {
          group = open({ entries: [], statuses: [], outside: false, numbered: false });
          group.entries.push({
            ref: ref.ref,
            ...(ref.meeting ? { meeting: ref.meeting } : {}),
            text: ref.rest,
            lines: [],
          });
        } else if (outside) {
          group = open({ entries: [], statuses: [], outside: true, numbered: false });
          if (text.slice(outside[0].length) !== '') addPieces(group, text.slice(outside[0].length));
        } else if (!inReview) {
          continue;
        } else if (
          group &&
          last &&
          (UPDATED.test(text) || (last.lines.length > 0 && UPDATED.test(last.lines[0] ?? '')))
        ) {
          last.lines.push(text);
        } else if (group && last && last.ref !== undefined && i > 0 && !numeral) {
          // The task under a reference alone in its paragraph, then notes, in the same cell.
          if (last.text === '') last.text = text;
          else last.lines.push(text);
        } else if (numeral || (group?.numbered && /[IVX]{1,4}\.\p{Lu}/u.test(text))) {
          group ??= open({ entries: [], statuses: [], outside: true, numbered: true });
          group.outside = true;
          addPieces(group, numeral ? `${numeral.numeral.toUpperCase()}. ${numeral.rest}` : text);
        } else if (group?.outside && !group.numbered && i > 0) {
          group.entries.push({ text, lines: [] }); // a paragraph each, in the cell that opened the list
        } else if (group && last && (startsLower(text) || (group.numbered && hasStatus))) {
          last.text = `${last.text} ${text}`; // the same row broken over two lines of a copy
        } else {
          inReview = false;
          group = undefined;
          continue;
        }
        took = true;
        paragraphs.add(paragraphKey(row, i));
      }
      if (!took) continue;
      rows.add(row.id);
      if (group) group.statuses.push(...row.action.map((p) => p.text));
    }
  }
  return { ...finish(groups, ctx), rows, paragraphs };
}

function finish(groups: readonly Group[], ctx: ReviewContext): Omit<ReviewRead, 'rows' | 'paragraphs'> {
  const reviewed: ReviewedAction[] = [];
  const unplaced: Unplaced[] = [];
  // Rows without a reference belong to the meeting reviewed: as the minutes say, else as their references do.
  const refDates = groups.flatMap((g) => g.entries.flatMap((e) => (e.meeting ? [e.meeting] : [])));
  const reviewedMeeting = ctx.previousMeeting ?? refDates.sort().at(-1);
  for (const g of groups) {
    const statuses = g.statuses.map((s) => ({ s, read: statusOf(s) }));
    for (const { s, read } of statuses.slice(g.entries.length))
      unplaced.push({
        section: 'review',
        text: s,
        why: read ? 'a decision with no action beside it' : 'not a decision (Discharged, Standing item, ...)',
      });
    g.entries.forEach((e, i) => {
      const decision = statuses[i];
      if (decision && !decision.read)
        unplaced.push({ section: 'review', text: decision.s, why: 'not a decision (Discharged, Standing item, ...)' });
      const words = readReviewText(e.text, ctx.named);
      const list = e.lines.length > 0 && UPDATED.test(e.lines[0] ?? '') ? e.lines : [];
      const minuted = [words.outcome, ...e.lines].filter((o) => o).join(' ');
      // A note written with the decision ('Deferred - to May') follows the outcome minuted with the task.
      const outcome = [minuted, decision?.read?.note].filter((o) => o).join('; ');
      const meeting = e.meeting ?? reviewedMeeting;
      if (words.text === '') {
        unplaced.push({ section: 'review', text: e.ref ?? e.lines.join(' '), why: 'a reviewed action with no text' });
        return;
      }
      reviewed.push({
        ...(e.ref ? { ref: e.ref } : {}),
        ...(meeting ? { meeting } : {}),
        ownersAsWritten: words.ownersAsWritten,
        owners: words.owners,
        ...(words.ownerForm ? { ownerForm: words.ownerForm } : {}),
        text: words.text,
        ...(outcome ? { outcome } : {}),
        ...(list.length > 0 ? { updatedTo: updatedItems(list) } : {}),
        ...(decision?.read ? { status: decision.read.status } : {}),
      });
    });
  }
  return { reviewed, unplaced };
}
