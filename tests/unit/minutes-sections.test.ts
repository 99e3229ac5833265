// Each section of the minutes on the variations real minutes bring: headings renamed or missing,
// sections reordered, extra columns, 'ltem', '26 th', lines broken mid-sentence, a question with no
// answer, initials nobody knows. Built as small documents, Word-like (tables) or copied text (tabs).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block, MinutesDocument, Paragraph } from '../../bot/minutes/document.ts';
import { readMinutes } from '../../bot/minutes/read.ts';

const para = (text: string, style: Omit<Paragraph, 'text'> = {}): Block => ({
  kind: 'paragraph',
  paragraph: { text, ...style },
});

/** A Word table: a row per array, a cell per string, its paragraphs split at '\n'; '**' opens a bold one. */
const table = (...rows: string[][]): Block => ({
  kind: 'table',
  rows: rows.map((cells) => ({
    cells: cells.map((c) => ({
      paragraphs: c.split('\n').map((t) => (t.startsWith('**') ? { text: t.slice(2), bold: true } : { text: t })),
    })),
  })),
});

const word = (...blocks: Block[]): MinutesDocument => ({ source: 'docx', blocks });

/** Text copied out of Word: a paragraph a line, the cells of a table row separated by tabs. */
const copied = (...lines: string[]): MinutesDocument => ({
  source: 'text',
  blocks: lines.map((text) => ({ kind: 'paragraph', paragraph: { text } })),
});

const ITEMS_HEADER = ['Number', 'Item', 'Action'];

describe('the meeting header', () => {
  it('reads labels on lines, renamed, with split ordinals, a capacity in brackets and times in am/pm', () => {
    const record = readMinutes(
      copied(
        'Date: Tuesday 26 th March 2024',
        'Time: 10am to 12.30pm',
        'Venue: Committee Room 2',
        'Chaired by: Morgan Hale (PCC)',
        'Minutes taken by: Priya Nair, OPCC',
      ),
    );
    expect(record.meeting).toEqual({
      date: '2024-03-26',
      start: '10:00',
      end: '12:30',
      location: 'Committee Room 2',
      chair: 'Morgan Hale',
      minuteTaker: 'Priya Nair',
    });
  });

  it("takes the meeting's date from its item numbers when there is no header, and never the approval's date", () => {
    const record = readMinutes(
      word(
        table(ITEMS_HEADER, ['01.14/03/2023', '**Minutes', '']),
        table(['Formal Approval of Meeting Record'], ['Signature:', ''], ['Date:', '25 April 2023']),
      ),
    );
    expect(record.meeting).toEqual({ date: '2023-03-14' });
  });

  it('takes the date given when the minutes say none', () => {
    expect(readMinutes(word(para('Minutes')), { meeting: '2023-03-14' }).meeting).toEqual({ date: '2023-03-14' });
  });

  it('rolls the next meeting into the next year when its month comes earlier', () => {
    const record = readMinutes(
      copied('Date:\tTuesday 12 th December 2023', 'Next Meeting: Tuesday 9 th January 10:00 hrs'),
    );
    expect(record.nextMeeting).toEqual({ date: '2024-01-09', time: '10:00' });
  });

  it('says when the next meeting has no date it can read', () => {
    const record = readMinutes(copied('Date:\t12/12/2023', 'Next meeting: to be confirmed'));
    expect(record.nextMeeting).toBeUndefined();
    expect(record.unplaced).toEqual([
      { section: 'next-meeting', text: 'Next meeting: to be confirmed', why: expect.stringContaining('no date') },
    ]);
  });
});

