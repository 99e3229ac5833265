import { describe, expect, it } from 'vitest';
import { parseAsk } from '../../bot/services/questions.ts';
import { parseQuestions } from '../../bot/rules/questions-parse.ts';
import { applyQuestionPatch, newQuestion, questionDigestItem, questionId } from '../../bot/rules/questions.ts';
import type { Actor } from '../../bot/rules/types.ts';

describe('a pasted list of scrutiny questions', () => {
  it('reads the hard cases: Q1b., Q3a/Q3b on one line, - SR vs (SR), a theme, a wrapped line', () => {
    const parsed = parseQuestions(
      [
        'Performance scrutiny questions',
        'Q1. Could a breakdown of violence without injury by district be provided? - SR',
        'Q1b. Is the CHI concept being considered for the force? (SR)',
        'Q2 (Drug offences): What is the current risk position - county lines in particular - and',
        '  the associated risk of violence? - Supt Okafor',
        'Q3a/Q3b What is the charge rate, and how does it compare with our peers? – KP',
        'q10) Is the year-on-year rise genuine? (the Force)',
      ].join('\r\n'),
    );
    expect(parsed).toEqual([
      {
        kind: 'question',
        line: 2,
        number: 'Q1',
        text: 'Could a breakdown of violence without injury by district be provided?',
        respondentLabel: 'SR',
      },
      {
        kind: 'question',
        line: 3,
        number: 'Q1b',
        text: 'Is the CHI concept being considered for the force?',
        respondentLabel: 'SR',
      },
      {
        kind: 'question',
        line: 4,
        number: 'Q2',
        theme: 'Drug offences',
        text: 'What is the current risk position - county lines in particular - and the associated risk of violence?',
        respondentLabel: 'Supt Okafor',
      },
      {
        kind: 'question',
        line: 6,
        number: 'Q3a/Q3b',
        text: 'What is the charge rate, and how does it compare with our peers?',
        respondentLabel: 'KP',
      },
      {
        kind: 'question',
        line: 7,
        number: 'Q10',
        text: 'Is the year-on-year rise genuine?',
        respondentLabel: 'the Force',
      },
    ]);
  });

  it('names the line of a question with no respondent, and keeps the others', () => {
    const parsed = parseQuestions(
      'Q1. Is this still sought? - AFS\nQ2. What happened to the rest of the data?\nQ3. And this? (KP)',
    );
    expect(parsed.map((p) => p.kind)).toEqual(['question', 'error', 'question']);
    expect(parsed[1]).toMatchObject({
      kind: 'error',
      line: 2,
      number: 'Q2',
      reason: expect.stringContaining('Q2 has no respondent'),
    });
  });

  it('a line that is no question at all is an error, not a guess', () => {
    const [only] = parseQuestions('Could you look at this - SR');
    expect(only).toMatchObject({ kind: 'error', line: 1, reason: expect.stringContaining('start with its number') });
  });

  it('ask: the respondent before the question, or after it', () => {
    expect(parseAsk('Q2 AFS - Is this information still sought?')).toEqual({
      kind: 'question',
      line: 1,
      number: 'Q2',
      text: 'Is this information still sought?',
      respondentLabel: 'AFS',
    });
    expect(parseAsk('Q4. Is it? - JD')).toMatchObject({
      kind: 'question',
      number: 'Q4',
      respondentLabel: 'JD',
      text: 'Is it?',
    });
    expect(parseAsk('Q5 just a question')).toMatchObject({ kind: 'error', number: 'Q5' });
    expect(parseAsk('what?')).toMatchObject({ kind: 'error', reason: expect.stringContaining('ask Q2 AFS') });
  });
});

describe('a question changing', () => {
  const scrutiny: Actor = { id: 'p-te', personId: 'p-te', name: 'Tom Ellis', role: 'scrutiny', channel: 'teams' };
  const respondent: Actor = { id: 'p-jd', personId: 'p-jd', name: 'Jane Doe', role: 'member', channel: 'teams' };
  const { next: q } = newQuestion(
    {
      id: questionId('2021-04-27', 'Q3a/Q3b'),
      number: 'Q3a/Q3b',
      meeting: '2021-04-27',
      text: 'Why?',
      respondent: { label: 'JD', personId: 'p-jd' },
      due: '2021-04-20',
    },
    scrutiny,
    '2021-04-01T09:00:00.000Z',
  );

  it('a draft is not a response; a submitted response keeps its line breaks and replaces the draft', () => {
    expect(q.id).toBe('2021-04-27.q3a-q3b');
    const draft = applyQuestionPatch(q, { draft: 'First paragraph.' }, respondent, '2021-04-02T09:00:00.000Z');
    expect(draft?.next).toMatchObject({ draft: 'First paragraph.', state: 'awaiting', version: 2 });
    expect(draft?.next.response).toBeUndefined();
    expect(draft?.history.changes).toEqual([{ field: 'draft' }]);
    const text = 'First paragraph.\n\nSecond paragraph.';
    const submitted = applyQuestionPatch(
      draft!.next,
      { response: text, state: 'partly_answered' },
      respondent,
      '2021-04-03T09:00:00.000Z',
    );
    expect(submitted?.next).toMatchObject({
      response: text,
      state: 'partly_answered',
      respondedBy: 'Jane Doe',
      version: 3,
    });
    expect(submitted?.next.draft).toBeUndefined();
    expect(
      applyQuestionPatch(
        submitted!.next,
        { response: text, state: 'partly_answered' },
        respondent,
        '2021-04-03T10:00:00.000Z',
      ),
    ).toBeNull();
  });

  it('refuses a response over 8,000 characters', () => {
    expect(() =>
      applyQuestionPatch(q, { response: 'x'.repeat(8_001) }, respondent, '2021-04-02T09:00:00.000Z'),
    ).toThrow(/8,000/);
  });

  it('in the digest: the respondent, the state and the whole response', () => {
    const people = new Map([
      ['p-jd', { id: 'p-jd', name: 'Jane Doe', initials: 'JD', aliases: [], role: 'member' as const }],
    ]);
    const answered = applyQuestionPatch(
      q,
      { response: 'A\nB'.repeat(2_000), state: 'answered' },
      respondent,
      '2021-04-03T09:00:00.000Z',
    )!.next;
    expect(questionDigestItem(answered, people, '2021-04-21')).toMatchObject({
      kind: 'question',
      ref: 'Q3a/Q3b',
      owners: ['Jane Doe (JD)'],
      statusLabel: 'Answered',
      overdue: false,
      noReply: false,
      latestUpdate: { text: 'A\nB'.repeat(2_000) },
    });
    expect(questionDigestItem(q, people, '2021-04-21')).toMatchObject({
      statusLabel: 'Awaiting response',
      overdue: true,
      noReply: true,
      proposal: 'overdue',
    });
  });
});
