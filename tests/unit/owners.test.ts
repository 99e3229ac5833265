import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Person } from '../../bot/rules/types.ts';
import { parsePeopleCsv } from '../../bot/rules/people-csv.ts';
import {
  resolveOwner,
  resolveOwners,
  splitOwnerLabels,
  splitOwnerLine,
  unassignedReason,
} from '../../bot/rules/owners.ts';

function directoryFrom(csv: string): Person[] {
  return parsePeopleCsv(csv).flatMap((p) =>
    p.kind === 'person' ? [{ id: p.person.initials.toLowerCase(), ...p.person }] : [],
  );
}

const people = directoryFrom(readFileSync(new URL('../fixtures/people-example.csv', import.meta.url), 'utf8'));
const NO_OWNER = { error: 'no owner: expected "XX - text" or "XX to text"' };

describe('splitOwnerLine', () => {
  it.each([
    ['JD - Circulate the revised terms', 'JD', 'prefix', ['JD'], 'Circulate the revised terms'],
    ['JD \u2013 Circulate the revised terms', 'JD', 'prefix', ['JD'], 'Circulate the revised terms'],
    ['JD\u2014Circulate the revised terms', 'JD', 'prefix', ['JD'], 'Circulate the revised terms'],
    ['JD: Circulate the revised terms', 'JD', 'prefix', ['JD'], 'Circulate the revised terms'],
    ['JD- Circulate', 'JD', 'prefix', ['JD'], 'Circulate'],
    [
      'SCL - Consider including outcome rates by crime type',
      'SCL',
      'prefix',
      ['SCL'],
      'Consider including outcome rates by crime type',
    ],
    [
      'SCL to present the demand model at a future PAM',
      'SCL',
      'subject',
      ['SCL'],
      'present the demand model at a future PAM',
    ],
    [
      'KP to confirm the number (outside of this meeting)',
      'KP',
      'subject',
      ['KP'],
      'confirm the number (outside of this meeting)',
    ],
    [
      'Supt Okafor / OPCC lead (AW) to arrange a joint visit to the control room',
      'Supt Okafor / OPCC lead (AW)',
      'subject',
      ['Supt Okafor', 'OPCC lead (AW)'],
      'arrange a joint visit to the control room',
    ],
    [
      'The Force to provide a written response to the scrutiny report',
      'The Force',
      'subject',
      ['The Force'],
      'provide a written response to the scrutiny report',
    ],
    ['the OPCC - publish the minutes', 'the OPCC', 'prefix', ['the OPCC'], 'publish the minutes'],
    ['JD & KP to meet', 'JD & KP', 'subject', ['JD', 'KP'], 'meet'],
    ['JD and KP to meet', 'JD and KP', 'subject', ['JD', 'KP'], 'meet'],
    ['JD, KP and SCL - meet', 'JD, KP and SCL', 'prefix', ['JD', 'KP', 'SCL'], 'meet'],
    ['Jane Doe to brief the team', 'Jane Doe', 'subject', ['Jane Doe'], 'brief the team'],
    ["Mary O'Neill - report back", "Mary O'Neill", 'prefix', ["Mary O'Neill"], 'report back'],
    ['Sam Carter-Lee to report back', 'Sam Carter-Lee', 'subject', ['Sam Carter-Lee'], 'report back'],
    ['Ch Supt Doe to report back', 'Ch Supt Doe', 'subject', ['Ch Supt Doe'], 'report back'],
    ['T/Supt Smith to report back', 'T/Supt Smith', 'subject', ['T/Supt Smith'], 'report back'],
    ['CC to write to the Home Office', 'CC', 'subject', ['CC'], 'write to the Home Office'],
    ['JD to be invited to the next PAM', 'JD', 'subject', ['JD'], 'be invited to the next PAM'],
    [
      'SCL to present the model - including the data to the board',
      'SCL',
      'subject',
      ['SCL'],
      'present the model - including the data to the board',
    ],
  ])('splits %j', (line, ownerText, ownerForm, labels, text) => {
    expect(splitOwnerLine(line)).toEqual({ ownerText, ownerForm, labels, text });
  });

  it('normalises a Word export before splitting', () => {
    expect(splitOwnerLine('  JD\u00a0\u2013\u00a0Circulate the \u201crevised\u201d terms  ')).toEqual({
      ownerText: 'JD',
      ownerForm: 'prefix',
      labels: ['JD'],
      text: 'Circulate the "revised" terms',
    });
  });

  it.each([
    'Consider adding Action Taken rates to the Performance Report',
    'Circulate the minutes to all',
    'Add SOH links to OPCC website',
    'Written response to the Performance Scrutiny Report to be provided to the OPCC',
    'Deep Dive Schedule to be reviewed',
    'Consider adding rates (CHI) to the report',
    'Note: the report is late',
    'Proposed future PAM deep-dive subjects',
    '',
  ])('finds no owner in %j', (line) => {
    expect(splitOwnerLine(line)).toEqual(NO_OWNER);
  });

  it('refuses an owner with no task', () => {
    expect(splitOwnerLine('JD - ')).toEqual({ error: 'no action text after the owner "JD"' });
  });
});