describe('attendees and apologies', () => {
  it('reads them reordered, under renamed headings, with a merged header cell and a Cyrillic x', () => {
    const record = readMinutes(
      copied(
        'Apologies received',
        'Name\tCapacity\tRepresentative',
        'Owen Marsh\tDeputy Chief Constable\tNil',
        'Nadia Fox\tSupt. Rural Policing\tSupt Okafor',
        'Those present',
        'No\tName Capacity\t\tDial In',
        '1\tMorgan Hale\tPolice and Crime Commissioner\t',
        '2\tSam Carter-Lee\tHead of Analysis\t\u0445',
      ),
    );
    expect(record.attendees).toEqual([
      { name: 'Morgan Hale', capacity: 'Police and Crime Commissioner', dialIn: false },
      { name: 'Sam Carter-Lee', capacity: 'Head of Analysis', dialIn: true },
    ]);
    expect(record.apologies).toEqual([
      { name: 'Owen Marsh', capacity: 'Deputy Chief Constable' },
      { name: 'Nadia Fox', capacity: 'Supt. Rural Policing', representative: 'Supt Okafor' },
    ]);
  });

  it('knows the tables by their header rows when the headings are missing', () => {
    const record = readMinutes(
      word(
        table(['Name', 'Representative'], ['Richard Moore', 'Nil'], ['Alex Franklin-Smith', 'C.Supt Ben Smith']),
        table(['No', 'Name', 'Capacity', 'Dial In'], ['1', 'Ben Smith', 'Chief Superintendent', 'x']),
      ),
    );
    expect(record.apologies).toEqual([
      { name: 'Richard Moore' },
      { name: 'Alex Franklin-Smith', representative: 'C.Supt Ben Smith' },
    ]);
    expect(record.attendees).toEqual([{ name: 'Ben Smith', capacity: 'Chief Superintendent', dialIn: true }]);
  });
});

describe('the items for discussion', () => {
  it("titles: bold, a short paragraph, or the words before the minute's first sentence", () => {
    const record = readMinutes(
      word(
        para('Agenda'),
        table(
          ITEMS_HEADER,
          ['01.14/03/2023', 'Minutes The Minutes of the previous meeting dated 14 th February 2023 were agreed.', ''],
          ['02.14/03/2023', '**Performance Scrutiny Report.\nThe report was noted.', ''],
          [
            '03.14/03/2023',
            'Quarterly Performance Report SCL gave a brief outline of the report, which was noted.',
            '',
          ],
          ['04.14/03/2023', 'Police and Crime Panel \u2013 30 th March 2023', ''],
        ),
      ),
    );
    expect(record.items.map((i) => i.title)).toEqual([
      'Minutes',
      'Performance Scrutiny Report',
      'Quarterly Performance Report',
      'Police and Crime Panel \u2013 30th March 2023',
    ]);
    expect(record.meeting.previousMeeting).toBe('2023-02-14');
  });

  it('reads an exemption however it is worded, and no sentence that merely says "exempt"', () => {
    const record = readMinutes(
      word(
        table(
          ITEMS_HEADER,
          ['05.14/03/2023', '**Serious and Organised Crime', ''],
          ['', 'This item is exempt under s.31 FOIA \u2013 law enforcement', ''],
          ['06.14/03/2023', '**Fees', ''],
          [
            '',
            'It was noted that the charity was exempt from the fees charged to other bodies in the county, as agreed last year by the panel.',
            '',
          ],
        ),
      ),
    );
    expect(record.items).toEqual([
      {
        number: '05.14/03/2023',
        title: 'Serious and Organised Crime',
        exempt: {
          text: 'This item is exempt under s.31 FOIA \u2013 law enforcement',
          section: '31',
          reason: 'law enforcement',
        },
      },
      {
        number: '06.14/03/2023',
        title: 'Fees',
        // A sentence that says "exempt" is what the item discussed, not an exemption.
        discussion: {
          paragraphs: [
            {
              text: 'It was noted that the charity was exempt from the fees charged to other bodies in the county, as agreed last year by the panel.',
            },
          ],
        },
      },
    ]);
  });

  it('follows the item numbers when the header gives another date, and says so', () => {
    const record = readMinutes(
      word(table(['Date:', '15/03/2023']), table(ITEMS_HEADER, ['01.14/03/2023', '**Minutes', ''])),
    );
    expect(record.meeting.date).toBe('2023-03-15');
    expect(record.items).toEqual([{ number: '01.14/03/2023', title: 'Minutes' }]);
    expect(record.unplaced).toEqual([
      {
        section: 'items',
        text: 'items numbered NN.14/03/2023',
        why: "the items are numbered for 14/03/2023, but the meeting's date is 15/03/2023",
      },
    ]);
  });

  it('reports a row before the first item number', () => {
    const record = readMinutes(
      word(table(ITEMS_HEADER, ['', 'Welcome and introductions', ''], ['01.14/03/2023', '**Minutes', ''])),
    );
    expect(record.unplaced).toEqual([
      { section: 'items', text: 'Welcome and introductions', why: expect.stringContaining('before the first item') },
    ]);
  });
});

