// The Agents Playground shows one person, its config's `currentUser`, and has no way to change
// user in its page: acting as the chair or an owner means starting it with that person as the
// current user. These functions make that config from the shipped one, without I/O.

/** A person as the Playground's config file (version 0.1.1) writes them. */
export interface PlaygroundUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

/** The parts of the config read here; the rest is passed through untouched. */
export interface PlaygroundConfig {
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string };
  [key: string]: unknown;
}

/** The Playground refuses any other number of `users` (and then exits, its reason only in its log). */
export const PLAYGROUND_USERS = 5;

export class PlaygroundConfigError extends Error {}

/** Each person their own 1:1 chat with the bot, so a card sent to one never shows in another's. */
export const personalChatId = (user: PlaygroundUser): string => `personal-${user.id}`;

const FIELDS = ['id', 'name', 'userPrincipleName', 'aadObjectId', 'givenName', 'surname', 'email'] as const;

function userAt(value: unknown, where: string): PlaygroundUser {
  if (typeof value !== 'object' || value === null) throw new PlaygroundConfigError(`${where} is not a person`);
  const record = value as Record<string, unknown>;
  for (const field of FIELDS) {
    if (typeof record[field] !== 'string' || record[field] === '')
      throw new PlaygroundConfigError(`${where} has no ${field}`);
  }
  return value as PlaygroundUser;
}

/** The config as parsed from YAML, checked for what the Playground would refuse without saying why. */
export function checkedConfig(parsed: unknown): PlaygroundConfig {
  if (typeof parsed !== 'object' || parsed === null) throw new PlaygroundConfigError('the file holds no settings');
  const config = parsed as Record<string, unknown>;
  const currentUser = userAt(config.currentUser, 'currentUser');
  if (!Array.isArray(config.users) || config.users.length !== PLAYGROUND_USERS) {
    const count = Array.isArray(config.users) ? config.users.length : 0;
    throw new PlaygroundConfigError(
      `users must list exactly ${PLAYGROUND_USERS} people (the Playground's rule), not ${count}`,
    );
  }
  const users = config.users.map((u, i) => userAt(u, `users[${i}]`));
  const ids = [currentUser, ...users].map((u) => u.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) throw new PlaygroundConfigError(`the user id "${twice}" is given twice`);
  const chat = config.personalChat as { id?: unknown } | undefined;
  if (typeof chat?.id !== 'string') throw new PlaygroundConfigError('personalChat has no id');
  return { ...config, currentUser, users, personalChat: { id: chat.id } };
}

const matches = (user: PlaygroundUser, who: string): boolean => {
  const w = who.trim().toLowerCase();
  return [user.givenName, user.name, user.email].some((s) => s.toLowerCase() === w);
};

/**
 * The config with `who` (a first name, full name or email) as the current user: they swap places
 * with the current one, so `users` keeps its five, and the 1:1 chat becomes theirs.
 */
export function configAs(config: PlaygroundConfig, who: string): PlaygroundConfig {
  const everyone = [config.currentUser, ...config.users];
  const found = everyone.filter((u) => matches(u, who));
  const [chosen] = found;
  if (!chosen || found.length > 1) {
    const names = everyone.map((u) => `${u.givenName} (${u.name})`).join(', ');
    throw new PlaygroundConfigError(
      `${found.length === 0 ? 'nobody' : 'more than one person'} in the Playground's config is "${who}": name one of ${names}`,
    );
  }
  const users = config.users.map((u) => (u.id === chosen.id ? config.currentUser : u));
  return { ...config, currentUser: chosen, users, personalChat: { id: personalChatId(chosen) } };
}
