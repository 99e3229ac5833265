// Cards for people the bot cannot reach yet, in the real outbox table (Azurite): they wait, are
// never due, are released once however many release them at once, and a resend puts a sent card
// back on its way. And the queue's answer to the race between an import and a link.
import { beforeAll, describe, expect, it } from 'vitest';
import { releaseReachable, releaseWaiting } from '../../bot/outbox/release.ts';
import { queueActionCards } from '../../bot/outbox/queue.ts';
import { resendCards } from '../../bot/outbox/resend.ts';
import { createLogger } from '../../bot/log.ts';
import { linkByEmail } from '../../bot/services/identity.ts';
import { importActions } from '../../bot/services/import-actions.ts';
import { importPeople } from '../../bot/services/people.ts';
import {
  createBoardContext,
  createRequestContext,
  createStores,
  type BoardContext,
  type Stores,
} from '../../bot/services/board-context.ts';
import type { OutboxTarget } from '../../storage/outbox.ts';
import { dmOf, fixture, TENANT } from '../helpers/bot-board.ts';
import { senderFor } from '../helpers/outbox-board.ts';
import { testTables } from '../helpers/tables.ts';
import { DEFAULT_BOT, teamsUser } from '../helpers/teams-activities.ts';
import { personalReference, startTeamsChannel } from '../helpers/teams-channel.ts';

const log = createLogger('error', () => undefined);
const actor = { id: 'test', name: 'Test', channel: 'cli' as const };
const TABLE =
  'Actions Arising\n01.14/03/2023\tJD - Circulate the terms of reference\n02.14/03/2023\tKP - Confirm the staffing\n';

let stores: Stores;
beforeAll(async () => {
  stores = createStores(await testTables());
});

/** A board of its own with the example directory and two actions, JD's and KP's; nobody linked. */
async function board(name: string, on: Stores = stores): Promise<BoardContext> {
  const t = createBoardContext(on, { tenant: 'local', board: name });
  await importPeople(t, fixture('people-example.csv'));
  expect((await importActions(t, TABLE, { actor })).counts.imported).toBe(2);
  return t;
}

const waitingFor = (t: BoardContext, personId: string): OutboxTarget => ({
  kind: 'waiting',
  tenant: t.scope.tenant,
  board: t.scope.board,
  personId,
});

describe('a card waiting in the outbox', () => {
  it('is kept under its person, never due, and released once when two release it at the same moment', async () => {
    const t = await board('RACE');
    const id = 'card|local|RACE|a1|jane-doe';
    expect(await stores.outbox.enqueue({ id, target: waitingFor(t, 'jane-doe'), payload: '{}' }, new Date())).toBe(
      true,
    );
    // The same id again is not a second card, whatever the target.
    const person: OutboxTarget = { kind: 'person', tenant: 'local', aadObjectId: 'aad-jane' };
    expect(await stores.outbox.enqueue({ id, target: person, payload: '{}' }, new Date())).toBe(false);
    expect((await stores.outbox.get(id))?.state).toBe('waiting');
    expect((await stores.outbox.due(new Date(Date.now() + 86_400_000), 100)).map((i) => i.id)).not.toContain(id);
    expect((await stores.outbox.waiting('local', 'RACE', 'jane-doe')).map((i) => i.id)).toEqual([id]);
    expect(await stores.outbox.waiting('local', 'RACE', 'kim-patel')).toEqual([]);

    const both = await Promise.all([
      stores.outbox.reopen(id, ['waiting'], person, new Date()),
      stores.outbox.reopen(id, ['waiting'], person, new Date()),
    ]);
    expect(both.filter(Boolean).length).toBe(1);
    expect(await stores.outbox.get(id)).toMatchObject({ state: 'queued', target: person, attempts: 0 });
    expect(await stores.outbox.waiting('local', 'RACE')).toEqual([]);
    expect((await stores.outbox.due(new Date(Date.now() + 1_000), 1000)).map((i) => i.id)).toContain(id);
    // Queued, it is on its way: a release or a resend leaves it be.
    expect(await stores.outbox.reopen(id, ['waiting', 'sent', 'failed'], person, new Date())).toBeNull();
  });

  it('sent, goes again on a resend, with what the last send left behind cleared', async () => {
    const id = 'card|local|SENT|a1|jane-doe';
    const person: OutboxTarget = { kind: 'person', tenant: 'local', aadObjectId: 'aad-jane' };
    await stores.outbox.enqueue({ id, target: person, payload: '{}' }, new Date());
    const claimed = await stores.outbox.claim((await stores.outbox.get(id))!, new Date(), 60_000);
    await stores.outbox.settle(claimed!, { state: 'sent', activityId: 'act-1', conversationId: 'a:1' }, new Date());
    const again = await stores.outbox.reopen(id, ['sent', 'failed', 'waiting'], person, new Date());
    expect(again).toMatchObject({ state: 'queued', attempts: 0 });
    expect(again?.activityId).toBeUndefined();
    expect((await stores.outbox.get(id))?.activityId).toBeUndefined();
  });
});

