// A proactive turn whose errors reach the caller. botbuilder hands errors thrown inside
// continueConversationAsync / createConversationAsync to onTurnError and does not rethrow them,
// so a failed send would look like a sent one.
import type { TurnContext } from 'botbuilder';

/** Runs `send` inside the turn that `open` starts, and rethrows whatever it threw. */
export async function inTurn<T>(
  open: (logic: (ctx: TurnContext) => Promise<void>) => Promise<void>,
  send: (ctx: TurnContext) => Promise<T>,
): Promise<T> {
  let result: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  await open(async (ctx) => {
    try {
      result = { ok: true, value: await send(ctx) };
    } catch (error) {
      result = { ok: false, error };
    }
  });
  if (!result) throw new Error('the Bot Connector turn did not run');
  if (!result.ok) throw result.error;
  return result.value;
}
