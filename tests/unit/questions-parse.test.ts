import { describe, expect, it } from 'vitest';
import { parseAsk } from '../../bot/services/questions.ts';
import { answerRespondent, parseQuestions, readQuestionStream } from '../../bot/rules/questions-parse.ts';
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

describe('questions pasted with their answers, as minuted', () => {
  const minuted = [
    'TE reported that the OPCC were content overall but asked the following scrutiny questions:-',
    'Q1. Could outcome rates be broken down by crime type?\tSCL: - i. Consider including outcome rates',
    'SCL confirmed that outcome data was held at crime-type level.\tby crime type in the quarterly',
    'Q3a. Is there an explanation for the relatively low',
    '',
    'number of rural crime reports from the north?',
    'Q3b. Is further engagement planned with the farming community?',
    'RG reported that the Rural Crime Team had been fully staffed since January.',
    'A series of Farm Watch meetings would be held in April.',
    'Q4. Body-worn video was activated in 81% of searches. Is the Force confident?',
    'DJ reported that activation had risen from 74%.',
  ].join('\n');

  it('takes the respondent from the answer, joins Q3a and Q3b answered together, and leaves the Action column out', () => {
    expect(parseQuestions(minuted)).toEqual([
      {
        kind: 'question',
        line: 2,
        number: 'Q1',
        text: 'Could outcome rates be broken down by crime type?',
        respondentLabel: 'SCL',
        answer: 'SCL confirmed that outcome data was held at crime-type level.',
      },
      {
        kind: 'question',
        line: 4,
        number: 'Q3a/Q3b',
        text: 'Is there an explanation for the relatively low number of rural crime reports from the north? Is further engagement planned with the farming community?',
        respondentLabel: 'RG',
        parts: [
          {
            number: 'Q3a',
            text: 'Is there an explanation for the relatively low number of rural crime reports from the north?',
          },
          { number: 'Q3b', text: 'Is further engagement planned with the farming community?' },
        ],
        // A line a paragraph, as the minutes set them.
        answer:
          'RG reported that the Rural Crime Team had been fully staffed since January.\nA series of Farm Watch meetings would be held in April.',
      },
      {
        kind: 'question',
        line: 10,
        number: 'Q4',
        text: 'Body-worn video was activated in 81% of searches. Is the Force confident?',
        respondentLabel: 'DJ',
        answer: 'DJ reported that activation had risen from 74%.',
      },
    ]);
  });

  it('says who put the questions; the paragraphs before the first open no answer', () => {
    const stream = readQuestionStream(
      minuted
        .split('\n')
        .map((text, i) => ({ text: text.split('\t')[0] ?? '', line: i + 1 }))
        .filter((p) => p.text),
    );
    expect(stream.putBy).toBe('TE');
    expect(stream.form).toBe('numbered');
    expect(stream.questions.map((q) => q.number)).toEqual(['Q1', 'Q3a/Q3b', 'Q4']);
  });

  it('names a question whose answer says nobody, and one with no answer at all', () => {
    const parsed = parseQuestions(
      'Q1. Is it rising?\nIt was noted that the figures were rising.\nQ2. What next?\nQ3. And the trend?\nKP confirmed it.',
    );
    expect(parsed.map((p) => (p.kind === 'error' ? p.reason : p.respondentLabel))).toEqual([
      expect.stringContaining('its answer does not open with who gave it'),
      expect.stringContaining('Q2 has no respondent'),
      'KP',
    ]);
  });

  it('keeps each part apart when each names its own respondent', () => {
    expect(parseQuestions('Q3a. Why? - KP\nQ3b. And how? - JD').map((p) => p.kind === 'question' && p.number)).toEqual([
      'Q3a',
      'Q3b',
    ]);
  });

  it('reads a question set in bold as continued by bold paragraphs, answered by the first that is not', () => {
    const { questions } = readQuestionStream([
      { text: 'Q2. Neighbourhood officers spent 18% of their hours on response duties.', line: 1, bold: true },
      { text: 'What is being done to protect them?', line: 2, bold: true },
      { text: 'The minimum staffing level had been agreed.', line: 3 },
    ]);
    expect(questions).toEqual([
      {
        line: 1,
        number: 'Q2',
        text: 'Neighbourhood officers spent 18% of their hours on response duties. What is being done to protect them?',
        answer: 'The minimum staffing level had been agreed.',
      },
    ]);
  });

  it('reads the older minutes: numbered themes answered by the force, who is named before them', () => {
    const { questions, form } = readQuestionStream(
      [
        'Update provided by Ch.Supt Ben Smith as Head of Local Policing',
        'Force response to the performance scrutiny report dated 15th July 2020.',
        "1. Violence without Injury - Intentions regarding the findings of the report 'Short Term Trends'",
        'The report was commissioned to understand short term changes.',
        '2. Drug Offences - *An assessment of the current risk position.*',
        'The main threats emanate from County Lines.',
        'SR reported that the plan was signed off.',
      ].map((text, i) => ({ text, line: i + 1 })),
    );
    expect(form).toBe('themes');
    expect(questions).toEqual([
      {
        line: 3,
        number: 'Q1',
        theme: 'Violence without Injury',
        text: "Intentions regarding the findings of the report 'Short Term Trends'",
        respondentLabel: 'Ben Smith',
        answer: 'The report was commissioned to understand short term changes.',
      },
      {
        line: 5,
        number: 'Q2',
        theme: 'Drug Offences',
        text: 'An assessment of the current risk position.',
        respondentLabel: 'Ben Smith',
        answer: 'The main threats emanate from County Lines.\nSR reported that the plan was signed off.',
      },
    ]);
  });

  it('reads who answers from the words that open an answer, and nothing else', () => {
    expect(answerRespondent('Supt Okafor confirmed that the visit was arranged')).toBe('Supt Okafor');
    expect(answerRespondent('The Force reported a rise')).toBe('The Force');
    expect(answerRespondent('Response provided by C.Supt Ben Smith, Head of Local Policing')).toBe('Ben Smith');
    expect(answerRespondent('It was noted that the figures had risen')).toBeNull();
    expect(answerRespondent('The PCC welcomed the briefing')).toBeNull();
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
