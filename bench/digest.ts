// Benchmark 3: compile + render (card, Word, Markdown) a digest of N actions over 100 meetings.
import { digestCard } from '../bot/digest/card.ts';
import { digestDocx } from '../bot/digest/docx.ts';
import { digestMarkdown } from '../bot/digest/markdown.ts';
import { compileDigest } from '../bot/rules/digest.ts';
import { BIG_BOARD_PEOPLE as people, bigBoard } from '../tests/helpers/big-board.ts';
import { stats, type Stats } from './stats.ts';

export interface DigestResult {
  size: number;
  total: Stats;
  compile: number;
  card: number;
  markdown: number;
  docx: number;
}

export async function benchDigest(sizes: number[], reps: (size: number) => number): Promise<DigestResult[]> {
  const out: DigestResult[] = [];
  for (const size of sizes) {
    const b = bigBoard(100, size / 100);
    const totals: number[] = [];
    const parts = { compile: [] as number[], card: [] as number[], markdown: [] as number[], docx: [] as number[] };
    const n = reps(size);
    for (let i = 0; i < n + 2; i++) {
      let t = performance.now();
      const d = compileDigest({ board: 'PAM', ...b, people, now: new Date(`${b.meeting}T08:00:00Z`) });
      const c = performance.now() - t;
      t = performance.now();
      digestCard(d);
      const cd = performance.now() - t;
      t = performance.now();
      digestMarkdown(d);
      const md = performance.now() - t;
      t = performance.now();
      await digestDocx(d);
      const dx = performance.now() - t;
      if (i < 2) continue; // warm-up
      totals.push(c + cd + md + dx);
      parts.compile.push(c);
      parts.card.push(cd);
      parts.markdown.push(md);
      parts.docx.push(dx);
    }
    out.push({
      size,
      total: stats(totals),
      compile: stats(parts.compile).median,
      card: stats(parts.card).median,
      markdown: stats(parts.markdown).median,
      docx: stats(parts.docx).median,
    });
  }
  return out;
}
