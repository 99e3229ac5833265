import { describe, expect, it } from 'vitest';
import { cardRefreshUsers, delegationView, type ViewContext } from '../../bot/present/context.ts';
import { isLeadRole } from '../../bot/rules/permissions.ts';
import type { Actor, Person } from '../../bot/rules/types.ts';

/** A person, linked (an Entra id) and seen in Teams (a Teams user id) when `seen` is given. */
const person = (id: string, role: Person['role'], seen?: 'seen' | 'linked only'): Person => ({
  id,
  name: id,
  initials: id.slice(0, 2).toUpperCase(),
  aliases: [],
  role,
  ...(seen ? { aadObjectId: `aad-${id}` } : {}),
  ...(seen === 'seen' ? { teamsUserId: `29:1${id}` } : {}),
});
const people = new Map(
  [
    person('jane', 'member', 'seen'),
    person('kim', 'member', 'seen'),
    person('sam', 'scrutiny', 'seen'),
    person('morgan', 'chair', 'seen'),
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
  it('is its holders and the roles given, by the Teams user ids (29:...) Teams showed for them', () => {
    const chairOrSecretariat = (r: Person['role']) => r === 'chair' || r === 'secretariat';
    // Dana is linked but Teams has not shown the bot her Teams user id yet: a card cannot name her.
    const withDana = new Map([...people, ['dana', person('dana', 'secretariat', 'linked only')]]);
    expect(cardRefreshUsers(['jane', 'alex'], chairOrSecretariat, withDana)).toEqual(['29:1jane', '29:1morgan']);
    expect(cardRefreshUsers(['kim'], isLeadRole, people)).toEqual(['29:1kim', '29:1sam', '29:1morgan']);
  });

  it('names the holders first, so that the 60 a card keeps are never the roles at their expense', () => {
    const many = new Map(
      [
        ...Array.from({ length: 70 }, (_, i) => person(`chair${i}`, 'chair', 'seen')),
        person('kim', 'member', 'seen'),
      ].map((p) => [p.id, p]),
    );
    const users = cardRefreshUsers(['kim'], isLeadRole, many);
    expect(users[0]).toBe('29:1kim');
    expect(users.length).toBe(71);
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
