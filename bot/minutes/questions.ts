// The scrutiny questions as minuted in the performance-scrutiny item: each 'Q1.' paragraph, the
// answer given at the meeting after it, and who gave it; or, in the older minutes, the numbered
// themes the force's written response answers. The reading itself is the rules' own
// (readQuestionStream), which the `scrutiny for` command shares.
import { readQuestionStream, type QuestionSource } from '../rules/questions-parse.ts';
import { paragraphKey, type ReadItem } from './items.ts';
import type { MinutedQuestion } from './record.ts';

export interface ScrutinyRead {
  questionsItem?: string;
  questionsPutBy?: string;
  questions: MinutedQuestion[];
  /** The Item column's paragraphs that are the questions and their answers (paragraphKey), from the first question on. */
  paragraphs: Set<string>;
}

// Numbered themes are questions only in an item about scrutiny, not any numbered list.
const SCRUTINY = /scrutiny|questions?|written response|update provided/i;

export function readScrutiny(items: readonly ReadItem[], taken: ReadonlySet<number>): ScrutinyRead {
  const out: ScrutinyRead = { questions: [], paragraphs: new Set() };
  for (const item of items) {
    // The Item column only: the Action column beside the questions holds actions, not answers.
    const rows = item.rows.filter((r) => !taken.has(r.id));
    const keys = rows.flatMap((r) => r.item.map((_, i) => paragraphKey(r, i)));
    const paras: QuestionSource[] = rows
      .flatMap((r) => r.item)
      .map((p, line) => ({
        text: p.text,
        line,
        ...(p.bold ? { bold: true } : {}),
        ...(p.listLabel ? { label: p.listLabel } : {}),
      }));
    const stream = readQuestionStream(paras);
    if (stream.questions.length === 0) continue;
    if (stream.form === 'themes' && !SCRUTINY.test([item.title, ...paras.map((p) => p.text)].join(' '))) continue;
    // Every paragraph after the first question is a question or an answer: the stream reads them all.
    for (const key of keys.slice(stream.questions[0]?.line)) out.paragraphs.add(key);
    out.questionsItem ??= item.number;
    if (stream.putBy) out.questionsPutBy ??= stream.putBy;
    for (const q of stream.questions) {
      out.questions.push({
        item: item.number,
        number: q.number,
        ...(q.theme ? { theme: q.theme } : {}),
        text: q.text,
        ...(q.parts ? { parts: q.parts } : {}),
        ...(q.respondentLabel ? { respondent: q.respondentLabel } : {}),
        ...(q.answer ? { answer: q.answer } : {}),
      });
    }
  }
  return out;
}
