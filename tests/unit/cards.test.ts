import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  actionCard,
  cardBytes,
  historyCard,
  listCard,
  MAX_CARD_BYTES,
  messageCard,
  outstandingCard,
  summaryCard,
  type ActionCardModel,
  type AdaptiveCard,
  type HistoryCardModel,
  type HistoryEntryView,
  type OutstandingCardModel,
  type OutstandingItemView,
  type SummaryCardModel,
  type SummaryRowView,
  type Tone,
} from '../../cards/index.ts';
import { executeActions, validateCard, visibleTexts } from '../helpers/validate-card.ts';

const TONES: Tone[] = ['good', 'warning', 'attention'];

function action(over: Partial<ActionCardModel> = {}): ActionCardModel {
  return {
    actionId: 'act-0001',
    board: 'PAM',
    version: 3,
    ref: '04 14/03/2023.ii',
    text: 'Consider adding Action Taken rates for specific crime types to the Performance Report',
    owners: ['Jane Doe'],
    meetingDate: '14/03/2023',
    status: 'in_progress',
    statusLabel: 'In progress',
    overdue: false,
    latest: { note: 'Met with Insp X on 12 March', by: 'Jane Doe', at: '20/03/2023 09:15' },
    canReply: true,
    refreshUserIds: ['user-jane'],
    ...over,
  };
}

function entry(i: number): HistoryEntryView {
  return {
    at: `${String((i % 28) + 1).padStart(2, '0')}/03/2023 09:15`,
    by: 'Jane Doe',
    via: 'Teams',
    changes: [`Status: Open → In progress (${i})`],
    note: `Note ${i}`,
  };
}

function history(over: Partial<HistoryCardModel> = {}): HistoryCardModel {
  return {
    actionId: 'act-0001',
    board: 'PAM',
    version: 3,
    ref: '04 14/03/2023.ii',
    text: 'Consider adding rates',
    entries: [entry(2), entry(1)],
    ...over,
  };
}

function row(i: number): SummaryRowView {
  return {
    ref: `${String(i).padStart(2, '0')}.14/03/2023`,
    owners: ['Jane Doe', 'Sam Carter-Lee'],
    statusLabel: i % 3 === 0 ? 'Completed' : 'Open',
    lastUpdate: '20/03/2023',
    overdue: i % 5 === 0,
  };
}

function summary(over: Partial<SummaryCardModel> = {}): SummaryCardModel {
  return {
    board: 'PAM',
    meeting: '2023-03-14',
    meetingDate: '14/03/2023',
    rows: [row(1), row(2), row(3)],
    refreshUserIds: ['user-chair'],
    ...over,
  };
}

function item(i: number, over: Partial<OutstandingItemView> = {}): OutstandingItemView {
  return {
    actionId: `act-${String(i).padStart(4, '0')}`,
    version: i + 1,
    ref: `${String(i).padStart(2, '0')}.14/03/2023`,
    text: `Circulate the terms of reference for item ${i}`,
    statusLabel: 'Open',
    due: '11/04/2023',
    overdue: i % 2 === 0,
    noReply: i % 3 === 0,
    readyToDischarge: false,
    canDischarge: false,
    canCarryForward: true,
    ...over,
  };
}

function outstanding(over: Partial<OutstandingCardModel> = {}): OutstandingCardModel {
  return {
    board: 'PAM',
    boardName: 'Performance Accountability Meeting',
    asAt: '10/04/2023 08:00',
    groups: [
      {
        owner: 'Jane Doe',
        items: [item(1), item(2, { statusLabel: 'Completed', readyToDischarge: true, canDischarge: true })],
      },
      { owner: 'Sam Carter-Lee', items: [item(3)] },
    ],
    // As the bot counts these three (bot/rules/flags.ts): the card shows what it is given.
    counts: { outstanding: 2, readyToDischarge: 1, overdue: 1, noReply: 1 },
    refreshUserIds: ['user-chair'],
    ...over,
  };
}

/** 200 items across 10 owners, each with the longest text an action may have. */
function bigOutstanding(): OutstandingCardModel {
  const groups = Array.from({ length: 10 }, (_, g) => ({
    owner: `Owner Number ${g}`,
    items: Array.from({ length: 20 }, (_, j) =>
      item(g * 20 + j, {
        text: `**${'Long text '.repeat(400)}**`,
        canDischarge: true,
        canCarryForward: true,
        readyToDischarge: true,
        noReply: true,
        overdue: true,
      }),
    ),
  }));
  return outstanding({
    groups,
    counts: { outstanding: 200, readyToDischarge: 200, overdue: 200, noReply: 200 },
    refreshUserIds: Array.from({ length: 60 }, (_, i) => `29:user-${i}-${'x'.repeat(60)}`),
  });
}

