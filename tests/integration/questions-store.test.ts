// The questions table on Azurite: a question, its open and respondent index rows and its history
// written together; ETag-guarded changes that keep both of two concurrent writers' changes.
import { beforeAll, describe, expect, it } from 'vitest';
import { applyQuestionPatch, newQuestion, questionId } from '../../bot/rules/questions.ts';
import type { Actor, Scope } from '../../bot/rules/types.ts';
import { isAlreadyExists, isConflict } from '../../storage/errors.ts';
import { createQuestionStore, type QuestionStore } from '../../storage/questions.ts';
import { testTables } from '../helpers/tables.ts';

const scope: Scope = { tenant: 'tenant-1', board: 'PAM' };
const te: Actor = { id: 'te', name: 'Tom Ellis', role: 'scrutiny', personId: 'te', channel: 'teams' };
const jd: Actor = { id: 'jd', name: 'Jane Doe', role: 'member', personId: 'jd', channel: 'teams' };
const T0 = '2021-04-01T09:00:00.000Z';

const make = (number: string, meeting = '2021-04-27') =>
  newQuestion(
    {
      id: questionId(meeting, number),
      number,
      meeting,
      text: `Question ${number}`,
      respondent: { label: 'JD', personId: 'jd' },
    },
    te,
    T0,
  );

let store: QuestionStore;
beforeAll(async () => {
  store = createQuestionStore((await testTables()).client('questions'));
});

describe('question store', () => {
  it('round-trips a question; lists it by meeting, open and respondent; refuses it twice', async () => {
    const { next, history } = make('Q3a/Q3b');
    await store.create(scope, next, history);
    expect((await store.get(scope, next.id))?.question).toEqual(next);
    expect((await store.listForMeeting(scope, '2021-04-27')).map((q) => q.number)).toEqual(['Q3a/Q3b']);
    expect((await store.listOpenFor(scope, 'jd')).map((q) => q.id)).toEqual([next.id]);
    expect(await store.history(scope, next.id)).toMatchObject([{ kind: 'created', by: 'te' }]);
    await expect(store.create(scope, next, history)).rejects.toSatisfy(isAlreadyExists);
  });

  it('a change with a stale ETag is refused (412); change() re-applies on fresh data so both writers keep theirs', async () => {
    const { next, history } = make('Q1');
    const created = await store.create(scope, next, history);
    const first = applyQuestionPatch(next, { draft: 'draft one' }, jd, '2021-04-02T09:00:00.000Z');
    await store.replace(scope, created, first!);
    const second = applyQuestionPatch(next, { theme: 'Hate crime' }, te, '2021-04-02T09:00:01.000Z');
    await expect(store.replace(scope, created, second!)).rejects.toSatisfy(isConflict);
    const both = await Promise.all([
      store.change(scope, next.id, (q) =>
        applyQuestionPatch(q, { theme: 'Hate crime' }, te, '2021-04-02T10:00:00.000Z'),
      ),
      store.change(scope, next.id, (q) =>
        applyQuestionPatch(
          q,
          { response: 'Answer\n\nin two paragraphs', state: 'answered' },
          jd,
          '2021-04-02T10:00:00.000Z',
        ),
      ),
    ]);
    expect(both.every(Boolean)).toBe(true);
    const got = (await store.get(scope, next.id))?.question;
    expect(got).toMatchObject({
      theme: 'Hate crime',
      response: 'Answer\n\nin two paragraphs',
      state: 'answered',
      version: 4,
    });
    expect((await store.history(scope, next.id)).map((h) => h.version)).toEqual([1, 2, 3, 4]);
  });

  it('closing a question removes its index rows in the same transaction', async () => {
    const { next, history } = make('Q2');
    await store.create(scope, next, history);
    await store.change(scope, next.id, (q) =>
      applyQuestionPatch(q, { state: 'answered', closedOn: '2021-04-27' }, te, '2021-04-27T12:00:00.000Z'),
    );
    expect((await store.listOpen(scope)).map((q) => q.id)).not.toContain(next.id);
    expect((await store.listOpenFor(scope, 'jd')).map((q) => q.id)).not.toContain(next.id);
    expect((await store.listAll(scope)).map((q) => q.id)).toContain(next.id);
  });
});
