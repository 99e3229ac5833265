// The minutes of 14/03/2023 as a correct reading finds them (tests/fixtures/minutes-2023-03-14.expected.json),
// as a MinutesRecord: people and owners as the minutes WRITE them ('DJ', 'Supt Okafor / OPCC lead (AW)',
// 'the Force', 'RG'), to be resolved against the directory by the import. Each call gives a fresh copy.
import type { MinutesRecord } from '../../bot/minutes/record.ts';
import { splitOwnerLabels } from '../../bot/rules/owners.ts';
import { parseStatusWord } from '../../bot/rules/statuses.ts';
import { EXPECTED } from './minutes-expected.ts';

// Rows the minutes write 'XX to do ...' (the rest 'XX - Do ...'), with the task's first letter as written.
const SUBJECT_FORM = new Set(['04 14/03/2023.ii', 'N/A', '06 14/03/2023', '07 14/03/2023']);
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

export function minutesRecord(): MinutesRecord {
  const e = EXPECTED;
  const exempt = new Map(e.exemptItems.map((x) => [x.item, x]));
  return {
    meeting: { ...e.meeting },
    attendees: e.attendees.map((a) => ({ name: a.name, capacity: a.capacity, dialIn: a.dialIn })),
    apologies: e.apologies.map((a) => ({
      name: a.name,
      capacity: a.capacity,
      ...(a.representative ? { representative: a.representative.asWritten } : {}),
    })),
    items: e.items.map((i) => {
      const x = exempt.get(i.number);
      return {
        number: i.number,
        title: i.title,
        ...(x ? { exempt: { text: x.exemption, section: x.section, reason: x.reason } } : {}),
      };
    }),
    reviewed: e.reviewedActions.map((r) => {
      const ownersAsWritten = r.ownersAsWritten ?? r.owners.join(' / ');
      const status = parseStatusWord(r.status);
      return {
        ...(r.ref ? { ref: r.ref } : {}),
        meeting: r.meeting,
        ownersAsWritten,
        owners: splitOwnerLabels(ownersAsWritten),
        ...(ownersAsWritten ? { ownerForm: 'subject' as const } : {}),
        text: ownersAsWritten ? lowerFirst(r.text) : r.text,
        outcome: r.outcome,
        ...(r.updatedTo ? { updatedTo: [...r.updatedTo] } : {}),
        ...(status ? { status } : {}),
      };
    }),
    questionsItem: e.questionsItem,
    questionsPutBy: e.questionsPutBy,
    questions: e.questions.map((q) => ({
      number: q.number,
      text: q.text,
      respondent: q.respondentAsWritten ?? q.respondent,
      answer: q.answer,
      ...(q.parts ? { parts: q.parts.map((p) => ({ ...p })) } : {}),
    })),
    actionsArising: e.actionsArising.map((a) => {
      const ownersAsWritten = a.ownersAsWritten ?? (a.owners[0] === 'the Force' ? 'The Force' : a.owners.join(' / '));
      const subject = SUBJECT_FORM.has(a.ref);
      return {
        ref: a.ref,
        ownersAsWritten,
        owners: splitOwnerLabels(ownersAsWritten),
        ownerForm: subject ? ('subject' as const) : ('prefix' as const),
        text: subject ? lowerFirst(a.text) : a.text,
      };
    }),
    itemColumnActions: e.itemColumnActions.map((a) => ({
      item: a.item,
      numeral: a.numeral,
      ownersAsWritten: a.owners.join(' / '),
      owners: [...a.owners],
      text: a.text,
      sameAs: a.sameAs,
    })),
    deepDives: e.deepDives.map((d) => ({
      month: d.month,
      focus: d.focus,
      ...(d.quarter ? { quarter: d.quarter } : {}),
      ...(d.topic ? { topic: d.topic } : {}),
    })),
    nextMeeting: { ...e.nextMeeting },
    unplaced: [],
  };
}
