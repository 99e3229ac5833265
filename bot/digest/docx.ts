// The action log as a Word document for the meeting's papers, in the minutes' own shape: a
// "Review of actions" table laid out as the minutes' item 01 is (Number | Item | Action), the
// scrutiny questions (Question | Respondent | Response | Status) on landscape pages where a
// response has the width it needs, then the counts and the focus and deep dive. The full form is
// marked restricted on every page and flags its exempt items; the open form is marked for
// publication and shows an exempt item as its reference and "Exempt under ..." only. Layout: word.ts.
import type { Paragraph, Table } from 'docx';
import type { Digest, DigestGroup, DigestItem } from '../rules/digest-model.ts';
import {
  creditText,
  DEFAULT_MARKINGS,
  decisionLines,
  digestTitle,
  exemptFlag,
  focusLines,
  formNote,
  meetingLine,
  outcomeLines,
  ownersText,
  papersCounts,
  questionStatusLines,
  titleLines,
  type PapersOptions,
} from './text.ts';
import {
  cellHeight,
  fitWidth,
  layoutColumns,
  paperDocx,
  paperTable,
  paras,
  SMALL,
  TEXT_HEIGHT,
  type CellContent,
  type Column,
  type Orientation,
  type PaperSection,
  type RowSpec,
} from './word.ts';

// Widths in dxa (1 cm is 567).
const MIN_REF = 1_150;
const DECISION = { min: 1_900, max: 2_900 };
const QUESTION_WIDTH = 3_400;
const RESPONDENT = { min: 1_500, max: 2_800 };
const STATUS = { min: 1_400, max: 2_400 };
const MIN_TEXT = 4_000;

const EXEMPT_STYLE = { bold: true } as const;

function withheldCell(i: DigestItem): CellContent {
  return [{ text: i.withheld ?? '' }];
}

/** The Item cell: the exemption (full form), the action, its owner, latest update and minuted outcome. */
function itemCell(i: DigestItem): CellContent {
  if (i.withheld !== undefined) return withheldCell(i);
  const flag = exemptFlag(i);
  const u = i.latestUpdate;
  const [first, ...more] = outcomeLines(i.outcome);
  return [
    ...(flag ? [{ text: flag, style: EXEMPT_STYLE }] : []),
    { text: i.text },
    ...(i.owners.length > 0 ? [{ label: 'Owner: ', text: ownersText(i.owners), style: { ...SMALL, before: 60 } }] : []),
    ...(u ? [{ label: `Latest update (${creditText(u)}): `, text: u.text, style: { ...SMALL, before: 60 } }] : []),
    ...(first !== undefined ? [{ label: 'Outcome minuted: ', text: first, style: { ...SMALL, before: 60 } }] : []),
    ...more.map((line) => ({ text: line, style: { ...SMALL, indent: 170 } })),
  ];
}

function decisionCell(i: DigestItem): CellContent {
  if (i.withheld !== undefined) return [];
  const [decision = '', ...more] = decisionLines(i);
  return [{ text: decision, style: { bold: true } }, ...more.map((text) => ({ text, style: SMALL }))];
}

function reviewTable(groups: readonly DigestGroup[], orientation: Orientation): Table {
  const items = groups.flatMap((g) => g.items);
  const columns = layoutColumns(
    [
      { title: 'Number', width: fitWidth(['Number', ...items.map((i) => i.ref)], MIN_REF) },
      { title: 'Item', fill: true },
      {
        title: 'Action',
        width: Math.min(
          DECISION.max,
          fitWidth(
            items.flatMap((i) => decisionLines(i).slice(0, 1)),
            DECISION.min,
            11,
            true,
          ),
        ),
      },
    ],
    orientation,
    MIN_TEXT,
  );
  const rows: RowSpec[] = groups.flatMap((g) => [
    { group: true, cells: [{ span: 3, content: [{ text: g.title, style: { bold: true } }] }] },
    ...g.items.map((i) => ({
      cells: [{ content: [{ text: i.ref }] }, { content: itemCell(i) }, { content: decisionCell(i) }],
    })),
  ]);
  return paperTable(columns, rows, orientation);
}

function questionCell(i: DigestItem): CellContent {
  if (i.withheld !== undefined) return [{ text: i.ref, style: { bold: true } }];
  const flag = exemptFlag(i);
  return [
    ...(flag ? [{ text: flag, style: EXEMPT_STYLE }] : []),
    { text: i.ref, style: { bold: true } },
    { text: i.text },
  ];
}

/** A response's text, a paragraph a line, and who gave it. */
function responseCell(text: string, credit: string | undefined): CellContent {
  return [{ text }, ...(credit ? [{ text: credit, style: { ...SMALL, before: 60 } }] : [])];
}

// A response taller than this part of a page is set over several rows, each ending at a sentence:
// rows are never split across pages, and one long row would leave most of a page blank before it.
const LONG_ROW = 0.35;
const PART_ROW = 0.25;

