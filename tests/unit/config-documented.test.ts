// Every environment variable the tracker reads (bot/config.ts) is in README's configuration table
// and in .env.example, and neither lists one it does not read: the three are kept in step.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config.ts';

const repo = (file: string): string => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

/** The names loadConfig looks up, caught as it reads them. */
function variablesRead(): string[] {
  const read = new Set<string>();
  const env = new Proxy({} as Record<string, string | undefined>, {
    get(_target, name) {
      if (typeof name === 'string') read.add(name);
      return undefined;
    },
  });
  loadConfig(env);
  return [...read].sort();
}

/** The variables README's configuration table names (its first column; a row may name two). */
function readmeVariables(): string[] {
  const section = repo('README.md')
    .split(/^## Configuration$/m)[1]!
    .split(/^## /m)[0]!;
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([A-Za-z_]+)`/g)].map((m) => m[1]!))
    .sort();
}

/** The variables .env.example sets or shows commented out (`NAME=` or `# NAME=`). */
function exampleVariables(): string[] {
  return [...repo('.env.example').matchAll(/^#? ?([A-Za-z][A-Za-z_]*)=/gm)].map((m) => m[1]!).sort();
}

describe('the configuration is documented where people look', () => {
  const read = variablesRead();

  it('reads the variables it is known to read (so the lists below are not empty by accident)', () => {
    expect(read).toEqual(
      expect.arrayContaining(['PORT', 'TABLES_CONNECTION_STRING', 'APPLICATIONINSIGHTS_CONNECTION_STRING']),
    );
  });

  it("README's configuration table names every variable read, and no other", () => {
    expect(readmeVariables()).toEqual(read);
  });

  it('.env.example names every variable read, and no other', () => {
    expect([...new Set(exampleVariables())].sort()).toEqual(read);
  });
});
