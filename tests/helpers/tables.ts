// Each test file gets its own tables on the run's shared Azurite (tests/setup/azurite.ts); outside
// vitest (the benchmarks) the caller passes the Azurite's connection string instead.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openTables, type Tables } from '../../storage/tables.ts';

export function uniquePrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

export async function testTables(prefix = uniquePrefix(), connectionString?: string): Promise<Tables> {
  return openTables(
    {
      connectionString: connectionString ?? inject('tablesConnectionString'),
      dataDir: '.data',
      embeddedPort: 0,
      prefix,
      longLived: false,
    },
    () => {},
  );
}
