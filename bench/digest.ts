// Benchmark 3: compile + render (card, Word, Markdown) a digest of N actions over 100 meetings.
import { digestCard } from '../bot/digest/card.ts';
import { digestDocx } from '../bot/digest/docx.ts';
import { digestMarkdown } from '../bot/digest/markdown.ts';
import { compileDigest } from '../bot/tracker/digest.ts';
import { refKey } from '../bot/tracker/refs.ts';
import type { Action, ActionRef, Meeting, Person, Status } from '../bot/tracker/types.ts';
import { stats, type Stats } from './stats.ts';

const people = new Map<string, Person>([
  ['jd', { id: 'jd', name: 'Jane Doe', initials: 'JD', aliases: [], role: 'member' }],
  ['scl', { id: 'scl', name: 'Sam Carter-Lee', initials: 'SCL', aliases: [], role: 'member' }],
]);

function board(count: number, perMeeting: number): { actions: Action[]; meetings: Meeting[]; meeting: string } {
  const dates: string[] = [];
  for (let i = 0; i <= count; i++) dates.push(new Date(Date.UTC(2015, 0, 13) + i * 28 * 86_400_000).toISOString().slice(0, 10));
  const meetings: Meeting[] = dates.map((date, i) => ({ date, time: '10:00', ...(dates[i + 1] ? { next: dates[i + 1] } : {}) }));
  const statuses: Status[] = ['open', 'in_progress', 'completed', 'blocked', 'carried_forward', 'standing', 'in_progress', 'discharged'];
  const previous = dates[count - 1] ?? '';
  const actions: Action[] = [];
  for (let m = 0; m < count; m++) {
    const meeting = dates[m] ?? '';
    for (let k = 1; k <= perMeeting; k++) {
      const status = statuses[(m * perMeeting + k) % statuses.length] ?? 'open';
      const ref: ActionRef = { shape: 'numbered', meeting, number: k };
      const text = `Action ${k} of ${meeting}: ${'review the performance framework and report back to the board; '.repeat(20)}`.slice(0, 300);
      const at = status === 'discharged' ? `${previous}T12:00:00Z` : `${meeting}T12:00:00Z`;
      actions.push({
        id: refKey(ref, meeting, text), ref, meeting, ownerText: 'JD', ownerForm: 'prefix', text, status,
        owners: k % 3 === 0 ? [{ label: 'JD', personId: 'jd' }, { label: 'SCL', personId: 'scl' }] : [{ label: 'the Force' }],
        ...(dates[m + 1] ? { due: dates[m + 1] } : {}), createdAt: `${meeting}T12:00:00Z`, updatedAt: at, version: 1,
        ...(k % 2 === 0 ? { repliedAt: `${meeting}T15:00:00Z`, latestNote: 'Progress noted. '.repeat(10), latestNoteAt: `${meeting}T15:00:00Z`, latestNoteBy: 'Jane Doe' } : {}),
      });
    }
  }
  return { actions, meetings, meeting: dates[count] ?? '' };
}

export interface DigestResult { size: number; total: Stats; compile: number; card: number; markdown: number; docx: number }

export async function benchDigest(sizes: number[], reps: (size: number) => number): Promise<DigestResult[]> {
  const out: DigestResult[] = [];
  for (const size of sizes) {
    const b = board(100, size / 100);
    const totals: number[] = []; const parts = { compile: [] as number[], card: [] as number[], markdown: [] as number[], docx: [] as number[] };
    const n = reps(size);
    for (let i = 0; i < n + 2; i++) {
      let t = performance.now();
      const d = compileDigest({ board: 'PAM', ...b, people, now: new Date(`${b.meeting}T08:00:00Z`) });
      const c = performance.now() - t; t = performance.now();
      digestCard(d);
      const cd = performance.now() - t; t = performance.now();
      digestMarkdown(d);
      const md = performance.now() - t; t = performance.now();
      await digestDocx(d);
      const dx = performance.now() - t;
      if (i < 2) continue; // warm-up
      totals.push(c + cd + md + dx); parts.compile.push(c); parts.card.push(cd); parts.markdown.push(md); parts.docx.push(dx);
    }
    out.push({ size, total: stats(totals), compile: stats(parts.compile).median, card: stats(parts.card).median, markdown: stats(parts.markdown).median, docx: stats(parts.docx).median });
  }
  return out;
}