describe('the review of the previous meeting’s actions', () => {
  it('reads numbered rows without references (list labels), decisions, and a topic that is no owner', () => {
    const record = readMinutes(
      word(
        table(
          ITEMS_HEADER,
          [
            '01.14/03/2023',
            '**Minutes\nThe minutes of the previous meeting dated 14/02/2023 were agreed.\nActions',
            '',
          ],
          ['01.14/02/2023', 'Deep Dive Schedule \u2013 to be reviewed at every meeting', 'Standing item'],
          ['02.14/02/2023', 'AW to visit the control room. Visit arranged for April', 'Deferred - to May'],
        ),
      ),
    );
    expect(record.reviewed).toEqual([
      {
        ref: '01.14/02/2023',
        meeting: '2023-02-14',
        ownersAsWritten: '',
        owners: [],
        text: 'Deep Dive Schedule \u2013 to be reviewed at every meeting',
        status: 'standing',
      },
      {
        ref: '02.14/02/2023',
        meeting: '2023-02-14',
        ownersAsWritten: 'AW',
        owners: ['AW'],
        ownerForm: 'subject',
        text: 'visit the control room',
        outcome: 'Visit arranged for April; to May',
        status: 'carried_forward',
      },
    ]);
  });

  it('reads rows numbered by Word list labels after "Actions outside of meeting"', () => {
    const doc = word(table(ITEMS_HEADER, ['01.14/03/2023', '**Minutes', ''], ['', '**Actions outside of meeting', '']));
    const row = doc.blocks[0];
    if (row?.kind !== 'table') throw new Error('a table');
    row.rows.push({
      cells: [
        { paragraphs: [] },
        {
          paragraphs: [
            { text: 'KP to provide a breakdown. Provided on 1 st March', listLabel: 'I.' },
            { text: 'JD to brief the panel', listLabel: 'II.' },
          ],
        },
        { paragraphs: [{ text: 'Discharged' }, { text: 'Carried forward' }] },
      ],
    });
    const record = readMinutes(doc, { meeting: '2023-03-14' });
    expect(record.reviewed.map((r) => [r.owners, r.text, r.outcome, r.status])).toEqual([
      [['KP'], 'provide a breakdown', 'Provided on 1st March', 'discharged'],
      [['JD'], 'brief the panel', undefined, 'carried_forward'],
    ]);
  });

  it('reads numerals glued to the text of a copy, one action broken over two rows, and its statuses in order', () => {
    const record = readMinutes(
      copied(
        'Number\tItem\tAction',
        '01.14/03/2023\tMinutes\t',
        '\tActions outside of meetingI.KP to provide a breakdown of reports. Breakdown provided on 1 st March 2023II.Supt Okafor / OPCC lead (AW) to arrange a meeting with the\tDischarged',
        '\tVictim Services Manager on call-back times. Met on 8 th March 2023\tDischarged',
        '\tTerms of Reference The revised terms were agreed.\t',
      ),
      { meeting: '2023-03-14' },
    );
    expect(record.reviewed).toEqual([
      {
        ownersAsWritten: 'KP',
        owners: ['KP'],
        ownerForm: 'subject',
        text: 'provide a breakdown of reports',
        outcome: 'Breakdown provided on 1st March 2023',
        status: 'discharged',
      },
      {
        ownersAsWritten: 'Supt Okafor / OPCC lead (AW)',
        owners: ['Supt Okafor', 'OPCC lead (AW)'],
        ownerForm: 'subject',
        text: 'arrange a meeting with the Victim Services Manager on call-back times',
        outcome: 'Met on 8th March 2023',
        status: 'discharged',
      },
    ]);
  });

  it('reads a reference alone in its paragraph, the task and a note in the paragraphs under it', () => {
    const record = readMinutes(
      word(
        table(
          ITEMS_HEADER,
          ['01.14/03/2023', '**Minutes\nActions', ''],
          ['', '03.14/02/2023\nKP to confirm the staffing\nConfirmed by email on 2 nd March', 'Discharged'],
        ),
      ),
    );
    expect(record.reviewed).toEqual([
      {
        ref: '03.14/02/2023',
        meeting: '2023-02-14',
        ownersAsWritten: 'KP',
        owners: ['KP'],
        ownerForm: 'subject',
        text: 'confirm the staffing',
        outcome: 'Confirmed by email on 2nd March',
        status: 'discharged',
      },
    ]);
  });

  it('reports a decision it cannot read', () => {
    const record = readMinutes(
      word(
        table(
          ITEMS_HEADER,
          ['01.14/03/2023', '**Minutes\nActions', ''],
          ['', '02.14/02/2023 JD to circulate the terms', 'See the note'],
        ),
      ),
    );
    expect(record.reviewed).toMatchObject([{ ref: '02.14/02/2023', owners: ['JD'] }]);
    expect(record.reviewed[0]?.status).toBeUndefined();
    expect(record.unplaced).toEqual([
      { section: 'review', text: 'See the note', why: expect.stringContaining('not a decision') },
    ]);
  });
});

