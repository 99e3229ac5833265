// The open minutes: every item, an exempt one reduced to its number, heading and exemption; the
// attendees, apologies, the review under item 01, the questions under the scrutiny item, the Actions
// Arising, and the approval block (the chair's, and from 2021 the Chief Constable's too).
import { describe, expect, it } from 'vitest';
import { openMinutesDocx, openMinutesTitle } from '../../bot/digest/minutes-docx.ts';
import { compileOpenMinutes, hasMinutes, latestMinutes } from '../../bot/rules/open-minutes.ts';
import type { Action, ItemDiscussion, Meeting, Question } from '../../bot/rules/types.ts';
import { member } from '../helpers/people.ts';
import { unzip } from '../helpers/unzip.ts';
import { checkWordPackage } from '../helpers/word-package-check.ts';
import { bodyParagraphs, paragraphText, wordTables } from '../helpers/word-text.ts';
import { childrenNamed, findAll } from '../helpers/xml.ts';

const people = new Map([member('mh', 'Morgan Hale'), member('jd', 'Jane Doe')].map((p) => [p.id, p]));
const EXEMPT = { exemption: 'FOIA s.31 (Law Enforcement)', by: 'Priya Nair', at: '2023-03-15T09:00:00Z' };
const SECRET = 'NIGHTJAR';

const FEB = '2023-02-14';
const MAR = '2023-03-14';
const meetings: Meeting[] = [
  { date: FEB, next: MAR },
  {
    date: MAR,
    time: '10:00',
    end: '11:45',
    location: 'Gold Room, Police HQ',
    chair: { name: 'Morgan Hale', personId: 'mh' },
    minuteTaker: { name: 'OPCC Secretariat' },
    previous: FEB,
    next: '2023-04-11',
    attendees: [
      { name: 'Morgan Hale', capacity: 'Police and Crime Commissioner for Northshire', personId: 'mh', dialIn: false },
      { name: 'Helen Brooke', capacity: 'Chief Constable Northshire Police', dialIn: false },
      { name: 'Sam Carter-Lee', capacity: 'Head of Analysis', dialIn: true },
    ],
    apologies: [
      { name: 'Owen Marsh', capacity: 'Deputy Chief Constable' },
      { name: 'Nadia Fox', representative: { name: 'Supt Okafor' } },
    ],
    items: [
      { number: '01.14/03/2023', title: 'Minutes' },
      { number: '03.14/03/2023', title: 'Stop and Search – External Scrutiny Panel' },
      { number: '04.14/03/2023', title: 'Performance Scrutiny' },
      { number: '05.14/03/2023', title: 'Serious and Organised Crime', exemption: EXEMPT.exemption },
    ],
  },
  { date: '2023-04-11', time: '10:00' },
];

const action = (id: string, meeting: string, extra: Partial<Action>): Action => ({
  id,
  ref: { shape: 'numbered', meeting, number: Number(id.slice(-1)) },
  meeting,
  owners: [{ label: 'JD', personId: 'jd' }],
  ownerText: 'JD',
  ownerForm: 'prefix',
  text: `Task ${id}`,
  status: 'open',
  createdAt: `${meeting}T12:00:00Z`,
  updatedAt: `${meeting}T12:00:00Z`,
  version: 1,
  ...extra,
});
const actions: Action[] = [
  action('feb.n1', FEB, { status: 'discharged', closedOn: MAR, outcome: 'Completed' }),
  action('feb.n2', FEB, {
    status: 'standing',
    outcome: 'Updated to: - March - 999 Call Handling. April Q4 - Rural Crime.',
  }),
  action('feb.n3', FEB, { text: `${SECRET} review`, exempt: EXEMPT, outcome: `${SECRET} outcome` }),
  action('mar.n1', MAR, { text: 'Circulate the revised terms of reference' }),
  action('mar.n2', MAR, {
    ownerText: 'SCL',
    ownerForm: 'subject',
    owners: [{ label: 'SCL' }],
    text: 'present the demand model',
  }),
  action('mar.n3', MAR, { text: `${SECRET} deployment`, exempt: EXEMPT }),
];
const question = (number: string, extra: Partial<Question>): Question => ({
  id: `${MAR}.${number.toLowerCase()}`,
  number,
  meeting: MAR,
  text: `Question ${number}`,
  theme: 'Rural Crime',
  respondent: { label: 'JD', personId: 'jd' },
  state: 'answered',
  response: `Answer to ${number}`,
  respondedBy: 'Jane Doe',
  respondedAt: `${MAR}T10:30:00Z`,
  closedOn: MAR,
  actionIds: [],
  createdAt: `${MAR}T09:00:00Z`,
  updatedAt: `${MAR}T10:30:00Z`,
  version: 2,
  ...extra,
});
const questions = [
  question('Q1', {}),
  question('Q2', { text: `${SECRET} question`, response: `${SECRET} answer`, exempt: EXEMPT }),
];
// What the minutes say under the items; the exempt item's words are given too, to show they are never printed.
const discussions = new Map<string, ItemDiscussion>([
  [
    '01.14/03/2023',
    {
      paragraphs: [
        { text: 'The Minutes of the previous meeting dated 14th February 2023 were agreed and approved.' },
        { text: 'Terms of Reference The revised Terms of Reference were agreed. OPENWORDS-01' },
      ],
      papers: { kind: 'review', at: 1 },
    },
  ],
  [
    '04.14/03/2023',
    {
      paragraphs: [{ text: 'TE asked the following scrutiny questions:-' }, { text: 'Rural crime', label: '•' }],
      papers: { kind: 'questions', at: 2 },
    },
  ],
  ['05.14/03/2023', { paragraphs: [{ text: `${SECRET} operation in the north` }] }],
]);
const minutes = compileOpenMinutes({
  board: 'PAM',
  meeting: MAR,
  meetings,
  actions,
  questions,
  discussions,
  people,
  now: new Date('2023-05-01T09:00:00Z'),
});

