// The Agents Playground's config (.m365agentsplayground.yml) and the person it is started as: the
// README's walk-through only works if its people are the sample directory's, by the same emails, and
// if the Playground accepts the file (it exits without a word on a config it refuses).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseActionsText } from '../../bot/rules/import-parse.ts';
import { parsePeopleCsv } from '../../bot/rules/people-csv.ts';
import {
  checkedConfig,
  configAs,
  personalChatId,
  PLAYGROUND_USERS,
  type PlaygroundConfig,
} from '../../playground/as-user.ts';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const shipped = (): PlaygroundConfig => checkedConfig(parse(read('.m365agentsplayground.yml')));
const directory = parsePeopleCsv(read('tests/fixtures/people-example.csv')).flatMap((p) =>
  p.kind === 'person' ? [p.person] : [],
);

describe('the shipped Playground config', () => {
  it('has the current user and exactly five more, each once', () => {
    const config = shipped();
    expect(config.users).toHaveLength(PLAYGROUND_USERS);
    const ids = [config.currentUser, ...config.users].map((u) => u.id);
    expect(new Set(ids).size).toBe(6);
  });

  it('holds people of the sample directory, by the same name and email', () => {
    const config = shipped();
    for (const user of [config.currentUser, ...config.users]) {
      const person = directory.find((p) => p.email?.toLowerCase() === user.email.toLowerCase());
      expect(person?.name, user.email).toBe(user.name);
    }
  });

  it('starts as the secretariat, and has the chair, the scrutiny lead and owners of the sample actions', () => {
    const config = shipped();
    const roleOf = (email: string): string | undefined => directory.find((p) => p.email === email)?.role;
    expect(roleOf(config.currentUser.email)).toBe('secretariat');
    const roles = config.users.map((u) => roleOf(u.email));
    expect(roles).toContain('chair');
    expect(roles).toContain('scrutiny');
    const owners = new Set(
      parseActionsText(read('tests/fixtures/actions-arising-example.txt')).flatMap((l) =>
        l.kind === 'action' ? l.labels : [],
      ),
    );
    const owning = config.users.filter((u) => {
      const initials = directory.find((p) => p.email === u.email)?.initials;
      return initials !== undefined && owners.has(initials);
    });
    expect(owning.length).toBeGreaterThanOrEqual(2);
  });

  it('gives its current user the 1:1 chat npm run playground -- NAME would', () => {
    const config = shipped();
    expect(config.personalChat.id).toBe(personalChatId(config.currentUser));
    expect(configAs(config, config.currentUser.givenName)).toEqual(config);
  });
});

describe('starting the Playground as someone else', () => {
  it('swaps them with the current user, keeps five users, and gives them their own 1:1 chat', () => {
    const config = shipped();
    const jane = configAs(config, 'jane');
    expect(jane.currentUser.name).toBe('Jane Doe');
    expect(jane.users).toHaveLength(PLAYGROUND_USERS);
    expect(jane.users.map((u) => u.name)).toContain(config.currentUser.name);
    expect(jane.users.map((u) => u.name)).not.toContain('Jane Doe');
    expect(jane.personalChat.id).toBe('personal-user-jane-doe');
    expect(jane.team).toEqual(config.team);
    expect(checkedConfig(jane)).toEqual(jane);
  });

  it('takes a full name or an email in any case', () => {
    const config = shipped();
    expect(configAs(config, 'MORGAN HALE').currentUser.email).toBe('pcc@example.org.uk');
    expect(configAs(config, ' Jane.Doe@Example.Police.UK ').currentUser.name).toBe('Jane Doe');
  });

  it('names everyone it knows when asked for someone else', () => {
    expect(() => configAs(shipped(), 'alex')).toThrow(
      'nobody in the Playground\'s config is "alex": name one of Priya (Priya Nair), Morgan (Morgan Hale)',
    );
  });
});

describe('what the Playground would refuse without saying why', () => {
  it('refuses four users', () => {
    const config = shipped();
    expect(() => checkedConfig({ ...config, users: config.users.slice(0, 4) })).toThrow(
      "users must list exactly 5 people (the Playground's rule), not 4",
    );
  });

  it('refuses a user id given twice', () => {
    const config = shipped();
    const [first, ...rest] = config.users;
    expect(() => checkedConfig({ ...config, users: [{ ...first!, id: config.currentUser.id }, ...rest] })).toThrow(
      'the user id "user-priya-nair" is given twice',
    );
  });

  it('refuses a person without an email', () => {
    const config = shipped();
    const { email: _email, ...noEmail } = config.currentUser;
    expect(() => checkedConfig({ ...config, currentUser: noEmail })).toThrow('currentUser has no email');
  });
});
