// Reading the minutes: the neutral document (from Word or copied text) to a MinutesRecord. Each
// section reader finds its part by its heading, its header row or what its rows hold, never by its
// place; what no reader could place is listed in `unplaced` with the reason. Pure.
import { normaliseText } from '../rules/text.ts';
import type { IsoDate } from '../rules/types.ts';
import type { MinutesDocument } from './document.ts';
import { readMeetingHeader, readNextMeeting, readsAsHeader } from './header.ts';
import { readArising } from './arising.ts';
import { readDiscussion } from './discussion.ts';
import { readItemActions, reconcile } from './item-actions.ts';
import { readItems } from './items.ts';
import { layoutOf, rowCells, rowText } from './layout.ts';
import { readApologies, readAttendees } from './people.ts';
import { readScrutiny } from './questions.ts';
import type { MinutesRecord, Unplaced } from './record.ts';
import { readReview } from './review.ts';
import { readSchedule } from './schedule.ts';
import type { GridKind } from './markers.ts';
import { kindOf } from './sections.ts';
import { clean, isPageNumber } from './text.ts';

export interface ReadOptions {
  /** The meeting's date when the minutes do not say it (their header and item numbers). */
  meeting?: IsoDate;
}

/** A person the minutes name (attendee, apology, representative, chair), by their words as written. */
function namedIn(names: readonly string[]): (label: string) => boolean {
  const known = new Set(names.map((n) => normaliseText(n).toLowerCase()));
  return (label) => known.has(normaliseText(label).toLowerCase());
}

export function readMinutes(doc: MinutesDocument, opts: ReadOptions = {}): MinutesRecord {
  const layout = layoutOf(doc);
  const kinds = layout.grids.map((grid) => ({ grid, kind: kindOf(grid) }));
  const of = (kind: GridKind) => kinds.filter((k) => k.kind === kind).map((k) => k.grid);

  const header = readMeetingHeader(layout);
  const items = readItems(of('items'), header.meeting.date ?? opts.meeting);
  const date = header.meeting.date ?? opts.meeting ?? items.date;
  const meeting = {
    ...header.meeting,
    ...(date ? { date } : {}),
    ...(items.previousMeeting ? { previousMeeting: items.previousMeeting } : {}),
  };
  const { attendees, unplaced: attendeesUnplaced } = readAttendees(of('attendees'));
  const { apologies, unplaced: apologiesUnplaced } = readApologies(of('apologies'));
  const named = namedIn([
    ...attendees.map((a) => a.name),
    ...apologies.flatMap((a) => [a.name, a.representative ?? '']),
    meeting.chair ?? '',
  ]);

  const review = readReview(items.items, {
    ...(meeting.previousMeeting ? { previousMeeting: meeting.previousMeeting } : {}),
    named,
  });
  const scrutiny = readScrutiny(items.items, review.rows);
  // What the review and the questions took is theirs; the rest of the Item column is each item's discussion.
  const taken = { review: review.paragraphs, questions: scrutiny.paragraphs };
  const arising = readArising(of('actions'));
  const column = readItemActions(items.items, review.rows);
  const reconciled = reconcile(column.actions, arising.actions, items.items);
  const schedule = readSchedule(of('deep-dives'), date);
  const next = readNextMeeting(layout, date);

  // A table no section reads is shown, not dropped (the closing approval is not imported).
  const unread: Unplaced[] = of('other').flatMap((g) =>
    g.rows
      .filter((r) => !readsAsHeader(rowCells(r)))
      .map(rowText)
      .filter((t) => clean(t) !== '' && !isPageNumber(t))
      .map((text) => ({ section: 'meeting' as const, text, why: 'in a table that is no section of the minutes' })),
  );

  return {
    meeting,
    attendees,
    apologies,
    items: items.items.map((item) => {
      const discussion = readDiscussion(item, taken);
      const { number, title, exempt } = item;
      return { number, title, ...(exempt ? { exempt } : {}), ...(discussion ? { discussion } : {}) };
    }),
    reviewed: review.reviewed,
    ...(scrutiny.questionsItem ? { questionsItem: scrutiny.questionsItem } : {}),
    ...(scrutiny.questionsPutBy ? { questionsPutBy: scrutiny.questionsPutBy } : {}),
    questions: scrutiny.questions,
    actionsArising: arising.actions,
    itemColumnActions: reconciled.actions,
    deepDives: schedule.deepDives,
    ...(next.next ? { nextMeeting: next.next } : {}),
    unplaced: [
      ...header.unplaced,
      ...attendeesUnplaced,
      ...apologiesUnplaced,
      ...items.unplaced,
      ...review.unplaced,
      ...arising.unplaced,
      ...column.unplaced,
      ...reconciled.unplaced,
      ...schedule.unplaced,
      ...next.unplaced,
      ...unread,
    ],
    ...(doc.setAside?.length ? { setAside: doc.setAside } : {}),
  };
}
