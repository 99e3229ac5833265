// The scrutiny questions as minuted in the performance-scrutiny item: each 'Q1.' paragraph, the
// answer given at the meeting after it, and who gave it; or, in the older minutes, the numbered
// themes the force's written response answers. The reading itself is the rules' own
// (readQuestionStream), which the `scrutiny for` command shares.
import { readQuestionStream, type QuestionSource } from '../rules/questions-parse.ts';
import type { ReadItem } from './items.ts';
import type { MinutedQuestion } from './record.ts';

export interface ScrutinyRead {
  questionsItem?: string;
  questionsPutBy?: string;
  questions: MinutedQuestion[];
}

// Numbered themes are questions only in an item about scrutiny, not any numbered list.
const SCRUTINY = /scrutiny|questions?|written response|update provided/i;

export function readScrutiny(items: readonly ReadItem[], taken: ReadonlySet<number>): ScrutinyRead {
  const out: ScrutinyRead = { questions: [] };
  for (const item of items) {
    // The Item column only: the Action column beside the questions holds actions, not answers.
    const paras: QuestionSource[] = item.rows
      .filter((r) => !taken.has(r.id))
      .flatMap((r) => r.item)
      .map((p, line) => ({ text: p.text, line, ...(p.bold ? { bold: true } : {}) }));
    const stream = readQuestionStream(paras);
    if (stream.questions.length === 0) continue;
    if (stream.form === 'themes' && !SCRUTINY.test([item.title, ...paras.map((p) => p.text)].join(' '))) continue;
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
