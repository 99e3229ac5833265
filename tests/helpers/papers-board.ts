// A board of 200 actions and a dozen scrutiny questions, in memory, to lay out as the papers: every
// shape of reference (the longest, '14 dd/MM/yyyy.viii'), texts from a line to a paragraph, updates
// typed by the owner or for them, outcomes with an 'Updated to:' list, responses from a sentence to
// pages, and exempt items whose text is a canary that must never reach the open form. Each action's
// text starts 'start0001' and ends 'finish0001' (its number), so a test can see where it lies.
import { compileDigest } from '../../bot/rules/digest.ts';
import type { Digest } from '../../bot/rules/digest-model.ts';
import { questionDigestItem } from '../../bot/rules/questions.ts';
import { refKey } from '../../bot/rules/refs.ts';
import type { Action, ActionRef, Meeting, Person, Question, Status } from '../../bot/rules/types.ts';

export const PAPERS_PEOPLE = new Map<string, Person>(
  [
    { id: 'jd', name: 'Jane Doe', initials: 'JD' },
    { id: 'scl', name: 'Sam Carter-Lee', initials: 'SCL' },
    { id: 'pn', name: 'Priya Nair', initials: 'PN' },
  ].map((p) => [p.id, { ...p, aliases: [], role: 'member' as const }]),
);

export const CANARY = 'CANARY';
const EXEMPT = { exemption: 'FOIA s.31 (law enforcement)', by: 'Priya Nair', at: '2023-01-01T09:00:00Z' };
const WORDS =
  'review the performance framework with the district commanders and report the findings to the board with a plan'.split(
    ' ',
  );
const NUMERALS = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii'];
const STATUSES: Status[] = [
  'open',
  'in_progress',
  'completed',
  'carried_forward',
  'standing',
  'blocked',
  'in_progress',
];

const words = (n: number, from: number): string =>
  Array.from({ length: n }, (_, i) => WORDS[(from + i) % WORDS.length]).join(' ');

export const PAPERS_MEETINGS: Meeting[] = [
  { date: '2023-01-10', next: '2023-02-14' },
  { date: '2023-02-14', next: '2023-03-14' },
  { date: '2023-03-14', next: '2023-04-11' },
  { date: '2023-04-11', next: '2023-05-09' },
  {
    date: '2023-05-09',
    time: '10:00',
    location: 'Gold Room, Police HQ',
    focus: 'E&E',
    deepDive: 'Repeat Victims',
    next: '2023-06-13',
  },
  { date: '2023-06-13', focus: 'P&P Q1', deepDive: 'Violence Against Women & Girls' },
];
export const PAPERS_MEETING = '2023-05-09';

function ref(meeting: string, k: number): ActionRef {
  if (k % 25 === 0) return { shape: 'none' };
  // Item-shaped references with numerals, up to the longest ('14 dd/MM/yyyy.viii').
  if (k % 3 === 0) return { shape: 'item', meeting, number: 10 + (k % 5), sub: NUMERALS[k % NUMERALS.length] ?? 'i' };
  return { shape: 'numbered', meeting, number: k };
}

/** The 200 actions: 50 raised at each of the four meetings before the papers' meeting. */
export function papersActions(): Action[] {
  const actions: Action[] = [];
  let n = 0;
  for (const meeting of PAPERS_MEETINGS.slice(0, 4).map((m) => m.date)) {
    for (let k = 1; k <= 50; k++) {
      n++;
      const tag = String(n).padStart(4, '0');
      const exempt = n % 40 === 7;
      const length = [6, 12, 20, 40][n % 4] ?? 6;
      const text = `start${tag} ${exempt ? `${CANARY}${tag} ` : ''}${words(length, n)} finish${tag}`;
      const r = ref(meeting, k);
      const status = STATUSES[n % STATUSES.length] ?? 'open';
      actions.push({
        id: refKey(r, meeting, text),
        ref: r,
        meeting,
        owners: n % 5 === 0 ? [{ label: 'the Force' }] : [{ label: 'JD', personId: 'jd' }],
        ownerText: n % 5 === 0 ? 'the Force' : 'JD',
        ownerForm: 'prefix',
        text,
        status,
        due: PAPERS_MEETINGS.find((m) => m.date === meeting)?.next ?? PAPERS_MEETING,
        ...(n % 3 === 0
          ? {
              latestNote: `${exempt ? `${CANARY}${tag} ` : ''}${words(10 + (n % 25), n + 3)}.`,
              latestNoteAt: '2023-04-20T09:00:00Z',
              latestNoteBy: n % 2 === 0 ? 'Jane Doe' : 'Priya Nair',
              repliedAt: '2023-04-20T09:00:00Z',
            }
          : {}),
        ...(n % 11 === 0
          ? { outcome: 'Updated to: - March - 999 Call Handling. April Q4 - Rural Crime. May - Missing Persons.' }
          : {}),
        ...(exempt ? { exempt: EXEMPT } : {}),
        createdAt: `${meeting}T12:00:00Z`,
        updatedAt: `${meeting}T12:00:00Z`,
        version: 1,
      });
    }
  }
  return actions;
}

/** A dozen questions for the papers' meeting: short and long responses, none yet, one exempt. */
export function papersQuestions(): Question[] {
  return Array.from({ length: 12 }, (_, i): Question => {
    const number = `Q${i + 1}`;
    const exempt = i === 4;
    const sentences = [1, 4, 12, 30, 60][i % 5] ?? 1;
    const response = Array.from(
      { length: sentences },
      (_, s) => `${words(14, i + s)} sentence ${s + 1} of ${number}.`,
    ).join(' ');
    return {
      id: `${PAPERS_MEETING}.q${i + 1}`,
      number,
      meeting: PAPERS_MEETING,
      theme: 'Repeat Victimisation',
      text: `${exempt ? `${CANARY}-${number} ` : ''}${words(20, i)}?`,
      respondent: { label: i % 2 ? 'SCL' : 'JD', personId: i % 2 ? 'scl' : 'jd' },
      state: i % 4 === 3 ? 'awaiting' : 'answered',
      due: '2023-05-02',
      ...(i % 4 === 3
        ? {}
        : {
            response: `${exempt ? `${CANARY}-${number} ` : ''}${response}`,
            respondedAt: '2023-05-01T09:00:00Z',
            respondedBy: i % 3 === 0 ? 'Priya Nair' : i % 2 ? 'Sam Carter-Lee' : 'Jane Doe',
          }),
      ...(exempt ? { exempt: EXEMPT } : {}),
      actionIds: [],
      createdAt: '2023-04-25T09:00:00Z',
      updatedAt: '2023-05-01T09:00:00Z',
      version: 2,
    };
  });
}

/** The papers' digest for the board, compiled the week before its meeting. */
export function papersDigest(actions = papersActions(), questions = papersQuestions()): Digest {
  return compileDigest({
    board: 'PAM',
    actions,
    questions: questions.map((q) => questionDigestItem(q, PAPERS_PEOPLE, '2023-05-02')),
    people: PAPERS_PEOPLE,
    meetings: PAPERS_MEETINGS,
    meeting: PAPERS_MEETING,
    now: new Date('2023-05-02T09:00:00Z'),
  });
}
