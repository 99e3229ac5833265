// A directory person for tests that build records by hand: a member, initials from the id.
import type { Person } from '../../bot/rules/types.ts';

export const member = (id: string, name: string): Person => ({
  id,
  name,
  initials: id.toUpperCase(),
  aliases: [],
  role: 'member',
});
