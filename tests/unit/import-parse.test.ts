import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Person } from '../../bot/rules/types.ts';
import {
  parseActionRows,
  parseActions,
  parseActionsCsv,
  parseActionsJson,
  parseActionsText,
  type ParsedLine,
} from '../../bot/rules/import-parse.ts';
import { parsePeopleCsv } from '../../bot/rules/people-csv.ts';
import { resolveOwners } from '../../bot/rules/owners.ts';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const arising = fixture('actions-arising-example.txt');
const pam = fixture('pam-2020-07-21.json');
const peopleCsv = fixture('people-example.csv');

/** The fields of a parsed line that matter, without the raw text. */
function shape(l: ParsedLine | undefined): unknown {
  if (!l) return undefined;
  const { raw: _raw, ...rest } = l;
  return rest;
}

const EXPECTED_ARISING: ParsedLine[] = [
  { line: 1, raw: 'Actions Arising', kind: 'skipped', reason: 'title' },
  { line: 2, raw: '', kind: 'skipped', reason: 'blank line' },
  { line: 3, raw: 'Item\tAction', kind: 'skipped', reason: 'header' },
  {
    line: 4,
    raw: '01.14/03/2023\tJD - Circulate the revised terms of reference to all attendees',
    kind: 'action',
    ref: { shape: 'numbered', meeting: '2023-03-14', number: 1 },
    meeting: '2023-03-14',
    ownerText: 'JD',
    ownerForm: 'prefix',
    labels: ['JD'],
    text: 'Circulate the revised terms of reference to all attendees',
  },
  {
    line: 5,
    raw: '04 14/03/2023.i\tSCL - Consider including outcome rates by crime type in the quarterly report',
    kind: 'action',
    ref: { shape: 'item', meeting: '2023-03-14', number: 4, sub: 'i' },
    meeting: '2023-03-14',
    ownerText: 'SCL',
    ownerForm: 'prefix',
    labels: ['SCL'],
    text: 'Consider including outcome rates by crime type in the quarterly report',
  },
  {
    line: 6,
    raw: '04 14/03/2023.ii\tSCL to present the demand model at a future PAM once it has been assessed',
    kind: 'action',
    ref: { shape: 'item', meeting: '2023-03-14', number: 4, sub: 'ii' },
    meeting: '2023-03-14',
    ownerText: 'SCL',
    ownerForm: 'subject',
    labels: ['SCL'],
    text: 'present the demand model at a future PAM once it has been assessed',
  },
  {
    line: 7,
    raw: 'N/A\tKP to confirm the number of staff in the Harm Hub (outside of this meeting)',
    kind: 'action',
    ref: { shape: 'none' },
    ownerText: 'KP',
    ownerForm: 'subject',
    labels: ['KP'],
    text: 'confirm the number of staff in the Harm Hub (outside of this meeting)',
  },
  {
    line: 8,
    raw: '06 14/03/2023\tSupt Okafor / OPCC lead (AW) to arrange a joint visit to the control room',
    kind: 'action',
    ref: { shape: 'item', meeting: '2023-03-14', number: 6 },
    meeting: '2023-03-14',
    ownerText: 'Supt Okafor / OPCC lead (AW)',
    ownerForm: 'subject',
    labels: ['Supt Okafor', 'OPCC lead (AW)'],
    text: 'arrange a joint visit to the control room',
  },
  {
    line: 9,
    raw: '07 14/03/2023\tThe Force to provide a written response to the scrutiny report by 28/03/2023',
    kind: 'action',
    ref: { shape: 'item', meeting: '2023-03-14', number: 7 },
    meeting: '2023-03-14',
    ownerText: 'The Force',
    ownerForm: 'subject',
    labels: ['The Force'],
    text: 'provide a written response to the scrutiny report by 28/03/2023',
    due: '2023-03-28',
  },
];

function directory(): Person[] {
  return parsePeopleCsv(peopleCsv).flatMap((p) =>
    p.kind === 'person' ? [{ id: p.person.initials.toLowerCase(), ...p.person }] : [],
  );
}

