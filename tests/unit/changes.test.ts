import { describe, expect, it } from 'vitest';
import { applyPatch, newAction, statusBeforeDischarge } from '../../bot/rules/changes.ts';
import { MAX_NOTE, TooLongError } from '../../bot/rules/limits.ts';
import { RefusedError } from '../../bot/rules/refused.ts';
import type { Actor, HistoryEntry } from '../../bot/rules/types.ts';

const actor: Actor = { id: 'jane-doe', name: 'Jane Doe', personId: 'jane-doe', role: 'member', channel: 'teams' };
const T0 = '2023-03-14T12:00:00.000Z';
const T1 = '2023-03-20T09:15:00.000Z';
const created = newAction(
  {
    id: '2023-03-14.n001',
    ref: { shape: 'numbered', meeting: '2023-03-14', number: 1 },
    meeting: '2023-03-14',
    owners: [{ label: 'JD', personId: 'jane-doe' }],
    ownerText: 'JD',
    ownerForm: 'prefix',
    text: 'Circulate the terms',
  },
  actor,
  T0,
);

describe('newAction', () => {
  it('starts open at version 1 with a created entry', () => {
    expect(created.next).toMatchObject({ status: 'open', version: 1, createdAt: T0, updatedAt: T0 });
    expect(created.history).toEqual({
      actionId: '2023-03-14.n001',
      at: T0,
      by: 'jane-doe',
      byName: 'Jane Doe',
      channel: 'teams',
      kind: 'created',
      changes: [{ field: 'status', to: 'open' }],
    });
  });
});

describe('applyPatch', () => {
  it('records each changed field with before and after, and bumps the version', () => {
    const c = applyPatch(
      created.next,
      { status: 'in_progress', due: '2023-04-11', note: '  met Insp X on 12 March ' },
      actor,
      T1,
    )!;
    expect(c.next).toMatchObject({
      status: 'in_progress',
      due: '2023-04-11',
      latestNote: 'met Insp X on 12 March',
      latestNoteAt: T1,
      updatedAt: T1,
      version: 2,
    });
    expect(c.history.changes).toEqual([
      { field: 'status', from: 'open', to: 'in_progress' },
      { field: 'due', to: '2023-04-11' },
      { field: 'note' },
    ]);
    expect(c.history.note).toBe('met Insp X on 12 March');
  });

  it('returns null when nothing would change', () => {
    expect(
      applyPatch(created.next, { status: 'open', text: 'Circulate the terms', note: '   ' }, actor, T1),
    ).toBeNull();
  });

  it('describes an owner change by label and person', () => {
    const c = applyPatch(
      created.next,
      { owners: [{ label: 'SCL', personId: 'sam-carter-lee' }, { label: 'the Force' }] },
      actor,
      T1,
    )!;
    expect(c.history.changes).toEqual([{ field: 'owners', from: 'JD=jane-doe', to: 'SCL=sam-carter-lee, the Force' }]);
  });

  it('refuses a note over the limit, as a refusal the user can read', () => {
    const tooLong = () => applyPatch(created.next, { note: 'x'.repeat(MAX_NOTE + 1) }, actor, T1);
    expect(tooLong).toThrow(TooLongError);
    expect(tooLong).toThrow(RefusedError);
    expect(tooLong).toThrow(/note is 4,001 characters; the limit is 4,000/);
  });
});

describe('statusBeforeDischarge', () => {
  const entry = (from: string | undefined, to: string): HistoryEntry => ({
    actionId: 'a',
    at: T1,
    by: 'x',
    byName: 'X',
    channel: 'teams',
    kind: 'updated',
    changes: [{ field: 'status', ...(from ? { from } : {}), to }],
  });

  it('is the status the last discharge changed, so a reopened action is as it was', () => {
    expect(statusBeforeDischarge([entry('open', 'completed'), entry('completed', 'discharged')])).toBe('completed');
    expect(
      statusBeforeDischarge([
        entry('open', 'discharged'),
        entry('discharged', 'in_progress'),
        entry('in_progress', 'discharged'),
      ]),
    ).toBe('in_progress');
  });

  it('is open when the history does not say (imported discharged, or an older record)', () => {
    expect(statusBeforeDischarge([{ ...entry(undefined, 'discharged'), kind: 'created' }])).toBe('open');
    expect(statusBeforeDischarge([])).toBe('open');
  });
});
