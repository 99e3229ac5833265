// One in-memory Azurite for the whole run; each test file isolates itself with its own table prefix.
import type { TestProject } from 'vitest/node';
import { startAzurite } from '../../storage/azurite.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    tablesConnectionString: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const azurite = await startAzurite();
  project.provide('tablesConnectionString', azurite.connectionString);
  return () => azurite.close();
}
