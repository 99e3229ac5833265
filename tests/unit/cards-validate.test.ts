// The validation helper itself: it must catch what Teams would refuse or render wrongly.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readabilityProblems, validateCard } from '../helpers/validate-card.ts';

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

function card(extra: Record<string, unknown>): Record<string, unknown> {
  return {
    $schema: SCHEMA,
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text: 'Hello', wrap: true }],
    ...extra,
  };
}

const execute = (verb: string, data: Record<string, unknown>, fallbackData?: Record<string, unknown>) => ({
  type: 'Action.Execute',
  title: 'Go',
  verb,
  data,
  fallback: { type: 'Action.Submit', title: 'Go', data: fallbackData ?? { ...data, verb } },
});

describe('validateCard', () => {
  it('passes a good card', () => {
    expect(validateCard(card({ actions: [execute('summary.view', { board: 'PAM', meeting: '2023-03-14' })] }))).toEqual(
      [],
    );
  });

  it('reports an unknown element and an unknown action', () => {
    const problems = validateCard(
      card({ body: [{ type: 'Carousel2', pages: [] }], actions: [{ type: 'Action.Teleport', title: 'x' }] }),
    );
    expect(problems.join('\n')).toMatch(/Unknown element type "Carousel2"/);
    expect(problems.join('\n')).toMatch(/Unknown action type "Action.Teleport"/);
  });

  it('reports a misspelt property, which the SDK would drop silently', () => {
    expect(validateCard(card({ body: [{ type: 'TextBlock', text: 'x', wrapp: true }] }))).toEqual([
      'not understood: $.body[0].wrapp',
    ]);
  });

  it('reports a property newer than 1.5 and a version above 1.5', () => {
    const withRole = card({ actions: [{ ...execute('summary.view', { board: 'PAM' }), role: 'Button' }] });
    expect(validateCard(withRole).join('\n')).toMatch(/"role" is supported in version 1.6/);
    expect(validateCard(card({ version: '1.6' })).join('\n')).toMatch(/version is "1.6"/);
  });

  it('reports what the SDK validation finds (an input without an id, an empty choice set)', () => {
    const problems = validateCard(
      card({ body: [{ type: 'Input.Text' }, { type: 'Input.ChoiceSet', id: 'c', choices: [] }] }),
    );
    expect(problems.some((p) => p.startsWith('validate:'))).toBe(true);
  });

  it('reports a missing $schema', () => {
    const { $schema: _, ...rest } = card({});
    expect(validateCard(rest)).toContain('$schema is undefined');
  });

  it('reports an Action.Execute without fallback, or whose fallback data lacks the verb', () => {
    const noFallback = { type: 'Action.Execute', title: 'Go', verb: 'summary.view', data: { board: 'PAM' } };
    expect(validateCard(card({ actions: [noFallback] })).join('\n')).toMatch(/has no Action.Submit fallback/);
    const noVerb = execute('summary.view', { board: 'PAM' }, { board: 'PAM' });
    expect(validateCard(card({ actions: [noVerb] })).join('\n')).toMatch(/is not the action's data and verb/);
  });

  it('reports a plain Action.Submit button and an action.* verb without actionId, board and version', () => {
    expect(validateCard(card({ actions: [{ type: 'Action.Submit', title: 'x', data: {} }] })).join('\n')).toMatch(
      /Action.Submit is not an Action.Execute/,
    );
    const problems = validateCard(
      card({ actions: [execute('action.view', { actionId: 'a1', board: 'PAM', version: '3' })] }),
    );
    expect(problems).toEqual(['$.actions[0]: action.view data has no numeric version']);
  });

  it('reports more than 60 refresh users', () => {
    const refresh = {
      action: { type: 'Action.Execute', verb: 'summary.view', data: { board: 'PAM', meeting: 'm' } },
      userIds: Array.from({ length: 61 }, (_, i) => `u${i}`),
    };
    expect(validateCard(card({ refresh }))).toEqual(['refresh.userIds has 61 users; Teams takes 60 at most']);
  });

  it('reports a card of 40 KB or more', () => {
    const big = card({ body: [{ type: 'TextBlock', text: 'x'.repeat(40_000), wrap: true }] });
    expect(validateCard(big).join('\n')).toMatch(/bytes; the limit is 40000/);
  });
});

describe('readable by everyone', () => {
  it('reports an input without a label, and text in the Warning or Good colour', () => {
    const bad = card({
      body: [
        { type: 'Input.Text', id: 'note', placeholder: 'What has been done' },
        { type: 'TextBlock', text: 'No reply since the meeting', color: 'Warning' },
        { type: 'TextBlock', text: 'Completed — ready to discharge', color: 'Good' },
      ],
    });
    expect(validateCard(bad)).toEqual([
      '$.body[0]: Input.Text "note" has no label',
      "$.body[1]: text in the Warning colour (pale yellow in Teams' light theme)",
      "$.body[2]: text in the Good colour (pale green in Teams' light theme)",
    ]);
  });

  it('holds every card template to it: each input labelled, no Warning or Good text', () => {
    const dir = join(import.meta.dirname, '../../cards');
    const templates = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(templates.length).toBeGreaterThan(5);
    for (const file of templates) {
      const template: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      expect(readabilityProblems(template), file).toEqual([]);
    }
  });
});
