// The directory and the calendar read once per version (storage/kept.ts): two stores on one table
// stand for two processes (two instances of the bot, or the bot and the CLI). Whatever one saves,
// the other's next list shows, because every save rewrites the version row the list is kept by; a
// row written without it (a process of the previous release) is seen within a minute; and a kept
// list cannot be changed by whoever it was handed to.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TableClient } from '@azure/data-tables';
import { createMeetingStore, type MeetingStore } from '../../storage/meetings.ts';
import { createPeopleStore, type PeopleStore } from '../../storage/people.ts';
import { key, keyPart, scopeKey } from '../../storage/keys.ts';
import type { Scope } from '../../bot/rules/types.ts';
import { testTables } from '../helpers/tables.ts';
import { member } from '../helpers/people.ts';

const scope: Scope = { tenant: 'tenant-1', board: 'PAM' };
const person = member;

let table: TableClient;
let one: PeopleStore;
let other: PeopleStore;
let meetingsTable: TableClient;
let calendar: MeetingStore;
let otherCalendar: MeetingStore;

beforeAll(async () => {
  const tables = await testTables();
  table = tables.client('people');
  one = createPeopleStore(table);
  other = createPeopleStore(table);
  await one.save(scope, person('jd', 'Jane Doe'));
  meetingsTable = tables.client('meetings');
  calendar = createMeetingStore(meetingsTable);
  otherCalendar = createMeetingStore(meetingsTable);
});

afterEach(() => {
  vi.restoreAllMocks();
});

const names = async (store: PeopleStore): Promise<string[]> => (await store.list(scope)).map((p) => p.person.name);

describe('the directory, read again only when it changed', () => {
  it('shows what another process saved: a person added, renamed, linked', async () => {
    expect(await names(one)).toEqual(['Jane Doe']);
    await other.save(scope, person('aw', 'Alex Wong'));
    expect(await names(one)).toEqual(['Alex Wong', 'Jane Doe']);

    const alex = (await other.list(scope)).find((p) => p.person.id === 'aw');
    if (!alex) throw new Error('Alex was not listed');
    await other.save(scope, { ...alex.person, name: 'Alex Wong-Hill', aadObjectId: 'aad-aw' }, alex);
    const seen = (await one.list(scope)).find((p) => p.person.id === 'aw');
    expect(seen?.person).toMatchObject({ name: 'Alex Wong-Hill', aadObjectId: 'aad-aw' });
    // Its ETag is the stored one: a save on it goes through.
    if (!seen) throw new Error('Alex was not listed');
    await expect(one.save(scope, { ...seen.person, capacity: 'Inspector' }, seen)).resolves.toBeDefined();
    expect((await other.list(scope)).find((p) => p.person.id === 'aw')?.person.capacity).toBe('Inspector');
  });

  it('does not read the directory again while its version is unchanged', async () => {
    await one.list(scope);
    const listed = vi.spyOn(table, 'listEntities');
    await one.list(scope);
    await one.list(scope);
    expect(listed).not.toHaveBeenCalled();
    await other.save(scope, person('kb', 'Kim Brown'));
    expect(await names(one)).toContain('Kim Brown');
    expect(listed).toHaveBeenCalledTimes(1);
  });

  it('sees within a minute a person written without the version row (a process of the previous release)', async () => {
    await one.list(scope);
    const pk = scopeKey(scope);
    await table.createEntity({
      partitionKey: pk,
      rowKey: key('p', keyPart('old')),
      id: 'old',
      name: 'Olive Older',
      initials: 'OO',
      aliases: '[]',
      role: 'member',
    });
    expect(await names(one)).not.toContain('Olive Older');
    const now = performance.now();
    vi.spyOn(performance, 'now').mockReturnValue(now + 61_000);
    expect(await names(one)).toContain('Olive Older');
  });

  it('hands out a list nobody can change for the next reader', async () => {
    const listed = await one.list(scope);
    const [first] = listed;
    if (!first) throw new Error('nobody was listed');
    expect(() => {
      first.person.name = 'Changed';
    }).toThrow(TypeError);
    expect(() => {
      first.person.aliases.push('X');
    }).toThrow(TypeError);
    listed.reverse(); // the list itself is the caller's own
    expect((await one.list(scope))[0]?.person.name).toBe(first.person.name);
  });
});

describe('the calendar, read again only when it changed', () => {
  const dates = async (store: MeetingStore): Promise<string[]> => (await store.list(scope)).map((m) => m.date);

  it('shows what another process saved, in date order, and nothing of its version row', async () => {
    await calendar.save(scope, { date: '2025-02-11' });
    expect(await dates(otherCalendar)).toEqual(['2025-02-11']);
    await calendar.save(scope, { date: '2025-01-14' });
    expect(await dates(otherCalendar)).toEqual(['2025-01-14', '2025-02-11']);
    const stored = await calendar.get(scope, '2025-01-14');
    if (!stored) throw new Error('the meeting was not stored');
    await calendar.save(scope, { ...stored.meeting, location: 'Police HQ' }, stored);
    expect((await otherCalendar.list(scope))[0]).toMatchObject({ date: '2025-01-14', location: 'Police HQ' });
    // Its ETag came back from the transaction: saving on it again goes through, and a stale one is refused.
    const again = await calendar.get(scope, '2025-01-14');
    if (!again) throw new Error('the meeting was not stored');
    const saved = await calendar.save(scope, { ...again.meeting, focus: 'E&E' }, again);
    await expect(calendar.save(scope, { ...again.meeting, focus: 'R&R' }, again)).rejects.toMatchObject({
      statusCode: 412,
    });
    await expect(calendar.save(scope, { ...saved.meeting, focus: 'P&P' }, saved)).resolves.toBeDefined();
    await expect(calendar.save(scope, { date: '2025-01-14' })).rejects.toMatchObject({ statusCode: 409 });
  });

  it('does not read the meetings again while the version is unchanged, and hands out frozen ones', async () => {
    await calendar.list(scope);
    const listed = vi.spyOn(meetingsTable, 'listEntities');
    const [first] = await calendar.list(scope);
    expect(listed).not.toHaveBeenCalled();
    expect(() => {
      if (first) first.location = 'Elsewhere';
    }).toThrow(TypeError);
    await otherCalendar.save(scope, { date: '2025-03-11' });
    expect(await dates(calendar)).toContain('2025-03-11');
    expect(listed).toHaveBeenCalledTimes(1);
  });
});