/** A long response in parts, each at most PART_ROW of a page, cut between sentences (or lines). */
function responseParts(text: string, credit: string, width: number): string[] {
  const room = TEXT_HEIGHT.landscape;
  if (cellHeight(responseCell(text, credit), width) <= room * LONG_ROW) return [text];
  const pieces = text.split(/(?<=[.!?])[ \t]+(?=\S)|(?<=\n)/);
  const parts: string[] = [];
  let part = '';
  for (const piece of pieces) {
    const joined = part === '' ? piece : part.endsWith('\n') ? `${part}${piece}` : `${part} ${piece}`;
    if (part !== '' && cellHeight([{ text: joined }], width) > room * PART_ROW) {
      parts.push(part.trimEnd());
      part = piece;
    } else part = joined;
  }
  if (part.trim() !== '') parts.push(part.trimEnd());
  return parts;
}

function questionRows(i: DigestItem, columns: readonly Column[]): RowSpec[] {
  if (i.withheld !== undefined)
    return [{ cells: [{ content: questionCell(i) }, { span: 3, content: withheldCell(i) }] }];
  const u = i.latestUpdate;
  const respondent = { content: [{ text: ownersText(i.owners) }] };
  const status = {
    content: questionStatusLines(i).map((text, n) => ({ text, style: n === 0 ? { bold: true } : SMALL })),
  };
  if (!u)
    return [
      {
        cells: [
          { content: questionCell(i) },
          respondent,
          { content: [{ text: 'No response yet', style: { italics: true } }] },
          status,
        ],
      },
    ];
  const credit = creditText(u);
  const parts = responseParts(u.text, credit, columns[2]?.width ?? 0);
  return parts.map((part, n): RowSpec => {
    const last = n === parts.length - 1;
    const response = { content: responseCell(part, last ? credit : undefined) };
    const joined = { ...(n > 0 ? { joinedAbove: true } : {}), ...(last ? {} : { joinedBelow: true }) };
    if (n === 0) return { ...joined, cells: [{ content: questionCell(i) }, respondent, response, status] };
    const continued = { content: [{ text: `${i.ref} (continued)`, style: { ...SMALL, italics: true } }] };
    return { ...joined, cells: [continued, { content: [] }, response, { content: [] }] };
  });
}

function questionsTable(items: readonly DigestItem[]): Table {
  const shown = items.filter((i) => i.withheld === undefined);
  const columns = layoutColumns(
    [
      { title: 'Question', width: QUESTION_WIDTH },
      {
        title: 'Respondent',
        width: Math.min(
          RESPONDENT.max,
          fitWidth(
            shown.map((i) => ownersText(i.owners)),
            RESPONDENT.min,
          ),
        ),
      },
      { title: 'Response', fill: true },
      { title: 'Status', width: Math.min(STATUS.max, fitWidth(shown.flatMap(questionStatusLines), STATUS.min)) },
    ],
    'landscape',
    MIN_TEXT,
  );
  return paperTable(
    columns,
    items.flatMap((i) => questionRows(i, columns)),
    'landscape',
  );
}

/** The counts, and the focus and deep dive of this meeting and the next: how the papers close. */
function closing(d: Digest): Paragraph[] {
  const counts = papersCounts(d);
  return [
    ...paras('Counts', { heading: 2 }),
    ...paras(`${counts.asAt}.`),
    ...counts.lines.flatMap((l) => paras(l, { before: 80 })),
    ...paras('Focus and deep dive', { heading: 2 }),
    ...focusLines(d).flatMap((l, n) => paras(l, n > 0 ? { before: 80 } : {})),
  ];
}

/** The Word document (.docx) as a Buffer: the full form or the open one, as the digest is. */
export async function digestDocx(d: Digest, opts: PapersOptions = {}): Promise<Buffer> {
  const title = digestTitle(d);
  const markings = opts.markings ?? DEFAULT_MARKINGS;
  const actionGroups = d.groups.filter((g) => g.items.some((i) => i.kind === 'action'));
  const questions = d.groups.flatMap((g) => g.items.filter((i) => i.kind === 'question'));
  const first: PaperSection = {
    orientation: 'portrait',
    children: [
      ...paras(titleLines(d).join('\n'), { heading: 1 }),
      ...paras(meetingLine(d)),
      ...paras(formNote(d), { italics: true, before: 80 }),
      ...paras('Review of actions', { heading: 2 }),
      ...(actionGroups.length > 0
        ? [reviewTable(actionGroups, 'portrait')]
        : paras('No actions are open, and none was discharged at the last meeting.')),
    ],
  };
  const sections: PaperSection[] = [first];
  if (questions.length > 0)
    sections.push({
      orientation: 'landscape',
      children: [...paras('Scrutiny questions', { heading: 2 }), questionsTable(questions), ...closing(d)],
    });
  else first.children.push(...closing(d));
  return paperDocx({
    title,
    marking: d.form === 'open' ? markings.open : markings.full,
    creator: d.board,
    description: `Compiled ${d.compiledAt}`,
    sections,
  });
}