describe('owners not reachable when their cards are queued', () => {
  it('get theirs waiting, and once linked, released once', async () => {
    const t = await board('LINK');
    const report = await queueActionCards(t, await stores.actions.listAll(t.scope));
    expect(report).toMatchObject({ queued: 0, toOwners: 0, alreadySent: 0, unreachable: [] });
    expect(report.waiting.map((w) => [w.initials, w.cards])).toEqual([
      ['JD', 1],
      ['KP', 1],
    ]);
    // Imported again: nothing new, and the report still says whom the cards wait for.
    const again = await queueActionCards(t, await stores.actions.listAll(t.scope));
    expect(again.waiting.map((w) => w.initials)).toEqual(['JD', 'KP']);

    const jane = await linkByEmail(t, 'jane.doe@example.police.uk', 'aad-jane-link');
    expect(await releaseWaiting(t, jane!)).toBe(1);
    expect(await releaseWaiting(t, jane!)).toBe(0);
    const queued = (await stores.outbox.list('queued')).filter((i) => i.id.includes('|LINK|'));
    expect(queued.map((i) => [i.id, i.target])).toEqual([
      ['card|local|LINK|2023-03-14.n001|jane-doe', { kind: 'person', tenant: 'local', aadObjectId: 'aad-jane-link' }],
    ]);
    expect((await stores.outbox.waiting('local', 'LINK')).map((i) => i.id)).toEqual([
      'card|local|LINK|2023-03-14.n002|kim-patel',
    ]);
  });

  it('linked while the import was writing their cards: the cards go at once, not at their next message', async () => {
    const t = await board('RACED');
    // The import's request read the directory before Kim was linked (it reads it once a request)...
    const request = createRequestContext(stores, t.scope);
    expect((await request.stores.people.list(t.scope)).every((p) => !p.person.aadObjectId)).toBe(true);
    // ...then Kim's roster entry linked her, with nothing of hers waiting yet to release.
    const kim = await linkByEmail(t, 'kim.patel@example.police.uk', 'aad-kim-raced');
    expect(await releaseWaiting(t, kim!)).toBe(0);
    const report = await queueActionCards(request, await stores.actions.listAll(t.scope));
    expect(report.toOwners).toBe(1);
    expect(report.waiting.map((w) => w.initials)).toEqual(['JD']);
    expect(await stores.outbox.get('card|local|RACED|2023-03-14.n002|kim-patel')).toMatchObject({
      state: 'queued',
      target: { kind: 'person', aadObjectId: 'aad-kim-raced' },
    });
  });

  it('reached while no process was running: released at the next start, once', async () => {
    const t = await board('START');
    await queueActionCards(t, await stores.actions.listAll(t.scope));
    // Linked, and the process died before it released Jane's card.
    await linkByEmail(t, 'jane.doe@example.police.uk', 'aad-jane-start');
    const released = await releaseReachable(stores, log);
    expect(released).toBeGreaterThanOrEqual(1);
    expect((await stores.outbox.get('card|local|START|2023-03-14.n001|jane-doe'))?.state).toBe('queued');
    expect((await stores.outbox.get('card|local|START|2023-03-14.n002|kim-patel'))?.state).toBe('waiting');
    await releaseReachable(stores, log);
    expect((await stores.outbox.get('card|local|START|2023-03-14.n001|jane-doe'))?.attempts).toBe(0);
  });
});

