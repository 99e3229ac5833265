// A pasted list of scrutiny questions, as the performance scrutiny report writes them:
//
//   Q1. Could a breakdown of violence without injury be provided? - SR
//   Q1b. Is the CHI concept being considered? (SR)
//   Q2 (Drug offences): What is the current risk position? - Supt Okafor
//   Q3a/Q3b What is the charge rate, and how does it compare? - KP
//
// A question starts at a line beginning with its number; a line that does not continues the
// question above it (a question pasted from Word often wraps over several). The respondent is
// at the end, after ' - ' or in brackets; a question without one is an error naming its line.
// `Q3a/Q3b` on one line is ONE question answered once (the report asks them together), numbered
// as written. Pure: the directory lookup happens in the service.
import { looksLikeOwners } from './owners.ts';
import { normaliseText, splitLines } from './text.ts';

export interface ParsedQuestion {
  kind: 'question';
  /** 1-based line where the question starts. */
  line: number;
  /** Normalised: 'Q1', 'Q1b', 'Q3a/Q3b'. */
  number: string;
  theme?: string;
  text: string;
  respondentLabel: string;
}

export interface QuestionParseError {
  kind: 'error';
  line: number;
  number?: string;
  reason: string;
  source: string;
}

export type QuestionLine = ParsedQuestion | QuestionParseError;

// 'Q1', 'Q1b', 'Q3a/Q3b', 'Q3a / 3b' at the start of a line, then '.', ':', ')' or '-' optionally.
const NUMBER = /^\s*(Q\d{1,3}[a-z]?(?:\s*\/\s*Q?\d{1,3}[a-z]?)*)(?![\w])\s*[.:)\u2013\u2014-]?\s*/i;
const THEME = /^\(([^()]{1,100})\)\s*[:.\u2013\u2014-]?\s*/;
const TRAILING_DASH = /\s+[-\u2013\u2014]\s+([^-\u2013\u2014]{1,60})$/;
const TRAILING_PAREN = /\s*\(([^()]{1,60})\)\s*\.?$/;

/** 'q3a / 3b' -> 'Q3a/Q3b'. */
export function normaliseNumber(raw: string): string {
  return raw
    .split('/')
    .map((p) => p.trim().replace(/^q/i, ''))
    .map((p) => `Q${p.replace(/[A-Z]$/, (c) => c.toLowerCase())}`)
    .join('/');
}

/** The respondent at the end of a question, and the question without it. */
export function splitRespondent(body: string): { text: string; respondentLabel: string } | null {
  for (const rule of [TRAILING_DASH, TRAILING_PAREN]) {
    const m = rule.exec(body);
    const label = m?.[1]?.trim();
    if (m && label && looksLikeOwners(label)) {
      const text = body.slice(0, m.index).trim();
      if (text !== '') return { text, respondentLabel: label };
    }
  }
  return null;
}

/** One question from its (joined) text: number, theme, text and respondent. */
export function parseQuestion(source: string, line: number): QuestionLine {
  const clean = normaliseText(source);
  const m = NUMBER.exec(clean);
  if (!m?.[1])
    return {
      kind: 'error',
      line,
      reason: 'not a question: expected it to start with its number (Q1, Q1b, ...)',
      source: clean,
    };
  const number = normaliseNumber(m[1]);
  let rest = clean.slice(m[0].length);
  let theme: string | undefined;
  const t = THEME.exec(rest);
  // Brackets straight after the number are the theme; the respondent's are at the end.
  if (t?.[1]) {
    theme = t[1].trim();
    rest = rest.slice(t[0].length);
  }
  const split = splitRespondent(rest);
  if (!split) {
    return {
      kind: 'error',
      line,
      number,
      source: clean,
      reason: `${number} has no respondent: end it with "- XX" or "(XX)", the initials of who answers`,
    };
  }
  return {
    kind: 'question',
    line,
    number,
    ...(theme ? { theme } : {}),
    text: split.text,
    respondentLabel: split.respondentLabel,
  };
}

/** Every question in a pasted list, in order; blank lines and a heading line before the first are skipped. */
export function parseQuestions(input: string): QuestionLine[] {
  const blocks: Array<{ line: number; text: string }> = [];
  splitLines(input).forEach((raw, i) => {
    const text = normaliseText(raw);
    if (text === '') return;
    const last = blocks.at(-1);
    if (NUMBER.test(text) || !last) blocks.push({ line: i + 1, text });
    else last.text = `${last.text}\n${text}`;
  });
  return (
    blocks
      // A title line ('Performance scrutiny questions') before the first question is not one.
      .filter((b, n) => !(n === 0 && !NUMBER.test(b.text) && blocks.length > 1))
      .map((b) => parseQuestion(b.text.replace(/\n/g, ' '), b.line))
  );
}
