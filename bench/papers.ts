// Benchmark 5: the papers, rendered from a compiled digest: the Word action log (full and open
// forms, written with the docx library), the open minutes (Word), the Markdown and the CSV, for
// boards of N actions over 100 meetings (the digest benchmark's boards).
import { digestCsv } from '../bot/digest/csv.ts';
import { digestDocx } from '../bot/digest/docx.ts';
import { digestMarkdown } from '../bot/digest/markdown.ts';
import { openMinutesDocx } from '../bot/digest/minutes-docx.ts';
import { compileDigest } from '../bot/rules/digest.ts';
import { openForm } from '../bot/rules/exempt.ts';
import { compileOpenMinutes } from '../bot/rules/open-minutes.ts';
import type { Meeting } from '../bot/rules/types.ts';
import { BIG_BOARD_PEOPLE as people, bigBoard } from '../tests/helpers/big-board.ts';
import { stats, type Stats } from './stats.ts';

export interface PapersResult {
  size: number;
  /** The full Word action log, the figure the docx library was adopted on (1,000 actions in < 1 s). */
  word: Stats;
  open: number;
  minutes: number;
  markdown: number;
  csv: number;
  /** The full Word file's size in bytes. */
  bytes: number;
}

const time = async (f: () => unknown): Promise<number> => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};

export async function benchPapers(sizes: number[], reps: (size: number) => number): Promise<PapersResult[]> {
  const out: PapersResult[] = [];
  for (const size of sizes) {
    const b = bigBoard(100, size / 100);
    const now = new Date(`${b.meeting}T08:00:00Z`);
    const d = compileDigest({ board: 'PAM', ...b, people, now });
    // The papers' meeting, minuted: its attendees and items, for the open minutes.
    const meetings: Meeting[] = b.meetings.map((m) =>
      m.date === b.meeting
        ? {
            ...m,
            chair: { name: 'Jane Doe', personId: 'jd' },
            attendees: [{ name: 'Jane Doe', capacity: 'Police and Crime Commissioner', personId: 'jd', dialIn: false }],
            items: [
              { number: '01.00/00/0000', title: 'Minutes' },
              { number: '02.00/00/0000', title: 'Performance Scrutiny' },
            ],
          }
        : m,
    );
    const minutes = compileOpenMinutes({
      board: 'PAM',
      meeting: b.meeting,
      meetings,
      actions: b.actions,
      questions: [],
      discussions: new Map(),
      people,
      now,
    });
    const parts = {
      word: [] as number[],
      open: [] as number[],
      minutes: [] as number[],
      markdown: [] as number[],
      csv: [] as number[],
    };
    let bytes = 0;
    const n = reps(size);
    for (let i = 0; i < n + 2; i++) {
      const word = await time(async () => (bytes = (await digestDocx(d)).length));
      const open = await time(() => digestDocx(openForm(d)));
      const min = await time(() => openMinutesDocx(minutes));
      const md = await time(() => digestMarkdown(d));
      const csv = await time(() => digestCsv(d));
      if (i < 2) continue; // warm-up
      parts.word.push(word);
      parts.open.push(open);
      parts.minutes.push(min);
      parts.markdown.push(md);
      parts.csv.push(csv);
    }
    out.push({
      size,
      word: stats(parts.word),
      open: stats(parts.open).median,
      minutes: stats(parts.minutes).median,
      markdown: stats(parts.markdown).median,
      csv: stats(parts.csv).median,
      bytes,
    });
  }
  return out;
}
