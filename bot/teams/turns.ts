// A proactive turn whose errors reach the caller. botbuilder hands errors thrown inside
// continueConversationAsync / createConversationAsync to onTurnError and does not rethrow them,
// so a failed send would look like a sent one.
import type { Activity, TurnContext } from 'botbuilder';

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

const MAX_RETRY_AFTER_MS = 5_000;

/**
 * Sends a reply in a turn. Teams' client no longer retries by itself (every call is counted), so a
 * reply Teams throttles is sent once more here after its Retry-After: the person is waiting for it.
 */
export async function reply(ctx: TurnContext, activity: Partial<Activity>): Promise<void> {
  try {
    await ctx.sendActivity(activity);
  } catch (err) {
    const e = err as { statusCode?: number; response?: { headers?: { get?(name: string): string | undefined } } };
    if (e.statusCode !== 429) throw err;
    const seconds = Number(e.response?.headers?.get?.('retry-after') ?? 1);
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(MAX_RETRY_AFTER_MS, Number.isFinite(seconds) ? seconds * 1000 : 1000)),
    );
    await ctx.sendActivity(activity);
  }
}
