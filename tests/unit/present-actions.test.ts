import { describe, expect, it } from 'vitest';
import { actionCard, outstandingCard } from '../../cards/index.ts';
import { actionModel, outstandingModel } from '../../bot/present/actions.ts';
import type { ViewContext } from '../../bot/present/context.ts';
import { outstanding } from '../../bot/rules/outstanding.ts';
import type { Action, Person } from '../../bot/rules/types.ts';
import { validateCard, visibleTexts } from '../helpers/validate-card.ts';

const jane: Person = { id: 'jane-doe', name: 'Jane Doe', initials: 'JD', aliases: [], role: 'member' };
const chair: Person = { id: 'morgan-hale', name: 'Morgan Hale', initials: 'MH', aliases: [], role: 'chair' };
const action = (id: string, extra: Partial<Action> = {}): Action => ({
  id,
  ref: { shape: 'numbered', meeting: '2025-04-15', number: Number(id.slice(-1)) },
  meeting: '2025-04-15',
  owners: [{ label: 'JD', personId: 'jane-doe' }],
  ownerText: 'JD',
  ownerForm: 'prefix',
  text: `Task ${id}`,
  status: 'open',
  createdAt: '2025-04-15T12:00:00Z',
  updatedAt: '2025-04-15T12:00:00Z',
  version: 1,
  ...extra,
});

describe('the chair’s outstanding view', () => {
  it('shows who was chased, and whether they replied since', () => {
    const ctx: ViewContext = {
      board: 'PAM',
      viewer: { id: chair.id, name: chair.name, personId: chair.id, role: 'chair', channel: 'teams' },
      people: new Map([
        [jane.id, jane],
        [chair.id, chair],
      ]),
      meetings: [{ date: '2025-04-15' }, { date: '2025-05-13' }],
      today: '2025-05-02',
      now: new Date('2025-05-02T09:00:00Z'),
    };
    const silent = action('2025-04-15.n001');
    const answered = action('2025-04-15.n002', { repliedAt: '2025-05-01T10:00:00Z', status: 'in_progress' });
    const notChased = action('2025-04-15.n003');
    const view = outstanding([silent, answered, notChased], ctx.people, ctx.meetings, ctx.today);
    const model = outstandingModel(view, ctx, {
      chased: { at: '2025-04-30T08:00:00.000Z', actionIds: new Set([silent.id, answered.id]) },
    });
    const items = model.groups.flatMap((g) => g.items);
    expect(items.map((i) => i.chased)).toEqual([
      'Chased 30/04/2025, no reply yet',
      'Chased 30/04/2025, replied since',
      undefined,
    ]);
    const card = outstandingCard(model);
    expect(validateCard(card)).toEqual([]);
    expect(visibleTexts(card).join('\n')).toContain('Chased 30/04/2025, no reply yet');
  });
});

describe('who an action card refreshes for', () => {
  it('names the Teams user ids (29:...) of its owner, its delegate, the chair and the secretariat, never Entra ids', () => {
    const seen = (p: Person, n: number): Person => ({
      ...p,
      aadObjectId: `0000000${n}-aad`,
      teamsUserId: `29:1user-${n}`,
    });
    const kim: Person = { id: 'kim-patel', name: 'Kim Patel', initials: 'KP', aliases: [], role: 'member' };
    const member: Person = { id: 'tom-ellis', name: 'Tom Ellis', initials: 'TE', aliases: [], role: 'member' };
    const people = [seen(jane, 1), seen(chair, 2), seen(kim, 3), seen(member, 4)];
    const ctx: ViewContext = {
      board: 'PAM',
      viewer: { id: jane.id, name: jane.name, personId: jane.id, role: 'member', channel: 'teams' },
      people: new Map(people.map((p) => [p.id, p])),
      meetings: [{ date: '2025-04-15' }],
      today: '2025-04-20',
      now: new Date('2025-04-20T09:00:00Z'),
    };
    const delegated = action('2025-04-15.n001', { delegate: { personId: kim.id, label: 'KP', byPersonId: jane.id } });
    const card = actionCard(actionModel(delegated, ctx));
    expect(validateCard(card)).toEqual([]);
    const refresh = (card as { refresh?: { userIds?: string[]; action?: { verb?: string } } }).refresh;
    expect(refresh?.action?.verb).toBe('action.view');
    expect(refresh?.userIds).toEqual(['29:1user-1', '29:1user-3', '29:1user-2']);
  });
});