const json = (card: AdaptiveCard) => JSON.stringify(card);
const texts = (card: AdaptiveCard) => visibleTexts(card).join('\n');

function inputs(card: AdaptiveCard): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') out[o.id] = o;
    Object.values(o).forEach(visit);
  };
  visit(card.body);
  return out;
}

describe('every card and variant validates', () => {
  const variants: Record<string, AdaptiveCard> = {
    'action, owner': actionCard(action()),
    'action, not owner': actionCard(action({ canReply: false })),
    'action, no update yet, two owners, due date, overdue': actionCard(
      action({ latest: undefined, owners: ['Jane Doe', 'Sam Carter-Lee'], due: '11/04/2023', overdue: true }),
    ),
    'action, latest update without a note': actionCard(action({ latest: { by: 'Jane Doe', at: '20/03/2023 09:15' } })),
    'action, no owners, no refresh, open': actionCard(
      action({ owners: [], refreshUserIds: [], status: 'open', statusLabel: 'Open' }),
    ),
    'action, stale draft': actionCard(
      action({
        notice: { tone: 'warning', text: 'This action changed since this card was drawn.' },
        draft: { status: 'completed', note: 'Done it' },
      }),
    ),
    'action, long texts': actionCard(
      action({
        text: 'x'.repeat(4000),
        latest: { note: 'y'.repeat(4000), by: 'J', at: 'a' },
        draft: { note: 'z'.repeat(4000) },
      }),
    ),
    ...Object.fromEntries(
      TONES.map((tone) => [
        `action, ${tone} notice`,
        actionCard(action({ notice: { tone, text: `A ${tone} notice` } })),
      ]),
    ),
    history: historyCard(history()),
    'history, empty': historyCard(history({ entries: [] })),
    'history, paged': historyCard(history({ entries: Array.from({ length: 45 }, (_, i) => entry(45 - i)) })),
    'history, entry without note and with several changes': historyCard(
      history({ entries: [{ at: 'a', by: 'b', via: 'CLI', changes: ['Status: x → y', 'Due: a → b'] }] }),
    ),
    summary: summaryCard(summary()),
    'summary, empty, no refresh': summaryCard(summary({ rows: [], refreshUserIds: undefined })),
    'summary, one row without update': summaryCard(
      summary({ rows: [{ ref: 'N/A', owners: [], statusLabel: 'Open' }] }),
    ),
    'summary, 200 rows': summaryCard(summary({ rows: Array.from({ length: 200 }, (_, i) => row(i)) })),
    outstanding: outstandingCard(outstanding()),
    'outstanding, empty': outstandingCard(outstanding({ groups: [], refreshUserIds: undefined, asAt: undefined })),
    'outstanding, item with no buttons and no due date': outstandingCard(
      outstanding({ groups: [{ owner: 'the Force', items: [item(1, { canCarryForward: false, due: undefined })] }] }),
    ),
    'outstanding, 200 items': outstandingCard(bigOutstanding()),
    ...Object.fromEntries(
      TONES.map((tone) => [
        `outstanding, ${tone} notice`,
        outstandingCard(outstanding({ notice: { tone, text: `A ${tone} notice` } })),
      ]),
    ),
    message: messageCard({
      title: 'Imported 12 actions',
      text: 'From the minutes of 14/03/2023',
      facts: [{ title: 'Skipped', value: '2' }],
    }),
    'message, bare': messageCard({ title: 'Help', text: '' }),
    ...Object.fromEntries(
      (['default', ...TONES] as const).map((tone) => [
        `message, ${tone}`,
        messageCard({ title: 'T', text: 'x', tone }),
      ]),
    ),
    'message, markdown': messageCard({ title: 'Help', text: '**mine** - your actions\n\n- item', markdown: true }),
    'message, 500 facts': messageCard({
      title: 'Import report',
      text: 'r',
      facts: Array.from({ length: 500 }, (_, i) => ({ title: `Line ${i}`, value: 'y'.repeat(300) })),
    }),
    list: listCard({
      title: 'People',
      intro: 'The directory',
      rows: [
        { title: 'Jane Doe', subtitle: 'JD · Chair', flag: 'Not in Teams yet', flagTone: 'warning' },
        { title: 'Sam' },
      ],
    }),
    'list, empty': listCard({ title: 'Your actions', rows: [] }),
    'list, 500 rows': listCard({
      title: 'People',
      rows: Array.from({ length: 500 }, (_, i) => ({ title: `Person ${i}`, subtitle: 's'.repeat(300), flag: 'f' })),
    }),
  };

  for (const [name, card] of Object.entries(variants)) {
    it(name, () => {
      expect(validateCard(card)).toEqual([]);
      // Nothing the template meant to bind came out literally (these models contain no '${').
      expect(json(card)).not.toContain('${');
    });
  }
});

