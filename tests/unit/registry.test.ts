import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARD_VERBS } from '../../cards/verbs.ts';
import { CARD_HANDLERS, COMMAND_HANDLERS, cardHandler, commandHandler } from '../../bot/chat/registry.ts';
import type { Actor } from '../../bot/rules/types.ts';
import { COMMANDS, MORE_COMMANDS } from '../../bot/rules/commands.ts';

const CARDS_DIR = join(import.meta.dirname, '../../cards');

/** Every `verb` a template puts on a button. */
function templateVerbs(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) templateVerbs(n, found);
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      if (k === 'verb' && typeof v === 'string') found.add(v);
      else templateVerbs(v, found);
    }
  return found;
}

describe('the registry of commands and card verbs', () => {
  it('has one handler for every command help and the manifest name, and for what was not understood', () => {
    // `paste`: a command typed without its text, answered with the paste card.
    const kinds = [...COMMANDS, ...MORE_COMMANDS].map((c) => c.kind as string).concat(['unknown', 'invalid', 'paste']);
    const handled = COMMAND_HANDLERS.map((h) => h.command as string);
    expect(new Set(handled).size).toBe(handled.length);
    expect([...handled].sort()).toEqual([...new Set(kinds)].sort());
  });

  it('has one handler for every card verb, and no other', () => {
    const verbs = CARD_HANDLERS.map((h) => h.verb as string);
    expect(new Set(verbs).size).toBe(verbs.length);
    expect([...verbs].sort()).toEqual([...CARD_VERBS].sort());
  });

  it('knows every verb the card templates put on a button, and each is offered by some card', () => {
    const used = new Set<string>();
    for (const file of readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json')))
      templateVerbs(JSON.parse(readFileSync(join(CARDS_DIR, file), 'utf8')), used);
    expect([...used].sort()).toEqual([...CARD_VERBS].sort());
  });

  it('says who may use each command (in help and the menus) exactly as its handler decides it', () => {
    const roles = ['chair', 'secretariat', 'scrutiny', 'member'] as const;
    for (const c of [...COMMANDS, ...MORE_COMMANDS]) {
      const handler = commandHandler(c.kind);
      for (const role of roles) {
        const actor: Actor = { id: 'p1', personId: 'p1', name: 'Pat Example', role, channel: 'teams' };
        const listed = c.who === 'everyone' || c.who.split(', ').includes(role);
        expect(handler?.who ? handler.who(actor).ok : true, `${c.name} for ${role}`).toBe(listed);
      }
    }
  });

  it('answers a command typed without its text with the paste card only for whoever may use that command', async () => {
    const paste = commandHandler('paste');
    const member: Actor = { id: 'p1', personId: 'p1', name: 'Pat Example', role: 'member', channel: 'teams' };
    const scrutiny: Actor = { ...member, role: 'scrutiny' };
    const t = { scope: { tenant: 't', board: 'PAM' } } as Parameters<NonNullable<typeof paste>['run']>[0];
    await expect(paste?.run(t, member, { kind: 'paste', what: 'minutes' }, {})).rejects.toThrow(
      'only the chair and the secretariat import the minutes',
    );
    await expect(paste?.run(t, member, { kind: 'paste', what: 'scrutiny' }, {})).rejects.toThrow(
      'questions are put by the scrutiny lead, the secretariat or the chair',
    );
    const card = await paste?.run(t, scrutiny, { kind: 'paste', what: 'scrutiny' }, {});
    expect(JSON.stringify(card?.replies)).toContain('paste.submit');
  });

  it('finds no handler for a verb that is an object key', () => {
    for (const verb of ['constructor', '__proto__', 'toString', '']) expect(cardHandler(verb)).toBeUndefined();
  });
});