describe('parseActionsText: the Actions Arising fixture', () => {
  const lines = parseActionsText(arising);

  it('reads every line of the fixture, and nothing more', () => {
    expect(lines).toEqual(EXPECTED_ARISING);
  });

  it('the N/A action has no meeting of its own', () => {
    const na = lines[6];
    expect(na?.kind === 'action' && 'meeting' in na).toBe(false);
  });

  it('resolves every owner of the fixture against the example directory', () => {
    const dir = directory();
    const resolved = lines.flatMap((l) => (l.kind === 'action' ? [resolveOwners(l.labels, dir)] : []));
    expect(resolved).toEqual([
      [{ kind: 'person', personId: 'jd' }],
      [{ kind: 'person', personId: 'scl' }],
      [{ kind: 'person', personId: 'scl' }],
      [{ kind: 'person', personId: 'kp' }],
      [
        { kind: 'person', personId: 'co' },
        { kind: 'person', personId: 'aw' },
      ],
      [{ kind: 'body', name: 'the Force' }],
    ]);
  });

  it('gives the same result with Windows line endings and trailing spaces', () => {
    const windows = parseActionsText(arising.replace(/\n/g, '  \r\n'));
    expect(windows.map(shape)).toEqual(EXPECTED_ARISING.map(shape));
  });

  it('gives the same result with runs of spaces instead of tabs', () => {
    const spaced = parseActionsText(arising.replace(/\t/g, '    '));
    expect(spaced.map(shape)).toEqual(EXPECTED_ARISING.map(shape));
  });

  it('gives the same result with a single space after the reference', () => {
    const single = parseActionsText(arising.replace(/\t/g, ' '));
    expect(single.slice(3).map(shape)).toEqual(EXPECTED_ARISING.slice(3).map(shape));
  });

  it('gives the same result from a Word export (NBSP, smart quotes, zero-width, BOM)', () => {
    const word = '\ufeff' + arising.replace(/ /g, '\u00a0').replace(/\t/g, '\u00a0\t\u200b').replace(/\n/g, '\r\n');
    expect(parseActionsText(word).map(shape)).toEqual(EXPECTED_ARISING.map(shape));
  });
});