describe('actionCard', () => {
  it('shows the reference, board, text, owners, meeting, due, status and the latest update', () => {
    const t = texts(actionCard(action({ owners: ['Jane Doe', 'Sam Carter-Lee'] })));
    expect(t).toContain('Action 04 14/03/2023.ii');
    expect(t).toContain('PAM · meeting of 14/03/2023');
    expect(t).toContain('Consider adding Action Taken rates');
    expect(t).toContain('Owners: Jane Doe and Sam Carter-Lee');
    expect(t).toContain('Due: by the next meeting');
    expect(t).toContain('Status: In progress');
    expect(t).toContain('Met with Insp X on 12 March');
    expect(t).toContain('Jane Doe, 20/03/2023 09:15');
    expect(t).not.toContain('Overdue');
    expect(texts(actionCard(action({ due: '11/04/2023', boardName: 'Performance Accountability Meeting' })))).toContain(
      'Due: 11/04/2023',
    );
  });

  it('shows "Overdue" in the attention colour', () => {
    const card = actionCard(action({ overdue: true }));
    expect(json(card)).toContain('{"type":"TextBlock","text":"Overdue","color":"Attention"');
  });

  it('says so when there is no update yet', () => {
    expect(texts(actionCard(action({ latest: undefined })))).toContain('No update yet.');
  });

  it('has the reply form and Send update only for who may reply; History always', () => {
    const owner = actionCard(action());
    expect(Object.keys(inputs(owner))).toEqual(['status', 'note']);
    expect(executeActions(owner).map((a) => a.verb)).toEqual(['action.view', 'action.reply', 'action.history']);
    const other = actionCard(action({ canReply: false }));
    expect(inputs(other)).toEqual({});
    expect(executeActions(other).map((a) => a.verb)).toEqual(['action.view', 'action.history']);
  });

  it('carries actionId, board and version in every action, and the fallback carries the verb', () => {
    const card = actionCard(action());
    for (const a of executeActions(card)) expect(a.data).toEqual({ actionId: 'act-0001', board: 'PAM', version: 3 });
    const reply = (card.actions ?? [])[0] as Record<string, unknown>;
    expect(reply.fallback).toEqual({
      type: 'Action.Submit',
      title: 'Send update',
      style: 'positive',
      data: { actionId: 'act-0001', board: 'PAM', version: 3, verb: 'action.reply' },
    });
  });

  it('offers the three reply statuses, defaulting to the current one when it is one of them', () => {
    const { status, note } = inputs(actionCard(action({ status: 'blocked', statusLabel: 'Blocked' })));
    expect(status?.choices).toEqual([
      { title: 'In progress', value: 'in_progress' },
      { title: 'Completed', value: 'completed' },
      { title: 'Blocked', value: 'blocked' },
    ]);
    expect(status?.value).toBe('blocked');
    // The limit is said, not enforced by the input: a longer note is refused by the bot, saying so,
    // rather than cut short by the card and saved as if whole.
    expect(note).toMatchObject({
      isMultiline: true,
      label: 'Note (up to 4,000 characters)',
      placeholder: 'What has been done, or what is in the way',
    });
    expect(note).not.toHaveProperty('maxLength');
    expect(note).not.toHaveProperty('value');
    expect(inputs(actionCard(action({ status: 'open', statusLabel: 'Open' }))).status).not.toHaveProperty('value');
    expect(inputs(actionCard(action({ noteLimit: 1000 }))).note?.label).toBe('Note (up to 1,000 characters)');
  });

  it('pre-fills a stale card with what the user typed, as typed', () => {
    const draft = { status: 'completed', note: 'Done **at last** ${version}\nsecond line' };
    const card = actionCard(
      action({
        draft,
        notice: {
          tone: 'warning',
          text: 'This action changed since this card was drawn: now In progress (Jane Doe, 20/03/2023 09:15). Your update was not saved; check it and send again.',
        },
      }),
    );
    const { status, note } = inputs(card);
    expect(status?.value).toBe('completed');
    expect(note?.value).toBe(draft.note);
    expect(texts(card)).toContain(
      'This action changed since this card was drawn: now In progress (Jane Doe, 20/03/2023 09:15).',
    );
    // A draft status the form does not offer falls back to the current status.
    expect(inputs(actionCard(action({ draft: { status: 'discharged' } }))).status?.value).toBe('in_progress');
  });

  it('shows the notice at the top in its tone', () => {
    for (const tone of TONES) {
      const first = actionCard(action({ notice: { tone, text: 'Saved: Completed — thank you' } })).body[0];
      expect(first).toMatchObject({
        type: 'Container',
        style: tone,
        items: [{ type: 'TextBlock', text: 'Saved: Completed — thank you' }],
      });
    }
    expect(actionCard(action()).body[0]).toMatchObject({ type: 'TextBlock', text: 'Action 04 14/03/2023.ii' });
  });

  it('refreshes with action.view for the given users, at most 60, and not at all without users', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `user-${i}`);
    const card = actionCard(action({ refreshUserIds: ['user-0', ...ids, ''] }));
    expect(card.refresh).toEqual({
      action: { type: 'Action.Execute', verb: 'action.view', data: { actionId: 'act-0001', board: 'PAM', version: 3 } },
      userIds: ids.slice(0, 60),
    });
    expect(actionCard(action({ refreshUserIds: [] }))).not.toHaveProperty('refresh');
    expect(actionCard(action({ refreshUserIds: undefined }))).not.toHaveProperty('refresh');
  });

  it('stays under 40 KB with the longest text, note and draft, however escaped', () => {
    const worst = '\\'.repeat(4000);
    const card = actionCard(
      action({
        text: worst,
        latest: { note: worst, by: 'J', at: 'a' },
        draft: { note: worst },
        refreshUserIds: Array.from({ length: 60 }, (_, i) => `29:${'u'.repeat(80)}${i}`),
      }),
    );
    expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
    expect(validateCard(card)).toEqual([]);
    expect(inputs(card).note?.value).toBe(worst);
  });
});

