// The tab's pure parts: an action as the tab shows it (the card's view, plus days overdue), the
// page shell, and the bundle cache (built once; a failed build is tried again).
import { describe, expect, it } from 'vitest';
import type { ViewContext } from '../../bot/present/context.ts';
import { cachedBundle } from '../../bot/http/tab.ts';
import { tabAction } from '../../bot/http/tab-api.ts';
import { tabPage } from '../../bot/tab/page.ts';
import type { Action, Person } from '../../bot/rules/types.ts';

const jane: Person = { id: 'jane-doe', name: 'Jane Doe', initials: 'JD', aliases: [], role: 'member' };
const action: Action = {
  id: '2023-03-14.n001',
  ref: { shape: 'numbered', meeting: '2023-03-14', number: 1 },
  meeting: '2023-03-14',
  owners: [{ label: 'JD', personId: 'jane-doe' }, { label: 'The Force' }],
  ownerText: 'JD / The Force',
  ownerForm: 'prefix',
  text: 'Circulate the terms of reference',
  due: '2023-04-11',
  status: 'open',
  createdAt: '2023-03-14T12:00:00.000Z',
  updatedAt: '2023-03-14T12:00:00.000Z',
  version: 2,
};
const ctx = (viewer: ViewContext['viewer']): ViewContext => ({
  board: 'PAM',
  viewer,
  people: new Map([[jane.id, jane]]),
  meetings: [{ date: '2023-03-14' }, { date: '2023-04-11' }],
  today: '2023-04-20',
  now: new Date('2023-04-20T09:00:00Z'),
});

describe('tabAction', () => {
  it('is the card’s view of the action, with days overdue and the flags', () => {
    const owner = tabAction(
      action,
      ctx({ id: 'jane-doe', personId: 'jane-doe', name: 'Jane Doe', role: 'member', channel: 'tab' }),
    );
    expect(owner).toMatchObject({
      ref: '01.14/03/2023',
      owners: ['Jane Doe', 'The Force'],
      ownerIds: ['jane-doe'],
      meetingDate: '14/03/2023',
      dueDate: '11/04/2023',
      statusLabel: 'Open',
      overdue: true,
      daysOverdue: 9,
      noReply: true,
      version: 2,
      canReply: true,
    });
    const kim = ctx({ id: 'kim', personId: 'kim', name: 'Kim', role: 'member', channel: 'tab' });
    expect(tabAction(action, kim).canReply).toBe(false);
    expect(tabAction({ ...action, status: 'completed' }, kim)).toMatchObject({ overdue: false, daysOverdue: 0 });
  });
});

describe('the page shell', () => {
  it('has no inline script, and says whether the dev sign-in is offered', () => {
    const html = tabPage({ page: 'dashboard', devLogin: false });
    expect(html).toContain('data-dev-login="0"');
    expect(html).toMatch(/<script src="\/tab\/tab.js" defer><\/script>/);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(tabPage({ page: 'config', devLogin: true })).toContain('data-page="config" data-dev-login="1"');
  });
});

describe('cachedBundle', () => {
  it('builds once, and again after a failure', async () => {
    let calls = 0;
    const bundle = cachedBundle(async () => {
      calls++;
      if (calls === 1) throw new Error('esbuild failed');
      return { js: 'x', bytes: 1, gzipBytes: 1 };
    });
    await expect(bundle()).rejects.toThrow('esbuild failed');
    await expect(bundle()).resolves.toMatchObject({ js: 'x' });
    await bundle();
    expect(calls).toBe(2);
  });
});
