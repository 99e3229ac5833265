// The open minutes as a Word document, for publication: the meeting's details, attendees and
// apologies, every item for discussion with what the minutes say under it (an exempt one as its
// number, heading and exemption only), the review of the previous meeting's actions under item 01,
// the questions answered under the scrutiny item, the Actions Arising, the next meeting and the
// formal approval block. Marked with
// the open papers' marking on every page; laid out as the action log is (word.ts).
import type { Paragraph, Table } from 'docx';
import type { DigestItem } from '../rules/digest-model.ts';
import type { DiscussionParagraph } from '../rules/types.ts';
import type { OpenMinutes, OpenMinutesItem } from '../rules/open-minutes.ts';
import { creditText, DEFAULT_MARKINGS, outcomeLines, ownersText, type PapersOptions } from './text.ts';
import {
  fitWidth,
  layoutColumns,
  paperDocx,
  paperTable,
  paras,
  SMALL,
  type CellContent,
  type RowSpec,
} from './word.ts';

const MIN_REF = 1_150;
const MIN_TEXT = 4_000;

/** 'PAM minutes, meeting of 21/07/2020', 'Open minutes, for publication'. */
export function openMinutesTitleLines(m: OpenMinutes): [string, string] {
  return [`${m.board} minutes, meeting of ${m.meeting.dateText}`, 'Open minutes, for publication'];
}

export function openMinutesTitle(m: OpenMinutes): string {
  const [first, second] = openMinutesTitleLines(m);
  return `${first}: ${second.toLowerCase()}`;
}

function details(m: OpenMinutes): Paragraph[] {
  const rows: Array<[string, string | undefined]> = [
    ['Date: ', m.meeting.dayText],
    ['Time: ', m.meeting.time],
    ['Location: ', m.meeting.location],
    ['Chair: ', m.meeting.chair],
    ['Minute Taker: ', m.meeting.minuteTaker],
  ];
  return rows.flatMap(([label, value], n) => (value ? paras(value, n > 0 ? { before: 40 } : {}, label) : []));
}

function attendees(m: OpenMinutes): Array<Paragraph | Table> {
  if (m.attendees.length === 0) return paras('None minuted.');
  const columns = layoutColumns(
    [
      { title: 'No', width: fitWidth(['No', String(m.attendees.length)], 600) },
      { title: 'Name', width: Math.min(3_400, fitWidth(['Name', ...m.attendees.map((a) => a.name)], 1_800)) },
      { title: 'Capacity', fill: true },
      { title: 'Dial In', width: fitWidth(['Dial In'], 900, 11, true) },
    ],
    'portrait',
    MIN_TEXT,
  );
  const rows: RowSpec[] = m.attendees.map((a, n) => ({
    cells: [
      { content: [{ text: String(n + 1) }] },
      { content: [{ text: a.name }] },
      { content: [{ text: a.capacity ?? '' }] },
      { content: [{ text: a.dialIn ? 'Yes' : '' }] },
    ],
  }));
  return [paperTable(columns, rows, 'portrait')];
}

function apologies(m: OpenMinutes): Array<Paragraph | Table> {
  if (m.apologies.length === 0) return paras('Nil.');
  const columns = layoutColumns(
    [
      { title: 'Name', width: Math.min(3_400, fitWidth(['Name', ...m.apologies.map((a) => a.name)], 1_800)) },
      { title: 'Capacity', fill: true },
      { title: 'Representative', width: 3_000 },
    ],
    'portrait',
    MIN_TEXT,
  );
  const rows: RowSpec[] = m.apologies.map((a) => ({
    cells: [
      { content: [{ text: a.name }] },
      { content: [{ text: a.capacity ?? '' }] },
      { content: [{ text: a.representative ?? 'Nil' }] },
    ],
  }));
  return [paperTable(columns, rows, 'portrait')];
}

/** Item 01's review: a row an action, its status as it stands and the outcome minuted. */
function reviewCell(i: DigestItem): CellContent {
  if (i.withheld !== undefined) return [{ text: i.withheld }];
  const [first, ...more] = outcomeLines(i.outcome);
  return [
    { text: i.text },
    ...(i.owners.length > 0 ? [{ label: 'Owner: ', text: ownersText(i.owners), style: { ...SMALL, before: 60 } }] : []),
    ...(first !== undefined ? [{ label: 'Outcome: ', text: first, style: { ...SMALL, before: 60 } }] : []),
    ...more.map((line) => ({ text: line, style: { ...SMALL, indent: 170 } })),
  ];
}

/** The review of the previous meeting's actions; the approval of its minutes said only when the item's own words do not. */
function review(m: OpenMinutes, minuted = false): Array<Paragraph | Table> {
  const reviewed = m.papers.groups.flatMap((g) => g.items.filter((i) => i.kind === 'action'));
  const approved =
    m.previousMeeting && !minuted
      ? paras(`The minutes of the previous meeting dated ${m.previousMeeting} were agreed and approved.`)
      : [];
  if (reviewed.length === 0) return approved;
  const columns = layoutColumns(
    [
      { title: 'Number', width: fitWidth(['Number', ...reviewed.map((i) => i.ref)], MIN_REF) },
      { title: 'Action', fill: true },
      { title: 'Status', width: fitWidth(['Carried forward', 'Standing item'], 1_600, 11, true) },
    ],
    'portrait',
    MIN_TEXT,
  );
  const rows: RowSpec[] = reviewed.map((i) => ({
    cells: [
      { content: [{ text: i.ref }] },
      { content: reviewCell(i) },
      { content: i.withheld !== undefined ? [] : [{ text: i.statusLabel, style: { bold: true } }] },
    ],
  }));
  return [
    ...approved,
    ...paras('Actions', { bold: true, before: 120, keepNext: true }),
    paperTable(columns, rows, 'portrait'),
  ];
}