describe('compileOpenMinutes', () => {
  it('gives the meeting as minuted: its day, time, place, chair and minute taker, attendees and apologies', () => {
    expect(minutes.meeting).toEqual({
      date: MAR,
      dateText: '14/03/2023',
      dayText: 'Tuesday 14/03/2023',
      time: '10:00 to 11:45',
      location: 'Gold Room, Police HQ',
      chair: 'Morgan Hale, Police and Crime Commissioner for Northshire',
      minuteTaker: 'OPCC Secretariat',
    });
    expect(minutes.attendees.map((a) => [a.name, a.dialIn])).toEqual([
      ['Morgan Hale', false],
      ['Helen Brooke', false],
      ['Sam Carter-Lee', true],
    ]);
    expect(minutes.apologies).toEqual([
      { name: 'Owen Marsh', capacity: 'Deputy Chief Constable' },
      { name: 'Nadia Fox', representative: 'Supt Okafor' },
    ]);
    expect(minutes.previousMeeting).toBe('14/02/2023');
    expect(minutes.nextMeeting).toEqual({ dayText: 'Tuesday 11/04/2023', time: '10:00' });
  });

  it('lists every item, an exempt one as its number, heading and exemption; the review and the questions where minuted', () => {
    expect(minutes.items).toEqual([
      {
        number: '01.14/03/2023',
        title: 'Minutes',
        review: true,
        paragraphs: discussions.get('01.14/03/2023')?.paragraphs,
        papersAt: 1,
      },
      // 'Scrutiny' in its title, but the questions were minuted under 04.
      { number: '03.14/03/2023', title: 'Stop and Search – External Scrutiny Panel' },
      {
        number: '04.14/03/2023',
        title: 'Performance Scrutiny',
        questions: true,
        paragraphs: discussions.get('04.14/03/2023')?.paragraphs,
        papersAt: 2,
      },
      {
        number: '05.14/03/2023',
        title: 'Serious and Organised Crime',
        withheld: 'Exempt under FOIA s.31 (Law Enforcement)',
      },
    ]);
    const reviewed = minutes.papers.groups.flatMap((g) => g.items.filter((i) => i.kind === 'action'));
    expect(reviewed.map((i) => [i.ref, i.statusLabel, i.withheld])).toEqual([
      ['01.14/02/2023', 'Discharged', undefined],
      ['02.14/02/2023', 'Standing item', undefined],
      ['03.14/02/2023', '', 'Exempt under FOIA s.31 (Law Enforcement)'],
    ]);
    expect(minutes.papers.form).toBe('open');
    // The exempt item's discussion, though given, is nowhere in the open minutes.
    expect(JSON.stringify(minutes)).not.toContain(SECRET);
  });

  it("gives the Actions Arising in the minutes' words, an exempt one as its reference and exemption", () => {
    expect(minutes.actionsArising).toEqual([
      { ref: '01.14/03/2023', text: 'JD - Circulate the revised terms of reference' },
      { ref: '02.14/03/2023', text: 'SCL to present the demand model' },
      { ref: '03.14/03/2023', text: '', withheld: 'Exempt under FOIA s.31 (Law Enforcement)' },
    ]);
  });

  it('has the chair approve, and from 2021 the Chief Constable too', () => {
    expect(minutes.approvals).toEqual([
      'Morgan Hale, Police and Crime Commissioner for Northshire',
      'Helen Brooke, Chief Constable Northshire Police',
    ]);
    const in2020 = compileOpenMinutes({
      board: 'PAM',
      meeting: '2020-07-21',
      meetings: [{ date: '2020-07-21', chair: { name: 'Philip Seccombe' }, attendees: meetings[1]?.attendees ?? [] }],
      actions: [],
      questions: [],
      discussions: new Map(),
      people,
      now: new Date('2020-08-01T09:00:00Z'),
    });
    expect(in2020.approvals).toEqual(['Philip Seccombe']);
  });

  it('knows which meetings it holds the minutes of', () => {
    expect(hasMinutes(meetings[1])).toBe(true);
    expect(hasMinutes(meetings[0])).toBe(false);
    expect(latestMinutes(meetings, '2023-04-11')).toBe(MAR);
    expect(latestMinutes(meetings, FEB)).toBeUndefined();
  });
});