describe('parseActionsText: hard cases', () => {
  function one(line: string): ParsedLine | undefined {
    return parseActionsText(line)[0];
  }

  it('keeps smart quotes out of the text', () => {
    const l = one('01.14/03/2023\tJD \u2013 Check the \u201cHarm Hub\u201d figures with Mary O\u2019Neill');
    expect(l?.kind === 'action' && [l.ownerText, l.text]).toEqual([
      'JD',
      'Check the "Harm Hub" figures with Mary O\'Neill',
    ]);
  });

  it('collapses extra spaces inside the text', () => {
    const l = one('01.14/03/2023    JD   -   Circulate   the   terms');
    expect(l?.kind === 'action' && [l.ownerText, l.text]).toEqual(['JD', 'Circulate the terms']);
  });

  it('does not read a double space inside the task as a column', () => {
    const l = one('01.14/03/2023\tJD  -  Circulate the terms  of reference');
    expect(l?.kind === 'action' && l.text).toBe('Circulate the terms of reference');
  });

  it('reads an owner given in a column of its own', () => {
    const l = one('01.14/03/2023\tJD\tCirculate the terms');
    expect(l?.kind === 'action' && [l.ownerText, l.ownerForm, l.text]).toEqual(['JD', 'prefix', 'Circulate the terms']);
  });

  it('reads a status in the last column of a review line', () => {
    expect(one('01.23/06/2020\tNT - Add SOH links to OPCC website. Completed\tDischarged')).toEqual({
      line: 1,
      raw: '01.23/06/2020\tNT - Add SOH links to OPCC website. Completed\tDischarged',
      kind: 'action',
      ref: { shape: 'numbered', meeting: '2020-06-23', number: 1 },
      meeting: '2020-06-23',
      ownerText: 'NT',
      ownerForm: 'prefix',
      labels: ['NT'],
      text: 'Add SOH links to OPCC website',
      status: 'discharged',
      outcome: 'Completed',
    });
  });

  it('reads a status after runs of spaces, and an outcome column', () => {
    const l = one(
      '04.23/06/2020   OPCC - Proposed future PAM deep-dive subjects   Updated to: July - L&D   Standing item',
    );
    expect(l?.kind === 'action' && [l.text, l.outcome, l.status]).toEqual([
      'Proposed future PAM deep-dive subjects',
      'Updated to: July - L&D',
      'standing',
    ]);
  });

  it('reads an outcome column between the text and the status (four-column review table)', () => {
    const l = one('01.23/06/2020\tNT - Add SOH links to OPCC website\tCompleted\tDischarged');
    expect(l?.kind === 'action' && [l.text, l.outcome, l.status]).toEqual([
      'Add SOH links to OPCC website',
      'Completed',
      'discharged',
    ]);
  });

  it('takes "Updated to: ..." out of the text', () => {
    const l = one('04.23/06/2020\tOPCC - Proposed deep-dive subjects. Updated to: August - L&D / DV focus');
    expect(l?.kind === 'action' && [l.text, l.outcome, l.status]).toEqual([
      'Proposed deep-dive subjects',
      'Updated to: August - L&D / DV focus',
      undefined,
    ]);
  });

  it('takes a trailing "Completed." sentence out of the text', () => {
    const l = one('02.23/06/2020\tDH - Provide presentation for next CJS Recovery forum. Completed.');
    expect(l?.kind === 'action' && [l.text, l.outcome]).toEqual([
      'Provide presentation for next CJS Recovery forum',
      'Completed',
    ]);
  });

  it('leaves "updated to" without a colon in the task', () => {
    const l = one('01.14/03/2023\tJD - Ensure the policy is updated to reflect the new law');
    expect(l?.kind === 'action' && [l.text, l.outcome]).toEqual([
      'Ensure the policy is updated to reflect the new law',
      undefined,
    ]);
  });

  it('ignores a dash between the reference and the owner', () => {
    const l = one('01.14/03/2023 - JD - Circulate the terms');
    expect(l?.kind === 'action' && [l.ownerText, l.text]).toEqual(['JD', 'Circulate the terms']);
  });

  it('does not take a status word as the status when it is the only column', () => {
    const l = one('02.23/06/2020\tDH - Completed');
    expect(l?.kind === 'action' && [l.text, l.status]).toEqual(['Completed', undefined]);
  });

  it('reports a line with a reference but no owner', () => {
    expect(one('01.14/03/2023\tConsider adding X to the report')).toEqual({
      line: 1,
      raw: '01.14/03/2023\tConsider adding X to the report',
      kind: 'error',
      reason: 'no owner: expected "XX - text" or "XX to text"',
    });
  });

  it('reports a missing action column', () => {
    expect(one('01.14/03/2023\t')).toMatchObject({ kind: 'error', reason: 'no action after the reference' });
  });

  it.each([
    ['02.31/02/2023\tJD - Circulate', '02.31/02/2023'],
    ['14/03/2023\tJD - Circulate', '14/03/2023'],
    ['JD - Circulate the terms', 'JD - Circulate the terms'],
    ['05 14/03/2023.iiii\tJD - Circulate', '05 14/03/2023.iiii'],
  ])('reports an unreadable reference in %j', (line, shown) => {
    expect(one(line)).toMatchObject({ kind: 'error', reason: `reference not understood: "${shown}"` });
  });

  it.each(['Actions Arising', 'ACTIONS ARISING:', 'Item\tAction', 'Ref  Action  Status', 'Review of previous actions'])(
    'skips the title or header %j',
    (line) => {
      expect(one(line)?.kind).toBe('skipped');
    },
  );

  it('numbers lines from 1, counting blank lines', () => {
    const lines = parseActionsText('\r\n\r\nN/A\tKP to confirm\r\n');
    expect(lines.map((l) => [l.line, l.kind])).toEqual([
      [1, 'skipped'],
      [2, 'skipped'],
      [3, 'action'],
    ]);
  });
});

