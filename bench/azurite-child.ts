// Runs one in-memory Azurite and prints its connection string as a JSON line; stops on SIGTERM.
import { startAzurite } from '../storage/azurite.ts';

const azurite = await startAzurite();
process.stdout.write(`${JSON.stringify({ connectionString: azurite.connectionString })}\n`);
process.once('SIGTERM', () => {
  azurite.close().finally(() => process.exit(0));
});
