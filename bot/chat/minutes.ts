// A meeting's minutes in the chat: sent as a Word file, or pasted after `minutes`, they are read
// and previewed on a card; the reading is held (storage/pending-imports.ts) under an id the card's
// Import and Cancel carry with its digest, so Import applies exactly what was previewed.
import { messageCard } from '../../cards/index.ts';
import { VERB } from '../../cards/verbs.ts';
import { digestOf, type PendingImport, type StoredPending } from '../../storage/pending-imports.ts';
import { StorageLimitError } from '../../storage/limits.ts';
import { MinutesFileError } from '../minutes/document.ts';
import { openMinutes } from '../minutes/open.ts';
import { readMinutes } from '../minutes/read.ts';
import type { MinutesRecord } from '../minutes/record.ts';
import type { BoardContext } from '../services/board-context.ts';
import {
  applyMinutes,
  previewMinutes,
  type MinutesImportOptions,
  type MinutesPreview,
} from '../services/minutes/import.ts';
import { formatLondon } from '../rules/dates.ts';
import type { DateWords } from '../rules/minutes-plan.ts';
import { mayImportMinutes } from '../rules/permissions.ts';
import { RefusedError } from '../rules/refused.ts';
import type { Actor, IsoDate } from '../rules/types.ts';
import { minutesCardFor } from '../present/minutes.ts';
import { reportUnreachable } from './actions.ts';
import { textOf } from './card-inputs.ts';
import { onCommandKind, type CardHandler, type CommandHandler, type Who } from './handler.ts';
import { answered, cardNotice, cardReply, type CardAction, type CardOutcome, type Reply } from './replies.ts';

/** Only the chair and the secretariat import minutes. */
export const importsMinutes: Who = mayImportMinutes;

/** A file someone sent the bot: its name, and its bytes when read (the Teams layer downloads it). */
export interface ReceivedFile {
  name: string;
  read(): Promise<Uint8Array>;
}

/** How long an Import may run before another press may take it over (it applies only what is still to change). */
const APPLY_LEASE_MS = 5 * 60 * 1000;

/** What Import did, kept with the held import so that a second press redraws it. */
interface Outcome {
  applied: MinutesPreview;
  /** The cards queued for owners, and who could not be reached, in words. */
  sent: string;
  setAside?: MinutesRecord['setAside'];
}

const planDigest = (plan: MinutesPreview): string => digestOf(JSON.stringify(plan));

/** What pasted minutes are called on the card (a file goes by its name). */
const PASTED = 'pasted text';

const sourceLine = (p: Pick<PendingImport, 'source' | 'by'>): string => `${p.source} · sent by ${p.by.name}`;

// In Teams the date comes with the message that sends the file, or on the paste card.
const TEAMS_DATE_WORDS: DateWords = {
  give: 'send them again with it (14/03/2023 in the message with the file, or the date on the card)',
  correct: (minuted) => `send them again without a date, or with ${minuted}`,
};

const optionsFor = (actor: Actor, meeting: IsoDate | undefined): MinutesImportOptions => ({
  actor,
  ...(meeting ? { meeting } : {}),
  dateWords: TEAMS_DATE_WORDS,
});

/** Reads the minutes, plans them against the store, holds the reading and answers with the preview card. */
async function preview(
  t: BoardContext,
  actor: Actor,
  bytes: Uint8Array,
  source: string,
  meeting?: IsoDate,
): Promise<Reply> {
  let record: MinutesRecord;
  try {
    // A file's name makes the readers' messages clearer; pasted text has none.
    record = readMinutes(openMinutes(bytes, source === PASTED ? undefined : source), meeting ? { meeting } : {});
  } catch (err) {
    // The readers say in one sentence why a file cannot be read: that is the answer.
    if (err instanceof MinutesFileError) throw new RefusedError(err.message);
    throw err;
  }
  const plan = await previewMinutes(t, record, optionsFor(actor, meeting));
  let held: StoredPending;
  try {
    held = await t.stores.imports.hold(
      t.scope,
      {
        by: { id: actor.id, name: actor.name },
        source,
        ...(meeting ? { meeting } : {}),
        planDigest: planDigest(plan),
        record: JSON.stringify(record),
      },
      t.now(),
    );
  } catch (err) {
    if (err instanceof StorageLimitError) throw new RefusedError(err.message);
    throw err;
  }
  const { id, digest } = held.pending;
  return cardReply(
    minutesCardFor(plan, {
      board: t.scope.board,
      source: sourceLine(held.pending),
      held: { id, digest },
      ...(record.setAside ? { setAside: record.setAside } : {}),
    }),
  );
}

