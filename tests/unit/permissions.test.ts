import { describe, expect, it } from 'vitest';
import { isLead, isLeadRole, mayAddNote, mayEditRecord, maySetStatus, mayUnlink } from '../../bot/rules/permissions.ts';
import type { Action, Actor, Status } from '../../bot/rules/types.ts';

const action = (status: Status = 'open'): Action => ({
  id: '2023-03-14.n001',
  ref: { shape: 'numbered', meeting: '2023-03-14', number: 1 },
  meeting: '2023-03-14',
  owners: [{ label: 'JD', personId: 'jane-doe' }, { label: 'the Force' }],
  ownerText: 'JD',
  ownerForm: 'prefix',
  text: 'Circulate the terms of reference',
  status,
  createdAt: '2023-03-14T12:00:00Z',
  updatedAt: '2023-03-14T12:00:00Z',
  version: 1,
});
const teams = (personId: string, role: Actor['role']): Actor => ({
  id: personId,
  name: personId,
  personId,
  role,
  channel: 'teams',
});
const owner = teams('jane-doe', 'member');
const other = teams('kim-patel', 'member');
const chair = teams('morgan-hale', 'chair');
const secretariat = teams('priya-nair', 'secretariat');
const scrutiny = teams('tom-ellis', 'scrutiny');
const cli: Actor = { id: 'cli:ops', name: 'ops', channel: 'cli' };
const reviewed = { reviewedAtMeeting: true };
const notYet = { reviewedAtMeeting: false };

describe('who may set which status', () => {
  it.each(['in_progress', 'completed', 'blocked'] as const)('an owner may mark their action %s', (to) => {
    expect(maySetStatus(owner, action(), to, notYet)).toEqual({ ok: true });
  });

  it.each(['discharged', 'standing', 'carried_forward'] as const)('an owner may not mark their action %s', (to) => {
    expect(maySetStatus(owner, action('completed'), to, reviewed).ok).toBe(false);
  });

  it('someone who does not own the action may not touch it, whatever they ask', () => {
    for (const to of ['in_progress', 'completed', 'discharged'] as const) {
      const d = maySetStatus(other, action(), to, reviewed);
      expect(d.ok).toBe(false);
    }
    expect(maySetStatus(scrutiny, action(), 'completed', reviewed)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/owners, the chair and the secretariat/),
    });
  });

  it('only the chair discharges, and only once a meeting has reviewed the action', () => {
    expect(maySetStatus(chair, action('completed'), 'discharged', reviewed)).toEqual({ ok: true });
    expect(maySetStatus(chair, action('completed'), 'discharged', notYet)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/at a meeting/),
    });
    expect(maySetStatus(secretariat, action('completed'), 'discharged', reviewed)).toMatchObject({
      ok: false,
      reason: 'only the chair discharges an action',
    });
  });

  it('the secretariat records a meeting’s discharge, and the CLI acts as the secretariat', () => {
    expect(
      maySetStatus(secretariat, action('completed'), 'discharged', { reviewedAtMeeting: true, recordingMeeting: true }),
    ).toEqual({ ok: true });
    expect(
      maySetStatus(cli, action('completed'), 'discharged', { reviewedAtMeeting: false, recordingMeeting: true }),
    ).toEqual({ ok: true });
    expect(maySetStatus(cli, action('completed'), 'discharged', notYet).ok).toBe(false);
  });

  it('a discharged action is reopened by the chair only', () => {
    expect(maySetStatus(owner, action('discharged'), 'in_progress', reviewed).ok).toBe(false);
    expect(maySetStatus(secretariat, action('discharged'), 'open', reviewed).ok).toBe(false);
    expect(maySetStatus(chair, action('discharged'), 'open', reviewed)).toEqual({ ok: true });
  });

  it('the chair and the secretariat carry forward and make standing items', () => {
    for (const actor of [chair, secretariat]) {
      expect(maySetStatus(actor, action('in_progress'), 'carried_forward', notYet)).toEqual({ ok: true });
      expect(maySetStatus(actor, action(), 'standing', notYet)).toEqual({ ok: true });
    }
  });

  it('owning an action is by directory identity, never by the words on it', () => {
    const impostor: Actor = { id: 'x', name: 'JD', role: 'member', channel: 'teams' };
    expect(maySetStatus(impostor, action(), 'completed', reviewed).ok).toBe(false);
  });
});

describe('notes and the record', () => {
  it('owners, chair and secretariat add notes; others do not', () => {
    expect(mayAddNote(owner, action()).ok).toBe(true);
    expect(mayAddNote(chair, action()).ok).toBe(true);
    expect(mayAddNote(other, action()).ok).toBe(false);
  });

  it('only the chair and the secretariat edit the record', () => {
    expect(mayEditRecord(secretariat).ok).toBe(true);
    expect(mayEditRecord(chair).ok).toBe(true);
    expect(mayEditRecord(owner).ok).toBe(false);
    expect(mayEditRecord(cli).ok).toBe(true);
  });
});

describe('who may unlink a Teams account', () => {
  it('the secretariat, and the operator on the CLI', () => {
    expect(mayUnlink(secretariat)).toEqual({ ok: true });
    expect(mayUnlink(cli)).toEqual({ ok: true });
  });

  it('nobody else: not the chair, the scrutiny lead, a member, or a stranger', () => {
    const stranger: Actor = { id: 'aad:x', name: 'Visitor', channel: 'teams' };
    for (const actor of [chair, scrutiny, owner, stranger])
      expect(mayUnlink(actor)).toEqual({ ok: false, reason: 'only the secretariat can unlink a Teams account' });
  });
});

describe('the leads', () => {
  it('are the chair, the secretariat and the scrutiny lead, and the operator’s tools', () => {
    expect(
      ['chair', 'secretariat', 'scrutiny', 'member', undefined].map((r) => isLeadRole(r as Actor['role'])),
    ).toEqual([true, true, true, false, false]);
    expect(isLead(teams('sam', 'scrutiny'))).toBe(true);
    expect(isLead(teams('kim', 'member'))).toBe(false);
    expect(isLead({ id: 'aad:x', name: 'Visitor', channel: 'teams' })).toBe(false);
    expect(isLead({ id: 'cli:alice', name: 'alice', channel: 'cli' })).toBe(true);
  });
});
