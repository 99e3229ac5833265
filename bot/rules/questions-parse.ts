// Scrutiny questions as people paste them, and as the minutes record them:
//
//   Q1. Could a breakdown of violence without injury be provided? - SR
//   Q1b. Is the CHI concept being considered? (SR)
//   Q2 (Drug offences): What is the current risk position? - Supt Okafor
//   Q3a/Q3b What is the charge rate, and how does it compare? - KP
//
// or, as minuted, each question followed by its answer, whose first words say who gave it:
//
//   Q3a. Is there an explanation for the low number of rural crime reports?
//   Q3b. Is further engagement planned with the farming community?
//   RG reported that the Rural Crime Team had been fully staffed since January ...
//
// A question starts at a paragraph beginning with its number; the paragraphs after it continue it
// (a question pasted from Word wraps) until its answer starts. The respondent is at the end of the
// question, after ' - ' or in brackets, or opens the answer ('SCL confirmed'). `Q3a/Q3b` on one
// line, or Q3a and Q3b asked one after the other and answered once, are ONE question. The older
// minutes' numbered themes (`1. Drug Offences - An assessment of ...`, answered by the force's
// written response, "Update provided by Ch.Supt Ben Smith") are questions Q1, Q2, ... with their
// theme. Pure: the directory lookup happens in the service.
import { stripRank } from './initials.ts';
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
  /** The parts of a question asked together ('Q3a', 'Q3b'), each with its own text. */
  parts?: Array<{ number: string; text: string }>;
  /** The answer pasted with it (minuted at the meeting), a line a paragraph. */
  answer?: string;
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
const NUMBER = /^\s*(Q\d{1,3}[a-z]?(?:\s*\/\s*Q?\d{1,3}[a-z]?)*)(?![\w])\s*([.:)\u2013\u2014-]?)\s*/i;
const THEME = /^\(([^()]{1,100})\)\s*[:.\u2013\u2014-]?\s*/;
const TRAILING_DASH = /\s+[-\u2013\u2014]\s+([^-\u2013\u2014]{1,60})$/;
const TRAILING_PAREN = /\s*\(([^()]{1,60})\)\s*\.?$/;
// '1. Violence without Injury - Intentions regarding ...': a numbered theme, then what is asked.
const NUMBERED_THEME = /^(\d{1,2})[.)]\s+([^.?!]{2,80}?)\s+[-\u2013\u2014:]\s+(.+)$/;
// What the one answering does in the minutes' words: 'SCL confirmed that', 'DJ reported', 'KP gave'.
const ANSWER_VERBS =
  'confirmed|reported|gave|said|stated|explained|advised|responded|replied|answered|outlined|provided|presented|informed|updated|assured|described|acknowledged|highlighted|indicated|commented|clarified|added|noted|agreed|accepted|summarised|summarized|emphasised|emphasized|set out|spoke|talked';
const OPENS_ANSWER = new RegExp(
  String.raw`^(.{2,60}?)\s+(?:also\s+|then\s+|further\s+|briefly\s+)?(?:${ANSWER_VERBS})\b`,
  'i',
);
// 'Update provided by Ch.Supt Ben Smith as Head of Local Policing': one person answers them all.
const PROVIDED_BY =
  /^(?:an?\s+|the\s+)?(?:written\s+)?(?:update|response|answer|reply)s?\s+(?:was\s+|were\s+)?(?:provided|given|presented|received)\s+(?:by|from)\s+(.+?)(?:\s+(?:as|on behalf of)\s+.*|,.*)?\.?$/i;
// 'TE reported that ... asked the following scrutiny questions'; 'Questions put by TE'.
const PUT_BY =
  /^(.{2,60}?)\s+(?:reported|said|noted|stated|explained|advised)\b.*\b(?:asked|put|raised|posed)\b.*\bquestions?\b/i;
const PUT_BY_AFTER = /\bquestions?\s+(?:were\s+)?(?:asked|put|raised|posed)\s+by\s+(.+?)[.:]?$/i;

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

/** A person as the minutes name them with a rank ('Ch.Supt Ben Smith'): the name alone when it is a full name. */
function withoutRank(label: string): string {
  const spaced = normaliseText(label.replace(/(?<=\b[A-Za-z]{1,5})[./](?=[A-Z])/g, ' '));
  const words = spaced.split(' ');
  // 'C Supt Ben Smith': a letter before the rank ('C' for Chief) is part of it.
  for (const from of [0, 1]) {
    const { rank, rest } = stripRank(words.slice(from).join(' '));
    if (rank !== undefined && rest.split(' ').length >= 2 && (from === 0 || /^[A-Z][a-z]?$/.test(words[0] ?? '')))
      return rest;
  }
  return normaliseText(label);
}

/** Who gave an answer, from its first words ('SCL confirmed that ...', 'Update provided by ...'); null when they say no one. */
export function answerRespondent(paragraph: string): string | null {
  const text = normaliseText(paragraph);
  const provided = PROVIDED_BY.exec(text)?.[1];
  if (provided && looksLikeOwners(withoutRank(provided))) return withoutRank(provided);
  const who = OPENS_ANSWER.exec(text)?.[1];
  return who && looksLikeOwners(who) ? who : null;
}