describe('parseActionsJson', () => {
  it('reads the review of previous actions of the 21 July 2020 minutes', () => {
    const lines = parseActionsJson(pam).map(shape);
    expect(lines).toEqual([
      {
        line: 1,
        kind: 'action',
        ref: { shape: 'numbered', meeting: '2020-06-23', number: 1 },
        meeting: '2020-06-23',
        ownerText: 'NT',
        ownerForm: 'prefix',
        labels: ['NT'],
        text: 'Add SOH links to OPCC website',
        outcome: 'Completed',
        status: 'discharged',
        reviewedAt: '2020-07-21',
      },
      {
        line: 2,
        kind: 'action',
        ref: { shape: 'numbered', meeting: '2020-06-23', number: 2 },
        meeting: '2020-06-23',
        ownerText: 'DH',
        ownerForm: 'prefix',
        labels: ['DH'],
        text: 'Provide presentation for next CJS Recovery forum',
        outcome: 'Completed',
        status: 'discharged',
        reviewedAt: '2020-07-21',
      },
      {
        line: 3,
        kind: 'action',
        ref: { shape: 'numbered', meeting: '2020-06-23', number: 3 },
        meeting: '2020-06-23',
        ownerText: 'the Force',
        ownerForm: 'prefix',
        labels: ['the Force'],
        text: 'Written response to the Performance Scrutiny Report to be provided to the OPCC',
        outcome: 'Completed',
        status: 'discharged',
        reviewedAt: '2020-07-21',
      },
      {
        line: 4,
        kind: 'action',
        ref: { shape: 'numbered', meeting: '2020-06-23', number: 4 },
        meeting: '2020-06-23',
        ownerText: 'OPCC',
        ownerForm: 'prefix',
        labels: ['OPCC'],
        text: 'Proposed future PAM deep-dive subjects for 2020/21',
        outcome:
          'Updated to: July Q1 - Learning and Development deferred to August; August - L&D / Domestic Violence focus; September - Equality & Diversity; October Q2 - Roads Policing; TBA - Health and Wellbeing',
        status: 'standing',
        reviewedAt: '2020-07-21',
      },
    ]);
  });

  it('resolves the review owners: unknown initials, a body, and OPCC', () => {
    const labels = parseActionsJson(pam).flatMap((l) => (l.kind === 'action' ? l.labels : []));
    expect(resolveOwners(labels, directory())).toEqual([
      { kind: 'unknown', label: 'NT' },
      { kind: 'unknown', label: 'DH' },
      { kind: 'body', name: 'the Force' },
      { kind: 'body', name: 'OPCC' },
    ]);
  });

  it('reads a plain array, with the owner inside the text, and an owner list', () => {
    const lines = parseActionsJson(
      JSON.stringify([
        { ref: '05 14/03/2023.ii', text: 'SCL to present the model', due: '28/03/2023' },
        { ref: 'N/A', owner: ['JD', 'KP'], text: 'Meet' },
      ]),
    );
    expect(lines.map(shape)).toEqual([
      {
        line: 1,
        kind: 'action',
        ref: { shape: 'item', meeting: '2023-03-14', number: 5, sub: 'ii' },
        meeting: '2023-03-14',
        ownerText: 'SCL',
        ownerForm: 'subject',
        labels: ['SCL'],
        text: 'present the model',
        due: '2023-03-28',
      },
      {
        line: 2,
        kind: 'action',
        ref: { shape: 'none' },
        ownerText: 'JD / KP',
        ownerForm: 'prefix',
        labels: ['JD', 'KP'],
        text: 'Meet',
      },
    ]);
  });

  it('splits an owner field on / & and ,', () => {
    const [l] = parseActionsJson(
      '[{"ref":"01.14/03/2023","owner":"Supt Okafor / OPCC lead (AW), KP & JD","text":"Visit"}]',
    );
    expect(l?.kind === 'action' && l.labels).toEqual(['Supt Okafor', 'OPCC lead (AW)', 'KP', 'JD']);
  });

  it('reports bad items one by one', () => {
    const lines = parseActionsJson(
      JSON.stringify([
        { ref: '01.31/02/2023', owner: 'JD', text: 'x' },
        { ref: '01.14/03/2023', owner: 'JD', text: '' },
        { ref: '01.14/03/2023', owner: 'JD', text: 'x', status: 'Maybe' },
        { ref: '01.14/03/2023', owner: 'JD', text: 'x', due: '30/02/2023' },
        { ref: 1, text: 'x' },
        'not an object',
        { ref: '01.14/03/2023', text: 'Circulate the minutes to all' },
      ]),
    );
    expect(lines.map((l) => (l.kind === 'error' ? l.reason : l.kind))).toEqual([
      'reference not understood: "01.31/02/2023"',
      'no action text',
      'status not understood: "Maybe"',
      'due date not understood: "30/02/2023" (expected dd/MM/yyyy)',
      '"ref" must be a string',
      'expected an object with "ref" and "text"',
      'no owner: expected "XX - text" or "XX to text"',
    ]);
  });

  it('turns invalid JSON into a single error line with the parser message', () => {
    const lines = parseActionsJson('[{"ref": "01.14/03/2023",');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ line: 1, kind: 'error' });
    expect(lines[0]?.kind === 'error' && lines[0].reason).toMatch(/^invalid JSON: .+/);
  });

  it('refuses an object without an actions list', () => {
    expect(parseActionsJson('{"meeting": {}}')).toMatchObject([{ kind: 'error' }]);
  });
});

