// Exempt items over every renderer: the open form and the redacted form never carry an exempt
// item's text, note, outcome or response (card, Markdown, CSV, Word, the action card and its
// refresh, history, the channel summary, outstanding), while those entitled still see it.
import { describe, expect, it } from 'vitest';
import { actionCard, historyCard, outstandingCard, summaryCard } from '../../cards/index.ts';
import { actionModel, historyModel, outstandingModel, summaryModel } from '../../bot/present/actions.ts';
import type { ViewContext } from '../../bot/present/context.ts';
import { digestCard } from '../../bot/digest/card.ts';
import { digestCsv } from '../../bot/digest/csv.ts';
import { digestDocx } from '../../bot/digest/docx.ts';
import { digestMarkdown } from '../../bot/digest/markdown.ts';
import { compileDigest } from '../../bot/rules/digest.ts';
import type { Digest } from '../../bot/rules/digest-model.ts';
import { maySeeAction, openForm, redactAction, redactDigest, redactQuestion } from '../../bot/rules/exempt.ts';
import { outstanding } from '../../bot/rules/outstanding.ts';
import { questionDigestItem } from '../../bot/rules/questions.ts';
import type { Action, Actor, HistoryEntry, Person, Question, Role } from '../../bot/rules/types.ts';
import { unzip } from '../helpers/unzip.ts';

const SECRETS = [
  'NIGHTJAR covert deployment',
  'NOTE informant handling',
  'OUTCOME surveillance extended',
  'RESPONSE about NIGHTJAR',
  'DRAFT words',
];
const person = (id: string, name: string, initials: string, role: Role): Person => ({
  id,
  name,
  initials,
  aliases: [],
  role,
});
const PEOPLE = [
  person('mh', 'Morgan Hale', 'MH', 'chair'),
  person('pn', 'Priya Nair', 'PN', 'secretariat'),
  person('te', 'Tom Ellis', 'TE', 'scrutiny'),
  person('jd', 'Jane Doe', 'JD', 'member'),
  person('aw', 'Alex Wong', 'AW', 'member'),
  person('kp', 'Kim Patel', 'KP', 'member'),
];
const people = new Map(PEOPLE.map((p) => [p.id, p]));
const actor = (id: string): Actor => {
  const p = people.get(id) as Person;
  return { id: p.id, personId: p.id, name: p.name, role: p.role, channel: 'teams' };
};
const EXEMPT = { exemption: 'FOIA s.31 (law enforcement)', by: 'Priya Nair', at: '2023-03-15T09:00:00.000Z' };

const action: Action = {
  id: '2023-03-14.n001',
  ref: { shape: 'numbered', meeting: '2023-03-14', number: 1 },
  meeting: '2023-03-14',
  owners: [{ label: 'JD', personId: 'jd' }],
  ownerText: 'JD',
  ownerForm: 'prefix',
  text: SECRETS[0] as string,
  due: '2023-04-11',
  status: 'in_progress',
  latestNote: SECRETS[1],
  latestNoteAt: '2023-03-16T09:00:00.000Z',
  latestNoteBy: 'Jane Doe',
  outcome: SECRETS[2],
  delegate: { personId: 'aw', label: 'AW', byPersonId: 'jd' },
  exempt: EXEMPT,
  createdAt: '2023-03-14T12:00:00.000Z',
  updatedAt: '2023-03-16T09:00:00.000Z',
  version: 3,
};
const plainAction: Action = {
  ...action,
  id: '2023-03-14.n002',
  ref: { shape: 'numbered', meeting: '2023-03-14', number: 2 },
  text: 'Circulate the terms of reference',
  latestNote: 'Sent',
  outcome: 'Done',
  exempt: undefined,
  delegate: undefined,
} as Action;
delete plainAction.exempt;
delete plainAction.delegate;
const question: Question = {
  id: '2023-04-11.q1',
  number: 'Q1',
  meeting: '2023-04-11',
  theme: 'Drug offences',
  text: SECRETS[0] as string,
  respondent: { label: 'JD', personId: 'jd' },
  state: 'answered',
  response: SECRETS[3],
  respondedAt: '2023-04-01T09:00:00.000Z',
  respondedBy: 'Jane Doe',
  draft: SECRETS[4],
  actionIds: [],
  exempt: EXEMPT,
  createdAt: '2023-03-20T09:00:00.000Z',
  updatedAt: '2023-04-01T09:00:00.000Z',
  version: 3,
};
const history: HistoryEntry[] = [
  {
    actionId: action.id,
    version: 1,
    at: action.createdAt,
    by: 'pn',
    byName: 'Priya Nair',
    channel: 'import',
    kind: 'created',
    changes: [{ field: 'status', to: 'open' }],
  },
  {
    actionId: action.id,
    version: 2,
    at: '2023-03-16T09:00:00.000Z',
    by: 'jd',
    byName: 'Jane Doe',
    channel: 'teams',
    kind: 'updated',
    changes: [{ field: 'note' }, { field: 'outcome', to: SECRETS[2] }],
    note: SECRETS[1],
  },
];
const meetings = [{ date: '2023-03-14', next: '2023-04-11' }, { date: '2023-04-11' }];
const ctxFor = (viewer: Actor): ViewContext => ({
  board: 'PAM',
  viewer,
  people,
  meetings,
  today: '2023-03-20',
  now: new Date('2023-03-20T10:00:00Z'),
});

