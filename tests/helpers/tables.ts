// Each test file gets its own tables on the run's shared Azurite (tests/setup/azurite.ts).
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openTables, type Tables } from '../../storage/tables.ts';

export function uniquePrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

export async function testTables(prefix = uniquePrefix()): Promise<Tables> {
  return openTables(
    { connectionString: inject('tablesConnectionString'), dataDir: '.data', embeddedPort: 0, prefix, longLived: false },
    () => {},
  );
}