describe('user text is shown as plain text', () => {
  const evil = 'Use **bold** and [a link](https://evil.example) ${actionId} ${$root.board} ${json($root)} @{x}';

  it('renders ${...} in user text literally, everywhere', () => {
    const cards = [
      actionCard(
        action({
          text: evil,
          ref: '${ref}',
          owners: ['${owners}'],
          latest: { note: evil, by: '${by}', at: 'a' },
          notice: { tone: 'good', text: '${text}' },
        }),
      ),
      historyCard(
        history({ text: evil, entries: [{ at: 'a', by: '${by}', via: 'Teams', changes: [evil], note: evil }] }),
      ),
      summaryCard(
        summary({ boardName: evil, rows: [{ ref: '${ref}', owners: ['${owner}'], statusLabel: '${status}' }] }),
      ),
      outstandingCard(
        outstanding({ groups: [{ owner: '${owner}', items: [item(1, { text: evil, ref: '${ref}' })] }] }),
      ),
      messageCard({ title: '${title}', text: evil, facts: [{ title: '${t}', value: '${v}' }] }),
      listCard({
        title: '${title}',
        intro: evil,
        rows: [{ title: '${title}', subtitle: '${subtitle}', flag: '${flag}' }],
      }),
    ];
    for (const card of cards) {
      expect(validateCard(card)).toEqual([]);
      const t = texts(card);
      expect(t).toContain('${actionId} ${$root.board} ${json($root)} @{x}');
      expect(t).not.toContain('act-0001 PAM');
    }
    expect(texts(cards[0]!)).toContain('Action ${ref}');
    expect(texts(cards[0]!)).toContain('Owner: ${owners}');
  });

  it('keeps ${...} literal in a pre-filled draft and never binds it', () => {
    const card = actionCard(action({ draft: { note: '${$root.actionId} ${canReply}' } }));
    expect(inputs(card).note?.value).toBe('${$root.actionId} ${canReply}');
  });

  it('escapes markdown in every user-provided field', () => {
    const md = '**x** [y](z)';
    const esc = '\\*\\*x\\*\\* \\[y\\](z)';
    const a = texts(
      actionCard(
        action({
          text: md,
          ref: md,
          owners: [md],
          statusLabel: md,
          latest: { note: md, by: md, at: md },
          notice: { tone: 'good', text: md },
        }),
      ),
    );
    expect(a).not.toContain('**x**');
    expect(a.split(esc).length - 1).toBe(8);
    const o = texts(
      outstandingCard(
        outstanding({
          boardName: md,
          groups: [{ owner: md, items: [item(1, { text: md, ref: md, statusLabel: md })] }],
        }),
      ),
    );
    expect(o).not.toContain('**x**');
    expect(o.split(esc).length - 1).toBe(5);
    for (const t of [
      texts(
        historyCard(history({ text: md, ref: md, entries: [{ at: md, by: md, via: md, changes: [md], note: md }] })),
      ),
      texts(summaryCard(summary({ boardName: md, rows: [{ ref: md, owners: [md], statusLabel: md }] }))),
      texts(messageCard({ title: md, text: md, facts: [{ title: md, value: md }] })),
      texts(listCard({ title: md, intro: md, rows: [{ title: md, subtitle: md, flag: md }] })),
    ]) {
      expect(t).not.toContain('**x**');
      expect(t).toContain(esc);
    }
  });

  it("leaves the bot's own markdown alone when asked (help text)", () => {
    expect(texts(messageCard({ title: '**Help**', text: '**mine** - your actions', markdown: true }))).toContain(
      '\\*\\*Help\\*\\*\n**mine** - your actions',
    );
  });
});