describe('the scrutiny questions', () => {
  it('a question with no answer, initials nobody knows, and a question broken mid-sentence', () => {
    const record = readMinutes(
      copied(
        'Number\tItem\tAction',
        '04.14/03/2023\tPerformance Scrutiny\t',
        'Q1. Is the rise in shoplifting\t',
        'genuine, or a change in recording?\t',
        'ZQ reported that the rise was genuine.\t',
        'Q2. What is the charge rate?\t',
        'Q3. How many officers are trained?\t',
        'KP confirmed that 120 officers were trained.\t',
      ),
    );
    expect(record.questionsItem).toBe('04.14/03/2023');
    expect(record.questions).toEqual([
      {
        item: '04.14/03/2023',
        number: 'Q1',
        text: 'Is the rise in shoplifting genuine, or a change in recording?',
        respondent: 'ZQ',
        answer: 'ZQ reported that the rise was genuine.',
      },
      { item: '04.14/03/2023', number: 'Q2', text: 'What is the charge rate?' },
      {
        item: '04.14/03/2023',
        number: 'Q3',
        text: 'How many officers are trained?',
        respondent: 'KP',
        answer: 'KP confirmed that 120 officers were trained.',
      },
    ]);
  });

  it('reads no questions out of an item that only mentions a quarter', () => {
    const record = readMinutes(
      word(table(ITEMS_HEADER, ['02.14/03/2023', '**Finance', ''], ['', 'Q3 figures were noted', ''])),
    );
    expect(record.questions).toEqual([]);
  });
});