const minutesCommand = onCommandKind('minutes', {
  who: importsMinutes,
  run: async (t, actor, command) =>
    answered(await preview(t, actor, new TextEncoder().encode(command.text), PASTED, command.meeting)),
});

export const minutesCommands: CommandHandler[] = [minutesCommand];

/** A Word file (or any file) sent in the 1:1 chat: downloaded only once the sender may import minutes. */
export const minutesFile = {
  who: importsMinutes,
  run: async (t: BoardContext, actor: Actor, file: ReceivedFile, meeting?: IsoDate) =>
    answered(await preview(t, actor, await file.read(), file.name, meeting)),
};

// ---------------------------------------------------------------------------------------------
// Import and Cancel

type Found = { stored: StoredPending } | { answer: CardOutcome };

/** The held import a card names, if it is the one the card previewed. */
async function heldFor(t: BoardContext, data: Record<string, unknown>): Promise<Found> {
  const id = textOf(data.importId);
  const digest = textOf(data.digest);
  if (!id || !digest || id.length > 100)
    return { answer: cardNotice('Not understood', 'This card does not name minutes I hold.') };
  const stored = await t.stores.imports.get(t.scope, id);
  if (!stored || stored.pending.digest !== digest)
    return { answer: cardNotice('Not found', 'I no longer hold these minutes: send them again.') };
  return { stored };
}

const expired = (t: BoardContext, p: PendingImport): boolean => Date.parse(p.expiresAt) <= t.now().getTime();
const underWay = (t: BoardContext, p: PendingImport): boolean =>
  p.state === 'applying' && Date.parse(p.decidedAt ?? '') + APPLY_LEASE_MS > t.now().getTime();

const decided = (actor: Actor, t: BoardContext, requestId: string | undefined): Partial<PendingImport> => ({
  decidedBy: { id: actor.id, name: actor.name },
  decidedAt: t.now().toISOString(),
  ...(requestId ? { requestId } : {}),
});

/** The card of an import done: what was applied, the cards queued, and `note` when this press applied nothing. */
function importedCard(t: BoardContext, p: PendingImport, note?: string): CardOutcome {
  // Our own JSON, written when the import was applied.
  const outcome = JSON.parse(p.outcome ?? '{}') as Partial<Outcome>;
  if (!outcome.applied)
    return { card: messageCard({ title: 'Imported', text: note ?? 'These minutes were imported.', tone: 'good' }) };
  const by = p.decidedBy ? ` by ${p.decidedBy.name}` : '';
  const when = p.decidedAt ? ` on ${formatLondon(p.decidedAt)}` : '';
  return {
    card: minutesCardFor(outcome.applied, {
      board: t.scope.board,
      source: `${sourceLine(p)} · imported${by}${when}`,
      notice: { tone: note ? 'warning' : 'good', text: [note, outcome.sent].filter(Boolean).join('\n') },
      ...(outcome.setAside ? { setAside: outcome.setAside } : {}),
    }),
  };
}

const cancelledCard = (p: PendingImport): CardOutcome => ({
  card: messageCard({
    title: 'Minutes not imported',
    text: `Cancelled, nothing was changed (${sourceLine(p)}${p.decidedBy ? `; cancelled by ${p.decidedBy.name}` : ''}).`,
  }),
});

const underWayCard = (p: PendingImport): CardOutcome => ({
  card: messageCard({
    title: 'Importing the minutes',
    text: `${p.decidedBy?.name ?? 'Someone'} pressed Import at ${formatLondon(p.decidedAt ?? '')}: the import is under way. Press Import again in a minute to see what it did.`,
    tone: 'warning',
  }),
});

const EXPIRED = (): CardOutcome =>
  cardNotice('Expired', 'This preview has expired (a preview is kept for a day): send the minutes again.');