/** The questions answered at the meeting, each with its respondent and the response given. */
function questions(m: OpenMinutes): Paragraph[] {
  const asked = m.papers.groups.flatMap((g) => g.items.filter((i) => i.kind === 'question'));
  return asked.flatMap((q) => {
    if (q.withheld !== undefined) return paras(q.withheld, { before: 160 }, `${q.ref} `);
    const u = q.latestUpdate;
    return [
      ...paras(q.text, { before: 160, keepNext: true }, `${q.ref} `),
      ...paras(ownersText(q.owners), { points: SMALL.points, keepNext: true }, 'Respondent: '),
      ...(u ? [...paras(u.text, { before: 60 }), ...paras(creditText(u), SMALL)] : paras('No response minuted.')),
    ];
  });
}

/** The minutes' own paragraphs, a list's items indented under their label. */
function discussion(ps: readonly DiscussionParagraph[]): Paragraph[] {
  return ps.flatMap((p) =>
    p.label ? paras(`${p.label} ${p.text}`, { before: 60, indent: 360 }) : paras(p.text, { before: 120 }),
  );
}

/** An item: its heading, what the minutes say under it, and the review or the questions where they were minuted. */
function item(m: OpenMinutes, i: OpenMinutesItem): Array<Paragraph | Table> {
  const heading = paras(i.title, { bold: true, before: 240, keepNext: true }, `${i.number}   `);
  if (i.withheld !== undefined) return [...heading, ...paras(i.withheld)];
  const words = i.paragraphs ?? [];
  const at = i.papersAt ?? words.length;
  return [
    ...heading,
    ...discussion(words.slice(0, at)),
    ...(i.review ? review(m, words.length > 0) : []),
    ...(i.questions ? questions(m) : []),
    ...discussion(words.slice(at)),
  ];
}

function itemsForDiscussion(m: OpenMinutes): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  for (const i of m.items) out.push(...item(m, i));
  // Questions answered under no item the minutes name as scrutiny: set out after the items.
  if (!m.items.some((i) => i.questions) && m.papers.groups.some((g) => g.items.some((i) => i.kind === 'question')))
    out.push(...paras('Scrutiny questions', { bold: true, before: 240, keepNext: true }), ...questions(m));
  if (!m.items.some((i) => i.review)) out.push(...review(m));
  return out.length > 0 ? out : paras('None minuted.');
}

function actionsArising(m: OpenMinutes): Array<Paragraph | Table> {
  if (m.actionsArising.length === 0) return paras('None.');
  const columns = layoutColumns(
    [
      { title: 'Item', width: fitWidth(['Item', ...m.actionsArising.map((a) => a.ref)], MIN_REF) },
      { title: 'Action', fill: true },
    ],
    'portrait',
    MIN_TEXT,
  );
  const rows: RowSpec[] = m.actionsArising.map((a) => ({
    cells: [{ content: [{ text: a.ref }] }, { content: [{ text: a.withheld ?? a.text }] }],
  }));
  return [paperTable(columns, rows, 'portrait')];
}

const BLANK = '______________________________';

function approval(m: OpenMinutes): Paragraph[] {
  return m.approvals.flatMap((name, n) => [
    ...paras(BLANK, { before: n === 0 ? 120 : 360, keepNext: true }, 'Signature: '),
    ...paras(name, { before: 120, keepNext: true }, 'Print Name: '),
    ...paras(BLANK, { before: 120 }, 'Date: '),
  ]);
}

/** The open minutes (.docx) as a Buffer. */
export async function openMinutesDocx(m: OpenMinutes, opts: PapersOptions = {}): Promise<Buffer> {
  const next = m.nextMeeting;
  return paperDocx({
    title: openMinutesTitle(m),
    marking: (opts.markings ?? DEFAULT_MARKINGS).open,
    creator: m.board,
    description: `Open minutes of the meeting of ${m.meeting.dayText}`,
    sections: [
      {
        orientation: 'portrait',
        children: [
          ...paras(openMinutesTitleLines(m).join('\n'), { heading: 1 }),
          ...details(m),
          ...paras('Attendees', { heading: 2 }),
          ...attendees(m),
          ...paras('Apologies', { heading: 2 }),
          ...apologies(m),
          ...paras('Items for Discussion', { heading: 2 }),
          ...itemsForDiscussion(m),
          ...paras('Actions Arising', { heading: 2 }),
          ...actionsArising(m),
          ...paras('Next Meeting', { heading: 2 }),
          ...paras(next ? `${next.dayText}${next.time ? ` at ${next.time}` : ''}` : 'To be confirmed.'),
          ...paras('Formal Approval of Meeting Record', { heading: 2 }),
          ...approval(m),
        ],
      },
    ],
  });
}
