// The directory read once per version: two stores on one table stand for two processes (two
// instances of the bot, or the bot and the CLI). Whatever one saves, the other's next list shows,
// because every save rewrites the version row the list is kept by; a row written without it (a
// process of the previous release) is seen within a minute; and a kept list cannot be changed by
// whoever it was handed to.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TableClient } from '@azure/data-tables';
import { createPeopleStore, type PeopleStore } from '../../storage/people.ts';
import { key, keyPart, scopeKey } from '../../storage/keys.ts';
import type { Person, Scope } from '../../bot/rules/types.ts';
import { testTables } from '../helpers/tables.ts';

const scope: Scope = { tenant: 'tenant-1', board: 'PAM' };
const person = (id: string, name: string): Person => ({
  id,
  name,
  initials: id.toUpperCase(),
  aliases: [],
  role: 'member',
});

let table: TableClient;
let one: PeopleStore;
let other: PeopleStore;

beforeAll(async () => {
  table = (await testTables()).client('people');
  one = createPeopleStore(table);
  other = createPeopleStore(table);
  await one.save(scope, person('jd', 'Jane Doe'));
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
