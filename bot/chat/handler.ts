// What a handler is: one command or one card verb, who may use it, and what it does. The one list
// of them is registry.ts.
import type { CardVerb } from '../../cards/verbs.ts';
import type { BoardContext } from '../services/board-context.ts';
import type { Command, CommandKind } from '../rules/commands.ts';
import type { Decision } from '../rules/permissions.ts';
import type { Actor } from '../rules/types.ts';
import type { PapersEnv } from '../present/papers.ts';
import type { CardAction, CardOutcome, CommandOutcome } from './replies.ts';

export type { PapersEnv };

/** Who may use a command or a button; a refusal's reason is shown to the person. */
export type Who = (actor: Actor) => Decision;

export interface CommandHandler {
  command: CommandKind;
  who?: Who;
  run(t: BoardContext, actor: Actor, command: Command, env: PapersEnv): Promise<CommandOutcome>;
}

export interface CardHandler {
  verb: CardVerb;
  who?: Who;
  run(t: BoardContext, actor: Actor, action: CardAction): Promise<CardOutcome>;
}

/** A handler for one command, typed by its kind. */
export function onCommandKind<K extends CommandKind>(
  command: K,
  handler: {
    who?: Who;
    run(t: BoardContext, actor: Actor, command: Extract<Command, { kind: K }>, env: PapersEnv): Promise<CommandOutcome>;
  },
): CommandHandler {
  return {
    command,
    ...(handler.who ? { who: handler.who } : {}),
    // dispatch only hands a handler the command of its kind
    run: (t, actor, c, env) => handler.run(t, actor, c as Extract<Command, { kind: K }>, env),
  };
}

/** A permission from the rules, refused with this handler's own words. */
export function only(rule: (actor: Actor) => boolean | Decision, reason: string): Who {
  return (actor) => {
    const r = rule(actor);
    return (typeof r === 'boolean' ? r : r.ok) ? { ok: true } : { ok: false, reason };
  };
}