describe('the Actions Arising table and the Action column', () => {
  it("reads a renamed heading, 'ltem', extra columns; matches the Action column's actions to it and reports the one it lacks", () => {
    const record = readMinutes(
      word(
        table(
          ITEMS_HEADER,
          ['04.14/03/2023', '**Performance Scrutiny', ''],
          ['', 'Q1. Could outcome rates be broken down?', 'SCL: - i. Consider including outcome rates'],
          ['', 'SCL confirmed that they could.', 'by crime type in the quarterly\nreport'],
          ['', 'The PCC thanked SCL.', 'DP: - Circulate the briefing note'],
        ),
        para('New actions agreed'),
        table(
          ['ltem', 'Action', 'Owner', 'Due date', 'Date raised'],
          [
            '04 14/03/2023.i',
            'Consider including outcome rates by crime type in the quarterly report',
            'SCL',
            '11/04/2023',
            '14/03/2023',
          ],
          ['N/A', 'The Force to provide a written response by 28/03/2023', '', '', ''],
        ),
      ),
    );
    expect(record.actionsArising).toEqual([
      {
        ref: '04 14/03/2023.i',
        ownersAsWritten: 'SCL',
        owners: ['SCL'],
        ownerForm: 'prefix',
        text: 'Consider including outcome rates by crime type in the quarterly report',
        due: '2023-04-11',
      },
      {
        ref: 'N/A',
        ownersAsWritten: 'The Force',
        owners: ['The Force'],
        ownerForm: 'subject',
        text: 'provide a written response by 28/03/2023',
        due: '2023-03-28',
      },
    ]);
    expect(record.itemColumnActions).toEqual([
      {
        item: '04.14/03/2023',
        numeral: 'i',
        ownersAsWritten: 'SCL',
        owners: ['SCL'],
        text: 'Consider including outcome rates by crime type in the quarterly report',
        sameAs: '04 14/03/2023.i',
      },
      { item: '04.14/03/2023', ownersAsWritten: 'DP', owners: ['DP'], text: 'Circulate the briefing note' },
    ]);
    expect(record.unplaced).toEqual([
      {
        section: 'actions',
        text: expect.stringContaining('04 14/03/2023.i'),
        why: 'the column "Date raised" is not imported: "14/03/2023"',
      },
      {
        section: 'actions',
        text: 'DP: Circulate the briefing note',
        why: 'written in the Action column of item 04.14/03/2023 but not in the Actions Arising table',
      },
    ]);
  });

  it('knows the table by its rows when it has no heading and no header, even before the items', () => {
    const record = readMinutes(
      word(
        table(
          ['01.14/03/2023', 'JD - Circulate the revised terms of reference'],
          ['N/A', 'KP to confirm the staffing'],
        ),
        table(ITEMS_HEADER, ['01.14/03/2023', '**Minutes', '']),
      ),
    );
    expect(record.actionsArising.map((a) => [a.ref, a.owners])).toEqual([
      ['01.14/03/2023', ['JD']],
      ['N/A', ['KP']],
    ]);
    expect(record.items).toEqual([{ number: '01.14/03/2023', title: 'Minutes' }]);
  });

  it('leaves an items table with no heading or header to the items, though a title reads like a name', () => {
    const record = readMinutes(
      word(
        table(
          ['01.14/03/2023', "Victims' Code Compliance \u2013 Force Control Room", ''],
          ['', 'AW presented the findings.', ''],
          ['02.14/03/2023', 'Any Other Business', ''],
        ),
      ),
    );
    expect(record.items.map((i) => i.title)).toEqual([
      "Victims' Code Compliance \u2013 Force Control Room",
      'Any Other Business',
    ]);
    expect(record.actionsArising).toEqual([]);
  });

  it('reads the section written as paragraphs under its heading, up to the next heading', () => {
    const record = readMinutes(
      word(
        para('Apologies', { bold: true }),
        para('Nil'),
        para('Actions Arising', { bold: true }),
        para('01.14/03/2023 JD - Circulate the revised terms of reference'),
        para('N/A KP to confirm the staffing of the Harm Hub'),
        para('Next Meeting: Tuesday 11 th April 2023 10:00 hrs'),
      ),
    );
    expect(record.apologies).toEqual([]);
    expect(record.actionsArising.map((a) => [a.ref, a.owners, a.text])).toEqual([
      ['01.14/03/2023', ['JD'], 'Circulate the revised terms of reference'],
      ['N/A', ['KP'], 'confirm the staffing of the Harm Hub'],
    ]);
    expect(record.nextMeeting).toEqual({ date: '2023-04-11', time: '10:00' });
    expect(record.unplaced).toEqual([]);
  });

  it('reports a row it cannot read', () => {
    const record = readMinutes(
      word(para('Actions Arising'), table(['Item', 'Action'], ['01.14/03/2023', 'Consider adding X'])),
    );
    expect(record.actionsArising).toEqual([]);
    expect(record.unplaced).toEqual([
      { section: 'actions', text: '01.14/03/2023 | Consider adding X', why: expect.stringContaining('no owner') },
    ]);
  });
});

