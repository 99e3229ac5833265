// Reading what a card sent back: the item it names, the reply form's inputs, and a chaser's several forms.

/** A string the card carried, if it is one. */
export const textOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The name of a card input, as a button's data may give it (`statusInput: 'status_1'`). */
const INPUT_NAME = /^[a-z_0-9]{1,20}$/;

/**
 * The status and note of a reply: from the inputs the button names (`statusInput`, `noteInput`:
 * a card with several reply forms, the chaser), else from the inputs `status` and `note`.
 * Null when the button names an input that cannot be one.
 */
export function replyInputs(data: Record<string, unknown>): { status?: string; note?: string } | null {
  const named = (k: 'statusInput' | 'noteInput', fallback: string): string | null => {
    const v = data[k];
    if (v === undefined) return fallback;
    return typeof v === 'string' && INPUT_NAME.test(v) ? v : null;
  };
  const statusInput = named('statusInput', 'status');
  const noteInput = named('noteInput', 'note');
  if (statusInput === null || noteInput === null) return null;
  const status = textOf(data[statusInput]);
  const note = textOf(data[noteInput]);
  return { ...(status ? { status } : {}), ...(note ? { note } : {}) };
}

/** The slot of a chaser input ('status_3' -> 3). */
export function slotOf(input: string | undefined): number | undefined {
  const m = input ? /^(?:status|note)_(\d{1,4})$/.exec(input) : null;
  return m ? Number(m[1]) : undefined;
}

/** What was typed into each item of a chaser (every input comes back with any of its buttons). */
export function chaseDrafts(data: Record<string, unknown>): Map<number, { status?: string; note?: string }> {
  const drafts = new Map<number, { status?: string; note?: string }>();
  for (const [k, v] of Object.entries(data)) {
    const slot = slotOf(k);
    if (slot === undefined || typeof v !== 'string' || v.trim() === '') continue;
    const draft = drafts.get(slot) ?? {};
    if (k.startsWith('status_')) draft.status = v;
    else draft.note = v;
    drafts.set(slot, draft);
  }
  return drafts;
}

/** The action a card is about, when its data names one that could be. */
export const actionIdOf = (data: Record<string, unknown>): string | undefined => idOf(data.actionId);

/** The question a card is about, when its data names one that could be. */
export const questionIdOf = (data: Record<string, unknown>): string | undefined => idOf(data.questionId);

function idOf(v: unknown): string | undefined {
  const id = textOf(v);
  return id && id.length <= 200 ? id : undefined;
}