describe('a card queued for someone linked whom no chat can be opened with yet', () => {
  it('goes back to wait for them, without a call to Teams, and goes once Teams has shown them', async () => {
    const own = createStores(await testTables());
    const channel = await startTeamsChannel();
    try {
      const t = await board('NOCHAT', own);
      const user = teamsUser('Jane Doe', { email: 'jane.doe@example.police.uk' });
      // Linked (as by an older version, or by hand), with no 1:1 chat known nor how to open one.
      const jane = await linkByEmail(t, user.email as string, user.aadObjectId);
      expect((await queueActionCards(t, await own.actions.listAll(t.scope))).toOwners).toBe(1);
      const id = 'card|local|NOCHAT|2023-03-14.n001|jane-doe';
      const { sender, events } = senderFor(own);
      expect(await sender.drain()).toBe(0);
      expect(await own.outbox.get(id)).toMatchObject({ state: 'waiting', target: waitingFor(t, 'jane-doe') });
      expect(events.filter((e) => e.event === 'outbox.waiting').map((e) => e.id)).toEqual([id]);
      expect(channel.requests).toEqual([]);

      // Teams shows her (a roster read keeps where to open her chat); her card is released, and goes once.
      await own.conversations.save('local', {
        kind: 'personal',
        id: user.aadObjectId,
        reference: JSON.stringify(personalReference(channel.serviceUrl, user, { tenantId: TENANT, bot: DEFAULT_BOT })),
        updatedAt: new Date().toISOString(),
      });
      expect(await releaseWaiting(t, jane!)).toBe(1);
      expect(await sender.drain()).toBe(1);
      expect(await own.outbox.get(id)).toMatchObject({ state: 'sent', attempts: 1 });
      expect(channel.sent(dmOf(user)).length).toBe(1);
      expect(await sender.drain()).toBe(0);
    } finally {
      await channel.close();
    }
  });
});

describe('resend', () => {
  it('puts a person’s sent cards on their way again and counts one on its way already once', async () => {
    const t = await board('RESEND');
    const jane = await linkByEmail(t, 'jane.doe@example.police.uk', 'aad-jane-resend');
    expect(jane).not.toBeNull();
    await queueActionCards(t, await stores.actions.listAll(t.scope));
    const id = 'card|local|RESEND|2023-03-14.n001|jane-doe';
    // Still queued: a resend counts it on the way, and does not queue a second.
    expect((await resendCards(t, { who: 'JD' })).report).toMatchObject({ toOwners: 1, waiting: [] });
    const claimed = await stores.outbox.claim((await stores.outbox.get(id))!, new Date(), 60_000);
    await stores.outbox.settle(claimed!, { state: 'sent', activityId: 'act-9' }, new Date());
    const { report, to } = await resendCards(t, { who: 'Jane Doe' });
    expect(to).toBe('Jane Doe (JD)');
    expect(report).toMatchObject({ toOwners: 1, waiting: [], unreachable: [] });
    expect(await stores.outbox.get(id)).toMatchObject({ state: 'queued', attempts: 0 });
    // A meeting's: Jane's again on its way, Kim's waiting for her.
    const meeting = await resendCards(t, { meeting: '2023-03-14' });
    expect(meeting.to).toBe('the owners and respondents of the meeting of 14/03/2023');
    expect(meeting.report.toOwners).toBe(1);
    expect(meeting.report.waiting.map((w) => [w.initials, w.cards])).toEqual([['KP', 1]]);
  });
});