describe('the deep-dive schedule', () => {
  it('none without a schedule table', () => {
    expect(readMinutes(word(para('Minutes'))).deepDives).toEqual([]);
  });

  it('a schedule that writes no year is placed around the meeting, not today', () => {
    const record = readMinutes(
      word(
        table(['Date:', '14/03/2023']),
        para('Forward plan of deep dives'),
        table(
          ['Month', 'Focus', 'Topic'],
          ['Dec', 'E&E', 'Nil'],
          ['Jan', 'P&P Q3', 'Fraud'],
          ['Apr', 'P&P Q4', 'Retail Crime'],
        ),
      ),
    );
    expect(record.deepDives).toEqual([
      { month: '2022-12', focus: 'E&E' },
      { month: '2023-01', focus: 'P&P', quarter: 'Q3', topic: 'Fraud' },
      { month: '2023-04', focus: 'P&P', quarter: 'Q4', topic: 'Retail Crime' },
    ]);
  });

  it('in a copy, ends at the blank line before the closing rows, which it does not read as months', () => {
    const record = readMinutes(
      copied(
        'Date:\t14/03/2023\t',
        'Schedule of Deep Dive Subjects',
        'PAM Month\tDeep Dive Topic',
        'Mar\t999 Call Handling',
        '',
        'Apr\tRural Crime',
        '',
        'Next Meeting: Tuesday 11 th April 10:00 hrs\t\t',
        'Formal Approval of Meeting Record\t\t',
        'Print Name:\tMorgan Hale PCC Northshire\t',
      ),
    );
    expect(record.deepDives).toEqual([
      { month: '2023-03', topic: '999 Call Handling' },
      { month: '2023-04', topic: 'Rural Crime' },
    ]);
    expect(record.nextMeeting).toEqual({ date: '2023-04-11', time: '10:00' });
    expect(record.unplaced).toEqual([]);
  });

  it('says so when neither the schedule nor the minutes give a year', () => {
    const record = readMinutes(
      word(para('Schedule of Deep Dive Subjects'), table(['Month', 'Topic'], ['Jan', 'Fraud'])),
    );
    expect(record.deepDives).toEqual([]);
    expect(record.unplaced).toEqual([
      { section: 'deep-dives', text: 'Jan | Fraud', why: expect.stringContaining('no year') },
    ]);
  });
});

describe('what no section reads', () => {
  it('a table that is none of the sections is shown, not dropped', () => {
    const record = readMinutes(word(table(['Budget line', 'Amount'], ['Overtime', '£12,000'])));
    expect(record.unplaced).toEqual([
      { section: 'meeting', text: 'Budget line Amount', why: expect.stringContaining('no section') },
      { section: 'meeting', text: 'Overtime £12,000', why: expect.stringContaining('no section') },
    ]);
  });
});

describe('any document', () => {
  // Words the readers look for, mixed with anything, in paragraphs and tables of any shape.
  const words = fc.constantFrom(
    'Date:',
    'Tuesday 14 th March 2023',
    'Attendees',
    'Apologies',
    'Name',
    'Capacity',
    'Representative',
    'Nil',
    'Number',
    'Item',
    'ltem',
    'Action',
    '01.14/03/2023',
    '02.14/02/2023',
    'N/A',
    'Actions',
    'Actions outside of meetingI.KP to do it. Done2023II.Supt Okafor to go',
    'Q1.',
    'Q3a.',
    'Q3b.',
    'SCL confirmed',
    '1. Theme - text',
    'Update provided by Ch.Supt Ben Smith',
    'Exempt FOIA s.31 (Law Enforcement)',
    'Discharged',
    'Updated to: - March - X. April - Y.',
    'PAM Month',
    'Jan 2023',
    'Q3',
    'R&R',
    'Next Meeting: Tuesday 11 th April 10:00 hrs',
    'Signature:',
  );
  const text = fc.oneof(
    words,
    fc.string({ maxLength: 40 }),
    fc.array(words, { maxLength: 4 }).map((w) => w.join(' ')),
  );
  const paragraph = fc.record(
    { text, bold: fc.boolean(), listLabel: fc.constantFrom('I.', 'ii.', '•', '1.') },
    { requiredKeys: ['text'] },
  );
  const block: fc.Arbitrary<Block> = fc.oneof(
    paragraph.map((p): Block => ({ kind: 'paragraph', paragraph: p })),
    fc
      .array(fc.array(fc.array(paragraph, { maxLength: 3 }), { maxLength: 5 }), { maxLength: 6 })
      .map((rows): Block => ({
        kind: 'table',
        rows: rows.map((cells) => ({ cells: cells.map((paragraphs) => ({ paragraphs })) })),
      })),
  );

  it('is read without throwing, whatever it holds', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 12 }), fc.boolean(), (blocks, text) => {
        const record = readMinutes({ source: text ? 'text' : 'docx', blocks });
        expect(Array.isArray(record.unplaced)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