describe('historyCard', () => {
  it('shows the header and the entries newest first, with who, when, via, what and the note', () => {
    const card = historyCard(history());
    const t = texts(card);
    expect(t).toContain('History of action 04 14/03/2023.ii');
    expect(t).toContain(
      '03/03/2023 09:15 · Jane Doe · via Teams\nStatus: Open → In progress (2)\nNote 2\n02/03/2023 09:15',
    );
    expect(executeActions(card)).toEqual([
      { verb: 'action.view', title: 'Back', data: { actionId: 'act-0001', board: 'PAM', version: 3 } },
    ]);
  });

  it('shows 30 entries then "and N earlier entries"', () => {
    const entries = Array.from({ length: 45 }, (_, i) => entry(45 - i));
    const t = texts(historyCard(history({ entries })));
    expect(t).toContain('(45)');
    expect(t).toContain('(16)');
    expect(t).not.toContain('(15)');
    expect(t).toContain('and 15 earlier entries');
    expect(texts(historyCard(history({ entries: entries.slice(0, 30), total: 31 })))).toContain('and 1 earlier entry');
    expect(texts(historyCard(history()))).not.toContain('earlier');
    expect(texts(historyCard(history({ entries: [] })))).toContain('No history yet.');
  });

  it('stays under 40 KB with 30 entries of the longest notes', () => {
    const entries = Array.from({ length: 60 }, (_, i) => ({
      ...entry(i),
      note: `*${'n'.repeat(3998)}*`,
      changes: [`Text: ${'a'.repeat(4000)} → ${'b'.repeat(4000)}`],
    }));
    const card = historyCard(history({ entries }));
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toMatch(/and \d+ earlier entries/);
  });
});