describe('parseActionsCsv', () => {
  it('reads columns by header name in any order, with quoted fields spanning lines', () => {
    const csv = [
      'Status,Due,Action,Owner,Ref,Outcome',
      ',28/03/2023,"Circulate the ""revised"" terms, to all",JD,01.14/03/2023,',
      'Discharged,,"Add SOH links',
      'to OPCC website",NT,01.23/06/2020,Completed',
      '',
      ',2023-04-01,SCL to present the model,,05 14/03/2023.ii,',
    ].join('\r\n');
    expect(parseActionsCsv(csv).map(shape)).toEqual([
      { line: 1, kind: 'skipped', reason: 'header' },
      {
        line: 2,
        kind: 'action',
        ref: { shape: 'numbered', meeting: '2023-03-14', number: 1 },
        meeting: '2023-03-14',
        ownerText: 'JD',
        ownerForm: 'prefix',
        labels: ['JD'],
        text: 'Circulate the "revised" terms, to all',
        due: '2023-03-28',
      },
      {
        line: 3,
        kind: 'action',
        ref: { shape: 'numbered', meeting: '2020-06-23', number: 1 },
        meeting: '2020-06-23',
        ownerText: 'NT',
        ownerForm: 'prefix',
        labels: ['NT'],
        text: 'Add SOH links to OPCC website',
        status: 'discharged',
        outcome: 'Completed',
      },
      { line: 5, kind: 'skipped', reason: 'blank line' },
      {
        line: 6,
        kind: 'action',
        ref: { shape: 'item', meeting: '2023-03-14', number: 5, sub: 'ii' },
        meeting: '2023-03-14',
        ownerText: 'SCL',
        ownerForm: 'subject',
        labels: ['SCL'],
        text: 'present the model',
        due: '2023-04-01',
      },
    ]);
  });

  it('reports bad rows with their line and reason', () => {
    const csv =
      'ref,text,due\n01.32/01/2023,JD - x,\n,JD - x,\nN/A,Circulate the minutes to all,\nN/A,JD - x,31/11/2023\n';
    expect(parseActionsCsv(csv).map((l) => [l.line, l.kind === 'error' ? l.reason : l.kind])).toEqual([
      [1, 'skipped'],
      [2, 'reference not understood: "01.32/01/2023"'],
      [3, 'reference missing'],
      [4, 'no owner: expected "XX - text" or "XX to text"'],
      [5, 'due date not understood: "31/11/2023" (expected dd/MM/yyyy)'],
    ]);
  });

  it('reports a quote never closed on the line it opens, after the rows before it', () => {
    const csv = 'ref,action\n01.14/03/2023,JD - Circulate\n02.14/03/2023,"KP - Arrange\na visit\n';
    expect(parseActionsCsv(csv).map((l) => [l.line, l.kind === 'error' ? l.reason : l.kind])).toEqual([
      [1, 'skipped'],
      [2, 'action'],
      [3, 'a quoted value is never closed'],
    ]);
  });

  it('refuses a header without ref and action columns', () => {
    expect(parseActionsCsv('owner,status\nJD,open')).toEqual([
      {
        line: 1,
        raw: 'owner,status',
        kind: 'error',
        reason: 'the CSV header needs a "ref" and an "action" (or "text") column',
      },
    ]);
  });
});

