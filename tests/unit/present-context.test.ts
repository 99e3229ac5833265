import { describe, expect, it } from 'vitest';
import { cardRefreshUsers, delegationView, type ViewContext } from '../../bot/present/context.ts';
import { isLeadRole } from '../../bot/rules/permissions.ts';
import type { Actor, Person } from '../../bot/rules/types.ts';

const person = (id: string, role: Person['role'], aad?: string): Person => ({
  id,
  name: id,
  initials: id.slice(0, 2).toUpperCase(),
  aliases: [],
  role,
  ...(aad ? { aadObjectId: aad } : {}),
});
const people = new Map(
  [
    person('jane', 'member', 'aad-jane'),
    person('kim', 'member', 'aad-kim'),
    person('sam', 'scrutiny', 'aad-sam'),
    person('morgan', 'chair', 'aad-morgan'),
    person('alex', 'member'),
  ].map((p) => [p.id, p]),
);
const as = (personId: string, role: Person['role']): Actor => ({
  id: personId,
  name: personId,
  personId,
  role,
  channel: 'teams',
});
const ctx = (viewer: Actor): ViewContext => ({
  board: 'PAM',
  viewer,
  people,
  meetings: [],
  today: '2023-04-20',
  now: new Date('2023-04-20T09:00:00Z'),
});

describe('who redraws a card', () => {
  it('is its holders and the roles given, only those reachable in Teams', () => {
    const chairOrSecretariat = (r: Person['role']) => r === 'chair' || r === 'secretariat';
    expect(cardRefreshUsers(['jane', 'alex'], chairOrSecretariat, people)).toEqual(['aad-jane', 'aad-morgan']);
    expect(cardRefreshUsers(['kim'], isLeadRole, people)).toEqual(['aad-kim', 'aad-sam', 'aad-morgan']);
  });
});

describe('the delegation part of an action or question card', () => {
  const delegated = { delegate: { personId: 'kim', label: 'KI' } };
  it('offers the owner the colleagues to hand it to, and taking it back', () => {
    const view = delegationView(delegated, ['jane'], true, ctx(as('jane', 'member')));
    expect(view.delegatedTo).toBe('kim (KI)');
    expect(view.delegateChoices?.map((c) => c.value)).toEqual(['sam', 'morgan', 'alex']);
    expect(view.canTakeBack).toBe(true);
  });
  it('lets the delegate pass nothing on, the chair take it back, and nobody act on a closed item', () => {
    expect(delegationView(delegated, ['jane'], true, ctx(as('kim', 'member')))).toEqual({ delegatedTo: 'kim (KI)' });
    expect(delegationView(delegated, ['jane'], true, ctx(as('morgan', 'chair')))).toEqual({
      delegatedTo: 'kim (KI)',
      canTakeBack: true,
    });
    expect(delegationView(delegated, ['jane'], false, ctx(as('jane', 'member')))).toEqual({ delegatedTo: 'kim (KI)' });
  });
});