describe('summaryCard', () => {
  it('has the title, the counts by status and a row per action', () => {
    const card = summaryCard(summary());
    const t = texts(card);
    expect(t).toContain('Actions from the meeting of 14/03/2023');
    expect(t).toMatch(/^2\nOpen\n1\nCompleted$/m);
    expect(t).toContain('01.14/03/2023\nJane Doe and Sam Carter-Lee\nOpen\n20/03/2023');
    expect(t).toContain('03.14/03/2023\nJane Doe and Sam Carter-Lee\nCompleted\n20/03/2023');
    expect(json(card)).toContain('{"type":"Table"');
  });

  it('takes the counts from the model when given', () => {
    const t = texts(
      summaryCard(
        summary({
          counts: [
            { label: 'Open', value: 7 },
            { label: 'Blocked', value: 1 },
          ],
        }),
      ),
    );
    expect(t).toMatch(/^7\nOpen\n1\nBlocked$/m);
  });

  it('marks an overdue row, and a row without update', () => {
    const t = texts(summaryCard(summary({ rows: [{ ref: 'N/A', owners: [], statusLabel: 'Open', overdue: true }] })));
    expect(t).toContain('N/A\n—\nOpen · overdue\n—');
  });

  it('refreshes and is refreshed with summary.view {board, meeting}', () => {
    const card = summaryCard(summary());
    expect(executeActions(card).map((a) => [a.verb, a.data])).toEqual([
      ['summary.view', { board: 'PAM', meeting: '2023-03-14' }],
      ['summary.view', { board: 'PAM', meeting: '2023-03-14' }],
    ]);
    expect(card.refresh?.userIds).toEqual(['user-chair']);
  });

  it('shows 40 rows by default then "and N more", and 200 rows stay under 40 KB', () => {
    const rows = Array.from({ length: 200 }, (_, i) => row(i + 1));
    const card = summaryCard(summary({ rows }));
    expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
    const t = texts(card);
    expect(t).toContain('40.14/03/2023');
    expect(t).not.toContain('41.14/03/2023');
    expect(t).toContain('and 160 more');
    expect(t).toContain('134\nOpen\n66\nCompleted');
    expect(texts(summaryCard(summary({ rows, limit: 10 })))).toContain('and 190 more');
  });

  it('says when the meeting raised no actions', () => {
    expect(texts(summaryCard(summary({ rows: [] })))).toContain('No actions were recorded for this meeting.');
  });
});