describe('openMinutesDocx', () => {
  it('(2) carries nothing of an exempt item, action or question but its reference and exemption; OFFICIAL on every page', async () => {
    const buf = await openMinutesDocx(minutes);
    const files = unzip(buf);
    const pkg = checkWordPackage(files);
    const all = [...files.values()].map((b) => b.toString('utf8')).join('\n');
    expect(all).not.toContain(SECRET);
    const body = childrenNamed(pkg.parts.get(pkg.main)!, 'w:body')[0]!;
    const text = bodyParagraphs(body).map((p) => p.text);
    expect(text[0]).toBe('PAM minutes, meeting of 14/03/2023\nOpen minutes, for publication');
    expect(text).toContain('05.14/03/2023   Serious and Organised Crime');
    expect(text).toContain('Exempt under FOIA s.31 (Law Enforcement)');
    expect(text).toContain('Q2 Exempt under FOIA s.31 (Law Enforcement)');
    expect(text).toContain('Q1 Rural Crime: Question Q1');
    // The minutes' own words, not the tracker's sentence for them.
    expect(text).not.toContain('The minutes of the previous meeting dated 14/02/2023 were agreed and approved.');
    expect(text).toContain('Print Name: Helen Brooke, Chief Constable Northshire Police');
    const tables = wordTables(body);
    expect(tables.map((t) => t[0])).toEqual([
      ['No', 'Name', 'Capacity', 'Dial In'],
      ['Name', 'Capacity', 'Representative'],
      ['Number', 'Action', 'Status'],
      ['Item', 'Action'],
    ]);
    expect(tables[3]?.slice(1)).toEqual([
      ['01.14/03/2023', 'JD - Circulate the revised terms of reference'],
      ['02.14/03/2023', 'SCL to present the demand model'],
      ['03.14/03/2023', 'Exempt under FOIA s.31 (Law Enforcement)'],
    ]);
    const headers = [...pkg.parts.entries()].filter(([n]) => /^word\/header\d+\.xml$/.test(n));
    expect(headers.map(([, e]) => findAll(e, 'w:p').map(paragraphText).join(''))).toEqual(['OFFICIAL']);
    expect(openMinutesTitle(minutes)).toBe('PAM minutes, meeting of 14/03/2023: open minutes, for publication');
  });

  it("prints what the minutes say under each open item, in the minutes' order around the review and the questions", async () => {
    const pkg = checkWordPackage(unzip(await openMinutesDocx(minutes)));
    const body = childrenNamed(pkg.parts.get(pkg.main)!, 'w:body')[0]!;
    const text = bodyParagraphs(body).map((p) => p.text);
    const at = (s: string): number => text.findIndex((t) => t.startsWith(s));
    const order = [
      '01.14/03/2023   Minutes',
      'The Minutes of the previous meeting dated 14th February 2023 were agreed and approved.',
      'Actions',
      'Terms of Reference The revised Terms of Reference were agreed. OPENWORDS-01',
      '03.14/03/2023   Stop and Search – External Scrutiny Panel',
      '04.14/03/2023   Performance Scrutiny',
      'TE asked the following scrutiny questions:-',
      '• Rural crime',
      'Q1 Rural Crime: Question Q1',
      '05.14/03/2023   Serious and Organised Crime',
      'Exempt under FOIA s.31 (Law Enforcement)',
    ].map(at);
    expect(order.every((n) => n >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // The review's table sits between the paragraphs before it and after it.
    const tables = wordTables(body);
    expect(tables[2]?.[0]).toEqual(['Number', 'Action', 'Status']);
  });

  it('says the minutes of the previous meeting were approved when item 01 has no words of its own', async () => {
    const plain = compileOpenMinutes({
      board: 'PAM',
      meeting: MAR,
      meetings,
      actions,
      questions,
      discussions: new Map(),
      people,
      now: new Date('2023-05-01T09:00:00Z'),
    });
    expect(plain.items.map((i) => i.paragraphs)).toEqual([undefined, undefined, undefined, undefined]);
    // Without the minutes' words to say where, the questions go under the first item about scrutiny.
    expect(plain.items.map((i) => [i.number, i.review, i.questions])).toEqual([
      ['01.14/03/2023', true, undefined],
      ['03.14/03/2023', undefined, true],
      ['04.14/03/2023', undefined, undefined],
      ['05.14/03/2023', undefined, undefined],
    ]);
    const pkg = checkWordPackage(unzip(await openMinutesDocx(plain)));
    const body = childrenNamed(pkg.parts.get(pkg.main)!, 'w:body')[0]!;
    expect(bodyParagraphs(body).map((p) => p.text)).toContain(
      'The minutes of the previous meeting dated 14/02/2023 were agreed and approved.',
    );
  });
});