describe('parseActions: sniffing the format', () => {
  it('reads JSON when the input starts with { or [', () => {
    expect(parseActions(`  \n${pam}`).filter((l) => l.kind === 'action')).toHaveLength(4);
    expect(parseActions('[]')).toEqual([]);
  });

  it('reads CSV when the first line is a ref/action header', () => {
    const lines = parseActions('\nRef,Action\n01.14/03/2023,JD - Circulate');
    expect(lines.map((l) => l.kind)).toEqual(['skipped', 'skipped', 'action']);
    expect(lines[2]).toMatchObject({ line: 3, kind: 'action', ownerText: 'JD', text: 'Circulate' });
  });

  it('reads text otherwise, even when the text has commas', () => {
    expect(parseActions(arising)).toEqual(EXPECTED_ARISING);
    expect(parseActions('01.14/03/2023\tJD - Circulate, review, and reply')[0]).toMatchObject({
      kind: 'action',
      text: 'Circulate, review, and reply',
    });
  });

  it('obeys an explicit format', () => {
    expect(parseActions('Ref,Action\n01.14/03/2023,JD - x', 'text')[0]).toMatchObject({ kind: 'error' });
  });
});

describe('parsePeopleCsv', () => {
  it('reads the example directory', () => {
    const people = parsePeopleCsv(peopleCsv);
    expect(people).toHaveLength(9);
    expect(people[0]).toMatchObject({ line: 1, kind: 'skipped', reason: 'header' });
    expect(people.slice(1).map((p) => p.kind === 'person' && [p.person.initials, p.person.role])).toEqual([
      ['MH', 'chair'],
      ['PN', 'secretariat'],
      ['TE', 'scrutiny'],
      ['JD', 'member'],
      ['SCL', 'member'],
      ['KP', 'member'],
      ['CO', 'member'],
      ['AW', 'member'],
    ]);
    expect(people[4]).toEqual({
      line: 5,
      raw: 'Jane Doe,Chief Superintendent,JD,DJ,jane.doe@example.police.uk,member',
      kind: 'person',
      person: {
        name: 'Jane Doe',
        capacity: 'Chief Superintendent',
        initials: 'JD',
        aliases: ['DJ'],
        email: 'jane.doe@example.police.uk',
        role: 'member',
      },
    });
  });

  it('finds columns in any order, defaults initials and role, splits aliases, lower-cases email', () => {
    const csv =
      "\ufeffRole,Email,Aliases,Name\r\n,Mary.ONeill@Example.ORG, M O\u2019N | Insp O'Neill ;MON,Mary O\u2019Neill\r\n";
    expect(parsePeopleCsv(csv)[1]).toEqual({
      line: 2,
      raw: ",Mary.ONeill@Example.ORG, M O\u2019N | Insp O'Neill ;MON,Mary O\u2019Neill",
      kind: 'person',
      person: {
        name: "Mary O'Neill",
        initials: 'MO',
        aliases: ["M O'N", "Insp O'Neill", 'MON'],
        email: 'mary.oneill@example.org',
        role: 'member',
      },
    });
  });

  it('reports bad rows', () => {
    const csv = 'name,initials,email,role\n,JD,,\nJane Doe,,not-an-email,\nJane Doe,,,boss\nJane Doe,J1,,\n';
    expect(parsePeopleCsv(csv).map((p) => (p.kind === 'error' ? p.reason : p.kind))).toEqual([
      'skipped',
      'name missing',
      'email not understood: "not-an-email"',
      'role must be chair, secretariat, scrutiny or member, not "boss"',
      'initials not understood: "J1"',
    ]);
  });

  it('reports a quote never closed on the line it opens', () => {
    expect(
      parsePeopleCsv('name,role\nJane Doe,member\n"Sam Carter-Lee,member\n').map((p) => [
        p.line,
        p.kind === 'error' ? p.reason : p.kind,
      ]),
    ).toEqual([
      [1, 'skipped'],
      [2, 'person'],
      [3, 'a quoted value is never closed'],
    ]);
  });

  it('needs a name column', () => {
    expect(parsePeopleCsv('initials,email\nJD,a@b.c')).toMatchObject([{ line: 1, kind: 'error' }]);
  });
});