function digest(): Digest {
  return compileDigest({
    board: 'PAM',
    actions: [action, plainAction],
    people,
    meetings,
    meeting: '2023-04-11',
    now: new Date('2023-04-04T09:00:00Z'),
    questions: [questionDigestItem(question, people, '2023-04-04')],
  });
}

const docxText = async (d: Digest): Promise<string> =>
  unzip(await digestDocx(d))
    .get('word/document.xml')
    ?.toString('utf8') ?? '';
const leaks = (s: string): string[] => SECRETS.filter((x) => s.includes(x));

describe('who may read an exempt item', () => {
  it('its owner, its delegate, the chair, the secretariat and the scrutiny lead; nobody else, and no channel', () => {
    for (const id of ['jd', 'aw', 'mh', 'pn', 'te']) expect(maySeeAction(actor(id), action), id).toBe(true);
    expect(maySeeAction(actor('kp'), action)).toBe(false);
    expect(maySeeAction(null, action)).toBe(false);
    expect(redactAction(action, actor('kp'))).toMatchObject({ text: 'exempt item (owner JD)', ref: action.ref });
    expect(redactAction(action, actor('kp')).latestNote).toBeUndefined();
    expect(leaks(JSON.stringify(redactQuestion(question, actor('kp'))))).toEqual([]);
    expect(redactQuestion(question, actor('jd'))).toBe(question);
  });
});

describe('the digest in its open form and redacted for a channel: no renderer carries an exempt text', () => {
  const forms: Array<[string, Digest, string]> = [
    ['open', openForm(digest()), 'Exempt under FOIA s.31 (law enforcement)'],
    ['channel', redactDigest(digest(), null), 'exempt item (owner JD)'],
    ['a member', redactDigest(digest(), actor('kp')), 'exempt item (owner JD)'],
  ];
  for (const [name, d, marker] of forms) {
    it(`${name}: card, Markdown, CSV and Word`, async () => {
      const outputs = {
        card: JSON.stringify(digestCard(d)),
        md: digestMarkdown(d),
        csv: digestCsv(d),
        docx: await docxText(d),
      };
      for (const [format, text] of Object.entries(outputs)) {
        expect(leaks(text), `${name} ${format}`).toEqual([]);
        expect(text, `${name} ${format}`).toContain(marker);
        // The rest of the digest is intact.
        expect(text, `${name} ${format}`).toContain('Circulate the terms of reference');
      }
      expect(outputs.md).toContain('01.14/03/2023');
      expect(outputs.md).toContain('Q1');
    });
  }

  it('the full form, and the redacted form for someone entitled, keep the text (so the tests above can fail)', async () => {
    for (const d of [digest(), redactDigest(digest(), actor('te')), redactDigest(digest(), actor('jd'))]) {
      expect(leaks(digestMarkdown(d))).toEqual(
        expect.arrayContaining([SECRETS[0], SECRETS[1], SECRETS[2], SECRETS[3]]),
      );
    }
    // Alex is the action's delegate, not the question's: he reads the one and not the other.
    const alex = digestMarkdown(redactDigest(digest(), actor('aw')));
    expect(leaks(alex)).toEqual([SECRETS[0], SECRETS[1], SECRETS[2]]);
    expect(alex).toContain('exempt item (owner JD)');
    expect(await docxText(digest())).toContain(SECRETS[3]);
  });
});

describe('cards for someone not entitled', () => {
  const kp = ctxFor(actor('kp'));
  it('the action card (sent or as a refresh answer), its history, the channel summary and outstanding', () => {
    const cards = {
      action: actionCard(actionModel(action, kp)),
      history: historyCard(historyModel(action, history, kp)),
      summary: summaryCard(summaryModel('2023-03-14', [action, plainAction], kp)),
      outstanding: outstandingCard(
        outstandingModel(outstanding([action, plainAction], people, meetings, '2023-03-20'), kp),
      ),
    };
    for (const [name, card] of Object.entries(cards)) expect(leaks(JSON.stringify(card)), name).toEqual([]);
    expect(JSON.stringify(cards.action)).toContain('exempt item (owner JD)');
    expect(JSON.stringify(cards.outstanding)).toContain('exempt item (owner JD)');
    // The owner's and the delegate's cards do carry it.
    for (const id of ['jd', 'aw'])
      expect(leaks(JSON.stringify(actionCard(actionModel(action, ctxFor(actor(id))))))).toContain(SECRETS[0]);
    expect(leaks(JSON.stringify(historyCard(historyModel(action, history, ctxFor(actor('mh'))))))).toContain(
      SECRETS[1],
    );
  });
});