describe('splitOwnerLabels', () => {
  it('splits on / & + , and "and"', () => {
    expect(splitOwnerLabels('JD/KP & SCL + AW, the Force and OPCC')).toEqual([
      'JD',
      'KP',
      'SCL',
      'AW',
      'the Force',
      'OPCC',
    ]);
  });

  it('keeps a role containing "and" whole', () => {
    expect(splitOwnerLabels('Head of Analysis and Service Improvement (SR)')).toEqual([
      'Head of Analysis and Service Improvement (SR)',
    ]);
  });

  it('does not split a temporary or acting rank', () => {
    expect(splitOwnerLabels('T/Supt Smith / A/Insp Jones')).toEqual(['T/Supt Smith', 'A/Insp Jones']);
  });
});

describe('resolveOwner', () => {
  it.each([
    ['JD', 'jd'],
    ['jd', 'jd'],
    ['SCL', 'scl'],
    ['DJ', 'jd'], // reversed initials, through Jane Doe's alias
    ['Supt Okafor', 'co'], // alias
    ['supt  okafor', 'co'],
    ['OPCC lead (AW)', 'aw'], // parenthesised initials
    ['Jane Doe', 'jd'], // full name
    ['Ch Supt Jane Doe', 'jd'],
    ['Ch Supt Doe', 'jd'], // rank + surname, no alias
    ['Insp Carter-Lee', 'scl'],
    ['Sam Carter-Lee', 'scl'],
  ])('resolves %j to a person', (label, personId) => {
    expect(resolveOwner(label, people)).toEqual({ kind: 'person', personId });
  });

  it.each([
    ['the Force', 'the Force'],
    ['The Force', 'the Force'],
    ['Force', 'the Force'],
    ['OPCC', 'OPCC'],
    ['the PCC', 'PCC'],
  ])('resolves %j to the body %s', (label, name) => {
    expect(resolveOwner(label, people)).toEqual({ kind: 'body', name });
  });

  it('lets an alias claim a body name', () => {
    const dir: Person[] = [
      ...people,
      { id: 'liaison', name: 'Pat Liaison', initials: 'PL', aliases: ['the Force'], role: 'member' },
    ];
    expect(resolveOwner('The Force', dir)).toEqual({ kind: 'person', personId: 'liaison' });
  });

  it.each(['NT', 'XY', 'Supt Nobody', 'Doe', 'Head of Estates (ZZ)'])('leaves %j unknown', (label) => {
    expect(resolveOwner(label, people)).toEqual({ kind: 'unknown', label });
  });

  it('never guesses reversed initials without an alias', () => {
    const noAlias = people.map((p) => ({ ...p, aliases: [] }));
    expect(resolveOwner('DJ', noAlias)).toEqual({ kind: 'unknown', label: 'DJ' });
  });

  it('reports every candidate when initials are shared', () => {
    const dir: Person[] = [...people, { id: 'john', name: 'John Dunn', initials: 'JD', aliases: [], role: 'member' }];
    expect(resolveOwner('JD', dir)).toEqual({
      kind: 'ambiguous',
      label: 'JD',
      candidates: [
        { personId: 'jd', name: 'Jane Doe', initials: 'JD' },
        { personId: 'john', name: 'John Dunn', initials: 'JD' },
      ],
    });
  });

  it('reports every candidate when a rank + surname fits more than one person', () => {
    const dir: Person[] = [...people, { id: 'jd2', name: 'John Doe', initials: 'JOD', aliases: [], role: 'member' }];
    const r = resolveOwner('Supt Doe', dir);
    expect(r.kind).toBe('ambiguous');
    expect(r.kind === 'ambiguous' && r.candidates.map((c) => c.personId)).toEqual(['jd', 'jd2']);
  });

  it('takes the first rule that matches: an alias beats initials', () => {
    const dir: Person[] = [
      { id: 'a', name: 'Kim Patel', initials: 'KP', aliases: [], role: 'member' },
      { id: 'b', name: 'Kate Price', initials: 'KAP', aliases: ['KP'], role: 'member' },
    ];
    expect(resolveOwner('KP', dir)).toEqual({ kind: 'person', personId: 'b' });
  });

  it('resolves a list of labels in order', () => {
    expect(resolveOwners(['Supt Okafor', 'OPCC lead (AW)', 'the Force', 'QQ'], people)).toEqual([
      { kind: 'person', personId: 'co' },
      { kind: 'person', personId: 'aw' },
      { kind: 'body', name: 'the Force' },
      { kind: 'unknown', label: 'QQ' },
    ]);
  });
});

describe('unassignedReason', () => {
  it('names who an ambiguous owner could be, and says an alias settles it', () => {
    const both = [
      ...people,
      { id: 'anna-white', name: 'Anna White', initials: 'AW', aliases: [], role: 'member' as const },
    ];
    expect(unassignedReason('AW', both)).toBe(
      '"AW" could be Alex Wong (AW) or Anna White (AW): add an alias to the directory to tell them apart',
    );
  });

  it('says plainly when nobody has those words', () => {
    expect(unassignedReason('ZZ', people)).toBe('not in the directory');
  });
});