describe('a Word cell of several paragraphs', () => {
  it('joins the lines that follow an action without a reference, and says so', () => {
    const pasted = [
      '03.14/03/2023\tJD - Review the stop and search data',
      'for the last quarter and report back\tCompleted',
      '04.14/03/2023\tKP - Confirm the staffing figures',
    ].join('\r\n');
    const lines = parseActionsText(pasted);
    expect(lines.map((l) => l.kind)).toEqual(['action', 'skipped', 'action']);
    expect(lines[0]).toMatchObject({
      text: 'Review the stop and search data for the last quarter and report back',
      status: 'completed',
      labels: ['JD'],
    });
    expect(lines[1]).toMatchObject({ line: 2, reason: 'continues line 1' });
  });

  it('does not append a stray line after a row: it is reported, and the action keeps its words', () => {
    const pasted = [
      '01.14/03/2023\tJD - Circulate the revised terms of reference',
      'Thanks all',
      '02.14/03/2023\tKP - Confirm the staffing figures',
    ].join('\n');
    const lines = parseActionsText(pasted);
    expect(lines.map((l) => l.kind)).toEqual(['action', 'error', 'action']);
    expect(lines[0]).toMatchObject({ text: 'Circulate the revised terms of reference' });
    expect(lines[1]).toMatchObject({
      line: 2,
      reason:
        'not an action: "Thanks all" has no reference, and does not read as the rest of line 1 (if it is, join it to that line; words that carry an action on start in lower case)',
    });
  });

  it("joins a cell's further paragraphs that carry the action on, or end in its status column", () => {
    const pasted = [
      '03.14/03/2023\tJD - Review',
      '- the stop and search data',
      '(for the last quarter)',
      'and report back',
      'Presented to the panel\tCompleted',
    ].join('\n');
    const lines = parseActionsText(pasted);
    expect(lines.map((l) => l.kind)).toEqual(['action', 'skipped', 'skipped', 'skipped', 'skipped']);
    expect(lines[0]).toMatchObject({
      text: 'Review - the stop and search data (for the last quarter) and report back Presented to the panel',
      status: 'completed',
    });
  });

  it('does not join a line to an error or across a blank line', () => {
    const lines = parseActionsText('rubbish line\nmore rubbish\n\n01.14/03/2023\tJD - Do it\n\nstray words');
    expect(lines.map((l) => l.kind)).toEqual(['error', 'error', 'skipped', 'action', 'skipped', 'error']);
  });
});

describe('the Actions Arising table as the minutes write it', () => {
  it("skips a header row whose Item was copied as 'ltem', and reads the rows", () => {
    const lines = parseActionsText(arising.replace('Item\tAction', 'ltem\tAction'));
    expect(lines.map(shape)).toEqual(EXPECTED_ARISING.map(shape));
  });

  it('reads extra columns by their header, and names a column it does not import', () => {
    const lines = parseActionsText(
      [
        'Item\tAction\tOwner\tDate raised\tDue date\tStatus\tComments',
        '01.14/03/2023\tCirculate the revised terms\tJD\t14/03/2023\t28/03/2023\tOpen\tAgreed at item 01',
        '04 14/03/2023.ii\tSCL to present the demand model\t\t\t\t\t',
        'at a future PAM',
      ].join('\n'),
    );
    expect(lines.map(shape)).toEqual([
      { line: 1, kind: 'skipped', reason: 'header' },
      {
        line: 2,
        kind: 'action',
        ref: { shape: 'numbered', meeting: '2023-03-14', number: 1 },
        meeting: '2023-03-14',
        ownerText: 'JD',
        ownerForm: 'prefix',
        labels: ['JD'],
        text: 'Circulate the revised terms',
        status: 'open',
        outcome: 'Agreed at item 01',
        due: '2023-03-28',
        notes: ['the column "Date raised" is not imported: "14/03/2023"'],
      },
      {
        line: 3,
        kind: 'action',
        ref: { shape: 'item', meeting: '2023-03-14', number: 4, sub: 'ii' },
        meeting: '2023-03-14',
        ownerText: 'SCL',
        ownerForm: 'subject',
        labels: ['SCL'],
        text: 'present the demand model at a future PAM',
      },
      { line: 4, kind: 'skipped', reason: 'continues line 3' },
    ]);
  });

  it('reads a date in a column of its own, with no header, as the due date', () => {
    const [l] = parseActionsText('01.14/03/2023\tJD - Circulate the terms\t11/04/2023');
    expect(l?.kind === 'action' && [l.text, l.due]).toEqual(['Circulate the terms', '2023-04-11']);
  });

  it("reads a table's rows of cells the same as the lines pasted", () => {
    const rows = arising
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(parseActionRows(rows).map(shape)).toEqual(EXPECTED_ARISING.map(shape));
    expect(parseActionRows([['01.14/03/2023', 'JD - Circulate\nthe terms']])[0]).toMatchObject({
      kind: 'action',
      text: 'Circulate the terms',
    });
  });
});