/** Who put the questions, from the words before them ('TE reported that ... asked the following scrutiny questions'). */
export function questionsPutBy(paragraph: string): string | null {
  const text = normaliseText(paragraph);
  // A sentence that introduces questions is short; a long answer is not searched twice over.
  if (text.length > 600) return null;
  const who = PUT_BY.exec(text)?.[1] ?? PUT_BY_AFTER.exec(text)?.[1];
  return who && looksLikeOwners(who) ? who : null;
}

/** The number (and a theme in brackets) opening a question, and the words after them. */
function questionHead(text: string): { number: string; theme?: string; rest: string; marked: boolean } | null {
  const m = NUMBER.exec(text);
  if (!m?.[1]) return null;
  let rest = text.slice(m[0].length);
  const t = THEME.exec(rest);
  // Brackets straight after the number are the theme; the respondent's are at the end.
  const theme = t?.[1]?.trim();
  if (t) rest = rest.slice(t[0].length);
  return { number: normaliseNumber(m[1]), ...(theme ? { theme } : {}), rest, marked: m[2] !== '' || t !== null };
}

/** One question from its (joined) text: number, theme, text and respondent. */
export function parseQuestion(source: string, line: number): QuestionLine {
  const clean = normaliseText(source);
  const head = questionHead(clean);
  if (!head)
    return {
      kind: 'error',
      line,
      reason: 'not a question: expected it to start with its number (Q1, Q1b, ...)',
      source: clean,
    };
  const split = splitRespondent(head.rest);
  if (!split) {
    return {
      kind: 'error',
      line,
      number: head.number,
      source: clean,
      reason: `${head.number} has no respondent: end it with "- XX" or "(XX)", the initials of who answers`,
    };
  }
  return {
    kind: 'question',
    line,
    number: head.number,
    ...(head.theme ? { theme: head.theme } : {}),
    text: split.text,
    respondentLabel: split.respondentLabel,
  };
}

/** A paragraph of what was pasted or minuted; `bold` when the document says (the minutes set questions in bold). */
export interface QuestionSource {
  text: string;
  line: number;
  bold?: boolean;
  /** The list label the document draws before it ('•', 'ii.'): an answer keeps it. */
  label?: string;
}

/** A question as read from a run of paragraphs; its respondent absent when neither it nor its answer names one. */
export interface ReadQuestion {
  line: number;
  number: string;
  theme?: string;
  text: string;
  parts?: Array<{ number: string; text: string }>;
  respondentLabel?: string;
  answer?: string;
}

export interface QuestionStream {
  questions: ReadQuestion[];
  /** How the questions were numbered: 'Q1.' paragraphs, or the older minutes' numbered themes. */
  form?: 'numbered' | 'themes';
  /** Who put the questions, when the paragraphs before them say ('TE'). */
  putBy?: string;
}

interface Draft {
  line: number;
  number: string;
  theme?: string;
  text: string;
  bold?: boolean;
  /** A numbered theme: one paragraph, the force's response after it. */
  themed?: boolean;
  answer: string[];
}