describe('outstandingCard', () => {
  it('shows the counts, then the items grouped by owner with their flags', () => {
    const card = outstandingCard(outstanding());
    const t = texts(card);
    expect(t).toContain('Outstanding actions\nPerformance Accountability Meeting · as at 10/04/2023 08:00');
    expect(t).toContain('2\nOutstanding\n1\nCompleted, awaiting discharge\n1\nOverdue\n1\nNo reply since the meeting');
    expect(t).toContain(
      'Jane Doe\n01.14/03/2023 · Open · due 11/04/2023\nCirculate the terms of reference for item 1\n',
    );
    expect(t).toContain(
      '02.14/03/2023 · Completed · due 11/04/2023\nCirculate the terms of reference for item 2\nOverdue\nCompleted — ready to discharge',
    );
    expect(t).toContain(
      'Sam Carter-Lee\n03.14/03/2023 · Open · due 11/04/2023\nCirculate the terms of reference for item 3\nNo reply since the meeting',
    );
    expect(json(card)).toContain('{"type":"TextBlock","text":"Overdue","color":"Attention"');
  });

  it("has Discharge and Carry forward per item only where allowed, History on each, with the item's data", () => {
    const card = outstandingCard(outstanding());
    const history = (id: string, version: number) => [
      'action.history',
      { actionId: id, board: 'PAM', version, from: 'outstanding' },
    ];
    expect(executeActions(card).map((a) => [a.verb, a.data])).toEqual([
      ['outstanding.view', { board: 'PAM' }],
      ['action.carryForward', { actionId: 'act-0001', board: 'PAM', version: 2, dueInput: 'carryTo_1' }],
      history('act-0001', 2),
      ['action.discharge', { actionId: 'act-0002', board: 'PAM', version: 3 }],
      ['action.carryForward', { actionId: 'act-0002', board: 'PAM', version: 3, dueInput: 'carryTo_2' }],
      history('act-0002', 3),
      ['action.carryForward', { actionId: 'act-0003', board: 'PAM', version: 4, dueInput: 'carryTo_3' }],
      history('act-0003', 4),
      ['outstanding.view', { board: 'PAM' }],
    ]);
    const none = outstandingCard(
      outstanding({ groups: [{ owner: 'X', items: [item(1, { canCarryForward: false })] }] }),
    );
    expect(executeActions(none).map((a) => a.verb)).not.toContain('action.carryForward');
    expect(json(none)).not.toContain('Action.ShowCard');
  });

  it('asks to confirm a discharge, and offers the next meeting as the date to carry forward to', () => {
    const card = outstandingCard(
      outstanding({
        groups: [{ owner: 'X', items: [item(2, { canDischarge: true, carryForwardTo: '2023-05-09' })] }],
      }),
    );
    const shown = JSON.parse(json(card)) as Record<string, unknown>;
    const showCards: Array<Record<string, unknown>> = [];
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) return v.forEach(visit);
      if (typeof v !== 'object' || v === null) return;
      const o = v as Record<string, unknown>;
      if (o.type === 'Action.ShowCard') showCards.push(o);
      Object.values(o).forEach(visit);
    };
    visit(shown);
    expect(showCards.map((s) => s.title)).toEqual(['Discharge…', 'Carry forward…']);
    // The discharge itself is only on the card the first button opens, after the question.
    expect(texts(showCards[0]?.card as AdaptiveCard)).toMatch(/^Discharge 02\.14\/03\/2023\? /);
    expect(executeActions(showCards[0]?.card).map((a) => [a.verb, a.title])).toEqual([
      ['action.discharge', 'Yes, discharge'],
    ]);
    expect(inputs(showCards[1]?.card as AdaptiveCard).carryTo_1).toMatchObject({
      type: 'Input.Date',
      label: 'Carry forward to (the new due date)',
      value: '2023-05-09',
      isRequired: true,
    });
  });

  it('shows who an item is delegated to, and its latest update', () => {
    const t = texts(
      outstandingCard(
        outstanding({
          groups: [
            {
              owner: 'Jane Doe',
              items: [
                item(1, {
                  delegatedTo: 'Alex Wong (AW)',
                  latest: { note: 'Met Insp X', by: 'Alex Wong', at: '20/03/2023 09:15' },
                }),
              ],
            },
          ],
        }),
      ),
    );
    expect(t).toContain('Delegated to Alex Wong (AW)\nLatest: Met Insp X — Alex Wong, 20/03/2023 09:15');
  });

  it('truncates the action text to about 200 characters', () => {
    const long = 'word '.repeat(100);
    const t = visibleTexts(
      outstandingCard(outstanding({ groups: [{ owner: 'X', items: [item(1, { text: long })] }] })),
    );
    const shownText = t.find((s) => s.startsWith('word'));
    expect(shownText?.endsWith('…')).toBe(true);
    expect(shownText!.length).toBeLessThanOrEqual(200);
  });

  it('lists an action under each of its owners, each listing with its own date input', () => {
    const shared = item(9, { overdue: true });
    const card = outstandingCard(
      outstanding({
        groups: [
          { owner: 'A', items: [shared] },
          { owner: 'B', items: [shared] },
        ],
        counts: { outstanding: 1, readyToDischarge: 0, overdue: 1, noReply: 0 },
      }),
    );
    const t = texts(card);
    expect(t).toContain('1\nOutstanding\n0\nCompleted, awaiting discharge\n1\nOverdue');
    expect(t).toContain('A\n09.14/03/2023');
    expect(t).toContain('B\n09.14/03/2023');
    expect(Object.keys(inputs(card))).toEqual(['carryTo_1', 'carryTo_2']);
    expect(validateCard(card)).toEqual([]);
  });

  it('gives the open scrutiny questions their own line when the model has them', () => {
    const t = texts(
      outstandingCard(outstanding({ questionCounts: { outstanding: 2, readyToDischarge: 1, overdue: 1, noReply: 2 } })),
    );
    expect(t).toContain(
      'Scrutiny questions: Outstanding 2 · Answered, to be marked 1 · Overdue 1 · Awaiting a response 2',
    );
    expect(texts(outstandingCard(outstanding()))).not.toContain('Scrutiny questions');
  });

  it('uses the counts the model gives', () => {
    const t = texts(
      outstandingCard(outstanding({ counts: { outstanding: 38, readyToDischarge: 2, overdue: 5, noReply: 3 } })),
    );
    expect(t).toContain('38\nOutstanding\n2\nCompleted, awaiting discharge\n5\nOverdue\n3\nNo reply since the meeting');
  });

  it('pages: 25 items by default (or the limit), then "and N more not shown"', () => {
    const groups = [
      { owner: 'A', items: Array.from({ length: 30 }, (_, i) => item(i + 1)) },
      { owner: 'B', items: [item(31)] },
    ];
    const card = outstandingCard(
      outstanding({ groups, counts: { outstanding: 31, readyToDischarge: 0, overdue: 15, noReply: 11 } }),
    );
    const t = texts(card);
    expect(t).toContain('25.14/03/2023');
    expect(t).not.toContain('26.14/03/2023');
    expect(t).not.toContain('\nB\n');
    expect(t).toContain('and 6 more not shown');
    expect(t).toContain('31\nOutstanding');
    expect(texts(outstandingCard(outstanding({ groups, limit: 5 })))).toContain('and 26 more not shown');
  });

  it('stays under 40 KB with 200 items of the longest text, all flags and both buttons', () => {
    const card = outstandingCard(bigOutstanding());
    expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toMatch(/and 1(7|8|9)\d more not shown/);
    expect(texts(card)).toContain('200\nOutstanding\n200\nCompleted, awaiting discharge\n200\nOverdue');
    expect(card.refresh?.userIds).toHaveLength(60);
  });

  it('says when nothing is outstanding', () => {
    const nothing = outstanding({
      groups: [],
      counts: { outstanding: 0, readyToDischarge: 0, overdue: 0, noReply: 0 },
    });
    expect(texts(outstandingCard(nothing))).toContain('0\nOutstanding');
    expect(texts(outstandingCard(nothing))).toContain('Nothing outstanding.');
  });

  it('refreshes with outstanding.view', () => {
    expect(outstandingCard(outstanding()).refresh).toEqual({
      action: { type: 'Action.Execute', verb: 'outstanding.view', data: { board: 'PAM' } },
      userIds: ['user-chair'],
    });
  });
});

