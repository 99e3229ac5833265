// The scrutiny questions the minutes record, each a Question of the meeting with the answer given
// at it: the response credited to the respondent (resolved like an owner, never guessed), entered
// by whoever imports the minutes, the question answered. A written response already given (in
// Teams, the tab) is not overwritten by the minutes' summary of it: kept, and said.
import { isAlreadyExists } from '../../../storage/errors.ts';
import type { MinutedQuestion } from '../../minutes/record.ts';
import { describeChanges, isFromMinutes, itemOf } from '../../rules/minutes-plan.ts';
import { resolveOwner } from '../../rules/owners.ts';
import { normaliseNumber } from '../../rules/questions-parse.ts';
import {
  applyQuestionPatch,
  mayDecideQuestion,
  newQuestion,
  questionId,
  type GivenResponse,
  type QuestionPatch,
} from '../../rules/questions.ts';
import { formatLondonDate } from '../../rules/dates.ts';
import { RefusedError } from '../../rules/refused.ts';
import type { Owner, Question, QuestionChange } from '../../rules/types.ts';
import { londonInstant, subtractWorkingDays } from '../../rules/working-days.ts';
import { ownerFrom } from '../import-actions.ts';
import type { PlannedRecord, PlannedSection } from './import.ts';
import { isMeetingTime } from '../meetings.ts';
import { exemptionFor, guarded, section, type MinutesRun } from './run.ts';
import { QUESTION_LEAD_DAYS } from '../questions.ts';

/** The respondent as an Owner, with what to say when the directory does not know them. */
function respondentOf(run: MinutesRun, label: string): { owner: Owner; warnings: string[] } {
  if (label === '') return { owner: { label }, warnings: ['no respondent minuted'] };
  const resolution = resolveOwner(label, run.directory);
  if (resolution.kind === 'unknown') run.notInDirectory.add(label);
  const { owner, warning } = ownerFrom(label, resolution);
  return { owner, warnings: warning ? [warning.replace(/^owner/, 'respondent')] : [] };
}

/** Whether the question's response was entered from minutes (not written by the respondent). */
async function responseFromMinutes(run: MinutesRun, q: Question): Promise<boolean> {
  const history = await run.t.stores.questions.history(run.t.scope, q.id);
  const last = history.filter((h) => h.changes.some((c) => c.field === 'response')).at(-1);
  return isFromMinutes(last?.note);
}

async function questionRecord(run: MinutesRun, q: MinutedQuestion, seen: Set<string>): Promise<PlannedRecord> {
  const number = normaliseNumber(q.number);
  const label = `${number}${q.respondent ? ` ${q.respondent}` : ''} - ${q.text.length > 100 ? `${q.text.slice(0, 99)}…` : q.text}`;
  return guarded(label, async () => {
    const ok = mayDecideQuestion(run.actor);
    if (!ok.ok) throw new RefusedError(ok.reason);
    const id = questionId(run.meeting, number);
    if (seen.has(id)) throw new RefusedError(`${number} appears twice in the minutes: the first is kept`);
    seen.add(id);
    const { owner: respondent, warnings } = respondentOf(run, q.respondent ?? '');
    const item = q.item ?? run.record.questionsItem;
    const exempt = exemptionFor(run, item ? itemOf(item) : null);
    const start = run.calendar.find((m) => m.date === run.meeting)?.time;
    const answered: GivenResponse | undefined = q.answer
      ? {
          response: q.answer,
          by: run.directory.find((p) => p.id === respondent.personId)?.name ?? respondent.label,
          at: londonInstant(run.meeting, start && isMeetingTime(start) ? start : '12:00').toISOString(),
          closedOn: run.meeting,
        }
      : undefined;
    if (!answered) warnings.push('no answer minuted: it stays awaiting a response');
    const now = run.t.now().toISOString();
    const created = newQuestion(
      {
        id,
        number,
        meeting: run.meeting,
        text: q.text,
        respondent,
        ...(q.theme ? { theme: q.theme } : {}),
        due: subtractWorkingDays(run.meeting, QUESTION_LEAD_DAYS),
        ...(exempt ? { exempt } : {}),
        ...(answered ? { answered } : {}),
      },
      run.actor,
      now,
      run.remark,
    );
    const base = { label, warnings, id };
    const { questions } = run.t.stores;

    const current = await questions.get(run.t.scope, id);
    if (!current) {
      const detail = [
        // 'answered by Sam Carter-Lee' names whom 'SCL' is; a name the minutes wrote in full is not said twice.
        answered
          ? answered.by === q.respondent
            ? 'answered at the meeting'
            : `answered by ${answered.by}`
          : undefined,
        exempt ? `exempt: ${exempt.exemption}` : undefined,
      ]
        .filter(Boolean)
        .join('; ');
      const added: PlannedRecord = { result: 'add', ...base, ...(detail ? { detail } : {}) };
      if (run.dryRun) return added;
      try {
        await questions.create(run.t.scope, created.next, created.history);
        return added;
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
      }
    }
    // Already there (entered before the meeting, or these minutes imported before): brought in line.
    let keptResponse: string | undefined;
    const patchFor = async (q0: Question): Promise<QuestionPatch> => {
      const written =
        q0.response !== undefined && q0.response !== answered?.response && !(await responseFromMinutes(run, q0));
      keptResponse =
        written && answered
          ? `the written response of ${q0.respondedBy ?? 'the respondent'} (${formatLondonDate(q0.respondedAt ?? q0.updatedAt)}) stays; the minutes' answer is not stored over it`
          : undefined;
      return {
        text: q.text,
        respondent,
        ...(q.theme ? { theme: q.theme } : {}),
        ...(exempt ? { exempt } : {}),
        ...(answered
          ? {
              state: 'answered' as const,
              closedOn: answered.closedOn,
              ...(keptResponse ? {} : { response: answered.response, given: { by: answered.by, at: answered.at } }),
            }
          : {}),
        remark: run.remark,
      };
    };
    let change: QuestionChange | null = null;
    if (run.dryRun) {
      const q0 = current?.question;
      if (q0) change = applyQuestionPatch(q0, await patchFor(q0), run.actor, now);
    } else {
      // The history read is outside the write's retry loop: the patch is worked out once, on the question as read.
      const q0 = current?.question ?? (await questions.get(run.t.scope, id))?.question;
      const patch = q0 ? await patchFor(q0) : undefined;
      if (patch)
        await questions.change(run.t.scope, id, (fresh) => (change = applyQuestionPatch(fresh, patch, run.actor, now)));
    }
    const said = keptResponse ? [keptResponse] : [];
    if (!change)
      return keptResponse ? { result: 'kept', ...base, detail: keptResponse } : { result: 'unchanged', ...base };
    const changes = (change as QuestionChange).history.changes;
    return { result: 'update', ...base, detail: [describeChanges(changes), ...said].join('; ') };
  });
}

export async function questionsSection(run: MinutesRun): Promise<PlannedSection> {
  const records: PlannedRecord[] = [];
  const seen = new Set<string>();
  for (const q of run.record.questions) records.push(await questionRecord(run, q, seen));
  return section('questions', 'Scrutiny questions', run.record.questions.length, records);
}