const endsSentence = (s: string): boolean => /[.?!]["')]?$/.test(s);
const startsLower = (s: string): boolean => /^[a-z]/.test(s);

/** Where the questions start: 'Q1.' paragraphs, or else numbered themes 1, 2, 3 ... */
function questionStarts(paras: readonly QuestionSource[]): Map<number, Omit<Draft, 'answer' | 'bold'>> {
  const starts = new Map<number, Omit<Draft, 'answer' | 'bold'>>();
  paras.forEach((p, i) => {
    const head = questionHead(p.text);
    // 'Q3 figures were noted' is not a question: a number must be marked, bold, or ask something.
    if (head && (head.marked || p.bold === true || p.text.includes('?')))
      starts.set(i, {
        line: p.line,
        number: head.number,
        ...(head.theme ? { theme: head.theme } : {}),
        text: head.rest,
      });
  });
  if (starts.size > 0) return starts;
  let expected = 1;
  paras.forEach((p, i) => {
    const m = NUMBERED_THEME.exec(p.text);
    const theme = m?.[2]?.trim();
    if (!m || Number(m[1]) !== expected || !theme || theme.split(' ').length > 8) return;
    const text = (m[3] ?? '').replace(/^\*+|\*+$/g, '').trim();
    starts.set(i, { line: p.line, number: `Q${expected}`, theme, text, themed: true });
    expected++;
  });
  return starts;
}

/** A paragraph after a question: more of the question, or the start of its answer. */
function continuesQuestion(q: Draft, p: QuestionSource): boolean {
  if (startsLower(p.text)) return true;
  if (q.themed || answerRespondent(p.text)) return false;
  // The minutes set a question in bold and its answer not.
  if (q.bold === true) return p.bold === true;
  const complete = endsSentence(q.text) || splitRespondent(q.text) !== null;
  return !complete || p.text.endsWith('?');
}

/** Q3a and Q3b asked one after the other, the first with no answer and no respondent of its own. */
function askedTogether(a: Draft, b: Draft): boolean {
  const base = (n: string): string | undefined => /^Q(\d+)[a-z]?$/.exec(n)?.[1];
  return (
    a.answer.length === 0 &&
    splitRespondent(a.text) === null &&
    base(a.number) !== undefined &&
    base(a.number) === base(b.number.split('/')[0] ?? '')
  );
}

function merge(drafts: Draft[]): Array<Draft & { parts?: Array<{ number: string; text: string }> }> {
  const out: Array<Draft & { parts?: Array<{ number: string; text: string }> }> = [];
  for (const d of drafts) {
    const last = out.at(-1);
    if (last && askedTogether(last, d)) {
      const parts = [...(last.parts ?? [{ number: last.number, text: last.text }]), { number: d.number, text: d.text }];
      out[out.length - 1] = {
        ...d,
        line: last.line,
        number: parts.map((p) => p.number).join('/'),
        text: parts.map((p) => p.text).join(' '),
        ...(last.theme ? { theme: last.theme } : {}),
        parts,
      };
    } else out.push(d);
  }
  return out;
}

/**
 * The questions in a run of paragraphs, each with the answer that follows it. Paragraphs before
 * the first question open no answer; they may say who put the questions, or who answers them all.
 */
export function readQuestionStream(paras: readonly QuestionSource[]): QuestionStream {
  const starts = questionStarts(paras);
  const drafts: Draft[] = [];
  let before: QuestionSource[] = [];
  paras.forEach((p, i) => {
    const start = starts.get(i);
    const q = drafts.at(-1);
    if (start) drafts.push({ ...start, ...(p.bold !== undefined ? { bold: p.bold } : {}), answer: [] });
    else if (!q) before = [...before, p];
    else if (q.answer.length === 0 && continuesQuestion(q, p)) q.text = `${q.text} ${p.text}`;
    else q.answer.push(p.label ? `${p.label} ${p.text}` : p.text);
  });
  const forAll = before.map((p) => answerRespondent(p.text)).find((r) => r !== null) ?? undefined;
  const putBy = before.map((p) => questionsPutBy(p.text)).find((r) => r !== null) ?? undefined;
  const questions = merge(drafts).map((d): ReadQuestion => {
    const fromAnswer = d.answer[0] !== undefined ? answerRespondent(d.answer[0]) : null;
    const suffix = splitRespondent(d.text);
    const useSuffix = suffix !== null && (fromAnswer === null || fromAnswer === suffix.respondentLabel);
    const respondentLabel = fromAnswer ?? suffix?.respondentLabel ?? forAll;
    const text = (useSuffix ? suffix.text : d.text).replace(/^\*+|\*+$/g, '').trim();
    return {
      line: d.line,
      number: d.number,
      ...(d.theme ? { theme: d.theme } : {}),
      text,
      ...(d.parts ? { parts: d.parts } : {}),
      ...(respondentLabel ? { respondentLabel } : {}),
      ...(d.answer.length > 0 ? { answer: d.answer.join('\n') } : {}),
    };
  });
  const form = drafts.length === 0 ? undefined : drafts[0]?.themed ? 'themes' : 'numbered';
  return { questions, ...(form ? { form } : {}), ...(putBy ? { putBy } : {}) };
}

/**
 * Every question in a pasted list, in order: the one-line form (`Q1. text - XX`), or questions
 * with their answers as minuted. Lines before the first question (a title) are not questions.
 */
export function parseQuestions(input: string): QuestionLine[] {
  // A row pasted from the minutes' table: the question or answer is its first cell, not the Action column.
  const paras = splitLines(input)
    .map((raw, i) => ({ text: normaliseText(raw.split('\t').find((c) => c.trim() !== '') ?? ''), line: i + 1 }))
    .filter((p) => p.text !== '');
  const { questions } = readQuestionStream(paras);
  if (questions.length === 0) {
    const first = paras[0];
    return first ? [parseQuestion(paras.map((p) => p.text).join(' '), first.line)] : [];
  }
  return questions.map((q): QuestionLine => {
    if (!q.respondentLabel) {
      const source = `${q.number} ${q.text}`;
      const reason = q.answer
        ? `${q.number} has no respondent: its answer does not open with who gave it ("SCL confirmed ..."), and the question does not end with "- XX" or "(XX)"`
        : `${q.number} has no respondent: end it with "- XX" or "(XX)", the initials of who answers`;
      return { kind: 'error', line: q.line, number: q.number, source, reason };
    }
    return {
      kind: 'question',
      line: q.line,
      number: q.number,
      ...(q.theme ? { theme: q.theme } : {}),
      text: q.text,
      respondentLabel: q.respondentLabel,
      ...(q.parts ? { parts: q.parts } : {}),
      ...(q.answer ? { answer: q.answer } : {}),
    };
  });
}