describe('messageCard and listCard', () => {
  it('shows a message with its tone and facts', () => {
    const card = messageCard({
      title: 'Not saved',
      text: "Only the action's owners can reply.",
      tone: 'attention',
      facts: [{ title: 'Action', value: '02.14/03/2023' }],
    });
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: 'Not saved', color: 'Attention' });
    expect(texts(card)).toBe("Not saved\nOnly the action's owners can reply.\nAction: 02.14/03/2023");
    expect(card).not.toHaveProperty('actions');
  });

  it('pages long fact lists', () => {
    const card = messageCard({
      title: 'r',
      text: '',
      facts: Array.from({ length: 80 }, (_, i) => ({ title: `${i}`, value: 'v' })),
    });
    expect(texts(card)).toContain('and 30 more');
  });

  it('lists rows with subtitle and flag, and adds the caller\'s "more"', () => {
    const card = listCard({
      title: 'Your actions',
      intro: 'Open actions you own',
      rows: [{ title: '02.14/03/2023', subtitle: 'Circulate the terms', flag: 'Overdue', flagTone: 'attention' }],
      more: 4,
    });
    expect(texts(card)).toBe(
      'Your actions\nOpen actions you own\n02.14/03/2023\nCirculate the terms\nOverdue\nand 4 more',
    );
    expect(json(card)).toContain('"text":"Overdue","color":"Attention"');
    expect(texts(listCard({ title: 'People', rows: [] }))).toContain('None.');
  });

  it('pages a long list under 40 KB', () => {
    const card = listCard({
      title: 'People',
      rows: Array.from({ length: 500 }, (_, i) => ({ title: `Person ${i}`, subtitle: 's'.repeat(300) })),
      more: 10,
    });
    expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
    expect(texts(card)).toMatch(/and 4\d\d more/);
  });
});

describe('rendering', () => {
  it('gives the same card for the same model, and does not leak one render into the next', () => {
    const first = json(actionCard(action()));
    actionCard(action({ text: 'other', canReply: false, notice: { tone: 'attention', text: 'n' } }));
    expect(json(actionCard(action()))).toBe(first);
  });

  it('does not share objects between the model and the card', () => {
    const ids = ['u1'];
    const card = actionCard(action({ refreshUserIds: ids }));
    ids.push('u2');
    expect(card.refresh?.userIds).toEqual(['u1']);
  });
});

describe('cards/ stands alone', () => {
  it('imports nothing from bot/ or storage/', () => {
    const dir = join(import.meta.dirname, '../../cards');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      expect(source, file).not.toMatch(/from\s+['"]\.\.\/(bot|storage)\//);
      expect(source, file).not.toMatch(/from\s+['"](botbuilder|@azure\/)/);
    }
  });

  it('templates are schema 1.5 at most and name the schema', () => {
    const dir = join(import.meta.dirname, '../../cards');
    const templates = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(templates.sort()).toEqual([
      'action.json',
      'chase.json',
      'digest.json',
      'history.json',
      'list.json',
      'message.json',
      'minutes-preview.json',
      'outstanding.json',
      'paste.json',
      'question.json',
      'review.json',
      'summary.json',
    ]);
    for (const file of templates) {
      const t = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
      expect(t, file).toMatchObject({
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: '1.5',
      });
    }
  });
});