/** Import: apply the plan the card showed; if the board changed since, show the new plan instead. */
async function importHeld(t: BoardContext, actor: Actor, action: CardAction, tries = 2): Promise<CardOutcome> {
  const found = await heldFor(t, action.data);
  if ('answer' in found) return found.answer;
  const { stored } = found;
  const p = stored.pending;
  // Someone pressed a button on it meanwhile: answer by what it is now.
  const again = (): Promise<CardOutcome> =>
    tries > 1 ? importHeld(t, actor, action, tries - 1) : Promise.resolve(underWayCard(p));
  // The request that applied it, sent again (Teams retries): answered as it was the first time.
  if (p.state === 'applied' && action.requestId && p.requestId === action.requestId) return importedCard(t, p);
  if (p.state === 'applied') return importedCard(t, p, 'Already imported: nothing was applied again.');
  if (p.state === 'cancelled') return cancelledCard(p);
  if (underWay(t, p)) return underWayCard(p);
  if (expired(t, p) || p.record === undefined) return EXPIRED();

  // Our own JSON, held since the preview (its digest was checked on reading).
  const record = JSON.parse(p.record) as MinutesRecord;
  const opts = optionsFor(actor, p.meeting);
  const plan = await previewMinutes(t, record, opts);
  const digest = planDigest(plan);
  if (digest !== p.planDigest) {
    const replanned = await t.stores.imports.replace(t.scope, { ...p, planDigest: digest }, stored);
    if (!replanned) return again();
    return {
      card: minutesCardFor(plan, {
        board: t.scope.board,
        source: sourceLine(p),
        held: { id: p.id, digest: p.digest },
        ...(record.setAside ? { setAside: record.setAside } : {}),
        notice: {
          tone: 'warning',
          text: 'The board changed since this preview was drawn: this is what the minutes would do now. Nothing was imported; check it and press Import again.',
        },
      }),
    };
  }

  // One press applies: the claim is written on the row's ETag, so a second press finds it taken.
  const claimed = await t.stores.imports.replace(
    t.scope,
    { ...p, state: 'applying', ...decided(actor, t, action.requestId) },
    stored,
  );
  if (!claimed) return again();
  let applied: Awaited<ReturnType<typeof applyMinutes>>;
  try {
    applied = await applyMinutes(t, record, opts);
  } catch (err) {
    // Pressing again retries: applying the same minutes again changes only what is still to change.
    await t.stores.imports.replace(t.scope, { ...claimed.pending, state: 'pending' }, claimed).catch(() => null);
    throw err;
  }
  const outcome: Outcome = {
    applied: applied.applied,
    sent: reportUnreachable(applied.notified),
    ...(record.setAside ? { setAside: record.setAside } : {}),
  };
  const { record: _done, ...rest } = claimed.pending;
  const done: PendingImport = { ...rest, state: 'applied', outcome: JSON.stringify(outcome) };
  await t.stores.imports.replace(t.scope, done, claimed);
  return { ...importedCard(t, done), ...(applied.notified.queued > 0 ? { queued: true } : {}) };
}

/** Cancel: drop what was read; nothing was changed. */
async function cancelHeld(t: BoardContext, actor: Actor, action: CardAction, tries = 2): Promise<CardOutcome> {
  const found = await heldFor(t, action.data);
  if ('answer' in found) return found.answer;
  const { stored } = found;
  const p = stored.pending;
  if (p.state === 'applied')
    return importedCard(
      t,
      p,
      'Already imported, so Cancel changed nothing: correct the record on the cards, or send corrected minutes.',
    );
  if (p.state === 'cancelled') return cancelledCard(p);
  if (underWay(t, p)) return underWayCard(p);
  if (p.state === 'applying')
    // An Import that did not finish may have applied part of the minutes: never say nothing changed.
    return cardNotice(
      'Not cancelled',
      `${p.decidedBy?.name ?? 'Someone'} pressed Import and it did not finish: part of these minutes may be on record. Press Import to finish it (it applies only what is still to change).`,
    );
  const { record: _dropped, ...rest } = p;
  const cancelled: PendingImport = { ...rest, state: 'cancelled', ...decided(actor, t, action.requestId) };
  if (await t.stores.imports.replace(t.scope, cancelled, stored)) return cancelledCard(cancelled);
  // Someone pressed a button on it meanwhile: answer by what it is now.
  return tries > 1 ? cancelHeld(t, actor, action, tries - 1) : underWayCard(p);
}

/** A refusal (the minutes cannot be imported as they are now) is the card's answer, not a failure. */
const refusedAsCard =
  (run: (t: BoardContext, actor: Actor, action: CardAction) => Promise<CardOutcome>) =>
  async (t: BoardContext, actor: Actor, action: CardAction): Promise<CardOutcome> => {
    try {
      return await run(t, actor, action);
    } catch (err) {
      if (err instanceof RefusedError) return cardNotice('Not imported', err.message);
      throw err;
    }
  };

export const minutesButtons: CardHandler[] = [
  {
    verb: VERB.minutesImport,
    who: importsMinutes,
    run: refusedAsCard((t, actor, action) => importHeld(t, actor, action)),
  },
  {
    verb: VERB.minutesCancel,
    who: importsMinutes,
    run: refusedAsCard((t, actor, action) => cancelHeld(t, actor, action)),
  },
];
