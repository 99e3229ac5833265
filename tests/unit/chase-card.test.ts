// The chaser: one card, several actions, each with its own reply inputs and its own button.
import { describe, expect, it } from 'vitest';
import { cardBytes, chaseCard, MAX_CARD_BYTES, type ChaseCardModel, type ChaseItemView } from '../../cards/index.ts';
import { executeActions, validateCard, visibleTexts } from '../helpers/validate-card.ts';

const item = (slot: number, extra: Partial<ChaseItemView> = {}): ChaseItemView => ({
  slot,
  actionId: `2025-04-15.n${String(slot).padStart(3, '0')}`,
  board: 'PAM',
  version: 2,
  ref: `${String(slot).padStart(2, '0')}.15/04/2025`,
  text: 'Consider including outcome rates by crime type in the quarterly report',
  status: 'open',
  statusLabel: 'Open',
  due: '13/05/2025',
  overdue: false,
  canReply: true,
  ...extra,
});

const model = (items: ChaseItemView[], extra: Partial<ChaseCardModel> = {}): ChaseCardModel => ({
  board: 'PAM',
  meeting: '2025-05-13',
  meetingDate: '13/05/2025',
  intro: 'The meeting on 13/05/2025 will review these actions.',
  items,
  ...extra,
});

/** Every input of the card, by id. */
function inputs(card: unknown): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') out.set(o.id, o);
    Object.values(o).forEach(visit);
  };
  visit(card);
  return out;
}

describe('chaseCard', () => {
  it('lists each action with its own status and note inputs and its own Send update, naming them', () => {
    const card = chaseCard(
      model([item(1), item(2, { status: 'in_progress', statusLabel: 'In progress', overdue: true }), item(4)]),
    );
    expect(validateCard(card)).toEqual([]);
    expect([...inputs(card).keys()]).toEqual(['status_1', 'note_1', 'status_2', 'note_2', 'status_4', 'note_4']);
    expect(inputs(card).get('status_2')?.value).toBe('in_progress');
    expect(inputs(card).get('status_1')?.value).toBeUndefined();
    const buttons = executeActions(card);
    expect(buttons.map((b) => [b.verb, b.data.actionId, b.data.statusInput, b.data.noteInput, b.data.chase])).toEqual([
      ['action.reply', '2025-04-15.n001', 'status_1', 'note_1', '2025-05-13'],
      ['action.reply', '2025-04-15.n002', 'status_2', 'note_2', '2025-05-13'],
      ['action.reply', '2025-04-15.n004', 'status_4', 'note_4', '2025-05-13'],
    ]);
    expect(buttons.every((b) => b.data.board === 'PAM' && b.data.version === 2)).toBe(true);
    const texts = visibleTexts(card);
    expect(texts).toContain('Actions awaiting your update');
    expect(texts).toContain('02.15/04/2025 · In progress · due 13/05/2025');
    expect(texts).toContain('Overdue');
  });

  it('keeps drafts, shows the latest update, escapes user text, and hides the form where no reply is allowed', () => {
    const card = chaseCard(
      model(
        [
          item(1, {
            draft: { status: 'blocked', note: 'waiting on *IT*' },
            text: '**bold** claim',
            latest: { note: 'met Insp X', by: 'Sam Carter-Lee', at: '22/04/2025 10:00' },
          }),
          item(2, { canReply: false }),
        ],
        { notice: { tone: 'good', text: '01.15/04/2025: Saved.' } },
      ),
    );
    expect(validateCard(card)).toEqual([]);
    expect(inputs(card).get('status_1')?.value).toBe('blocked');
    expect(inputs(card).get('note_1')?.value).toBe('waiting on *IT*');
    expect(inputs(card).has('status_2')).toBe(false);
    const texts = visibleTexts(card);
    expect(texts).toContain('01.15/04/2025: Saved.');
    expect(texts).toContain('\\*\\*bold\\*\\* claim');
    expect(texts).toContain('Latest: met Insp X — Sam Carter-Lee, 22/04/2025 10:00');
    expect(executeActions(card)).toHaveLength(1);
  });

  it('stays under 40 KB with 50 long actions, saying how many more there are', () => {
    const long = 'Consider including outcome rates by crime type in the quarterly report, '.repeat(20);
    const items = Array.from({ length: 50 }, (_, k) =>
      item(k + 1, { text: long, overdue: true, latest: { note: long, by: 'Sam Carter-Lee', at: '22/04/2025 10:00' } }),
    );
    const card = chaseCard(model(items, { limit: 50 }));
    expect(validateCard(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
    const shown = executeActions(card).length;
    expect(shown).toBeGreaterThanOrEqual(10);
    expect(visibleTexts(card)).toContain(
      `and ${50 - shown} more actions: reply to these first, or type mine to see them all`,
    );
    // The default page (25) of the same items also fits.
    expect(cardBytes(chaseCard(model(items)))).toBeLessThan(MAX_CARD_BYTES);
  });

  it('gives an over-long draft back whole up to a quarter over the limit, cut there past it, and stays a card', () => {
    // Still over the limit either way: sent again, it is refused again, never saved cut short.
    const card = chaseCard(
      model(
        Array.from({ length: 25 }, (_, k) => item(k + 1, { draft: { note: 'x'.repeat(100_000) } })),
        { noteLimit: 4_000 },
      ),
    );
    expect(validateCard(card)).toEqual([]);
    expect(String(inputs(card).get('note_1')?.value)).toHaveLength(5_000);
    const one = chaseCard(model([item(1, { draft: { note: 'y'.repeat(4_001) } })], { noteLimit: 4_000 }));
    expect(String(inputs(one).get('note_1')?.value)).toHaveLength(4_001);
    expect(inputs(one).get('note_1')).toMatchObject({ label: 'Note (up to 4,000 characters)' });
    expect(inputs(one).get('note_1')).not.toHaveProperty('maxLength');
  });

  it('refuses two items in one slot (their inputs would collide)', () => {
    expect(() => chaseCard(model([item(1), item(1)]))).toThrow(/share slot 1/);
  });
});
