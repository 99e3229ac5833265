// The compiled card templates (cards/compile.ts) expand exactly as adaptivecards-templating does:
// every shipped template, on data of any shape built from its own binding names (missing values,
// nulls, wrong types, lists where one value was meant, names in another case), gives the same
// card, or fails as the library fails. A template beyond the compiled forms is left to the library.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Template } from 'adaptivecards-templating/lib/template-engine.js';
import { compileTemplate } from '../../cards/compile.ts';
import { CardTemplate } from '../../cards/engine.ts';

const cardsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../cards');
const templates = readdirSync(cardsDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f, json: JSON.parse(readFileSync(path.join(cardsDir, f), 'utf8')) as object }));

type Outcome = { value: unknown } | { threw: true };

function outcome(expand: () => unknown): Outcome {
  try {
    return { value: expand() };
  } catch {
    return { threw: true };
  }
}

/** The same template expanded both ways. */
function both(template: object, data: object): { compiled: Outcome; library: Outcome } {
  const compiled = compileTemplate(template);
  if (!compiled) throw new Error('the template did not compile');
  return {
    compiled: outcome(() => compiled(data)),
    library: outcome(() => new Template(template).expand({ $root: data }) as unknown),
  };
}

/** Every name a template binds (the parts of its `${...}` paths). */
function bindingNames(template: object): string[] {
  const names = new Set<string>();
  for (const m of JSON.stringify(template).matchAll(/\$\{(?:not\()?([\w$.]+)\)?\}/g))
    for (const part of (m[1] ?? '').split('.')) if (!part.startsWith('$')) names.add(part);
  return [...names];
}

/** Data over `names`: any value (lists of records included, so `$data` repeats), names sometimes in capitals. */
function dataOver(names: string[]): fc.Arbitrary<Record<string, unknown>> {
  const leaf = fc.oneof(
    fc.boolean(),
    fc.boolean(),
    fc.string(),
    fc.constantFrom('${board}', 'é → ·', '', 'a"b\\c'),
    fc.integer(),
    fc.constant(null),
    fc.constant(undefined),
  );
  const { record } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, tie('record'), fc.array(tie('value'), { maxLength: 3 })),
    record: fc
      .uniqueArray(
        fc.tuple(
          fc.constantFrom(...names).chain((n) => fc.constantFrom(n, n, n.toUpperCase())),
          tie('value'),
        ),
        { selector: ([k]) => k.toLowerCase(), maxLength: names.length },
      )
      .map((entries) => Object.fromEntries(entries)),
  }));
  return record as fc.Arbitrary<Record<string, unknown>>;
}

describe('compiled card templates', () => {
  it.each(templates)('$name is compiled (the library is not needed to expand it)', ({ json }) => {
    expect(compileTemplate(json)).toBeTypeOf('function');
  });

  it.each(templates)('$name expands as adaptivecards-templating does, on any data', ({ json }) => {
    fc.assert(
      fc.property(dataOver(bindingNames(json)), (data) => {
        const { compiled, library } = both(json, data);
        expect(compiled).toStrictEqual(library);
      }),
      { numRuns: 150 },
    );
  });

  it.each([
    ['a missing value stays written as its binding', { x: '${v}', y: 'A ${v} B', z: '${o.v}' }, {}],
    ['null keeps its place alone, and fails inside text', { x: '${v}' }, { v: null }],
    ['null inside text fails as the library fails', { y: 'A ${v}' }, { v: null }],
    [
      'a value keeps its type alone, and is its text inside text',
      { x: '${v}', y: '${v} · ${w}' },
      { v: 0, w: [1, 'x'] },
    ],
    [
      '$when keeps only for true',
      [{ $when: '${v}', a: 1 }, { $when: '${w}', b: 2 }, { $when: '${u}' }],
      { v: 1, w: true },
    ],
    [
      'not() is false only for false, null and missing',
      { a: '${not(v)}', b: '${not(w)}', c: '${not(u)}' },
      { v: 0, w: '' },
    ],
    [
      'a $when that is no expression drops a truthy one',
      [
        { $when: 'true', a: 1 },
        { $when: false, b: 2 },
      ],
      {},
    ],
    [
      '$data repeats (with $index and $root), one item is the object itself, none is null',
      {
        many: [{ $data: '${items}', a: '${n}', b: '${$root.r}', c: '${r}', i: '${$index}', s: '${$data}' }, 'z'],
        one: { $data: '${single}', a: '${n}' },
        none: { $data: '${empty}', a: '${n}' },
      },
      { items: [{ n: 1 }, 'text', { n: 2 }], single: [{ n: 3 }], empty: [], r: 'R' },
    ],
    ['nested lists are flattened, null items left out', { x: [[1, { $when: '${f}' }], null, 2] }, { f: false }],
    ['names match ignoring case', { x: '${Board}', y: '${o.NAME}' }, { board: 'B', o: { name: 'n' } }],
    ['a value read through a string or a number is missing', { x: '${s.length}', y: '${n.v}' }, { s: 'abc', n: 5 }],
  ])('%s', (_what, template, data) => {
    const { compiled, library } = both(template, data);
    expect(compiled).toStrictEqual(library);
  });

  it('leaves a template with other expressions to the library, which still expands it', () => {
    const json = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: "${if(done, 'Done', 'Open')}" }] };
    expect(compileTemplate(json)).toBeUndefined();
    expect(new CardTemplate<{ done: boolean }>(json).expand({ done: true }).body).toEqual([
      { type: 'TextBlock', text: 'Done' },
    ]);
  });
});
