// A second process for tests/integration/embedded-store.test.ts, run as `node --import tsx`.
//   read  DATA_DIR PORT PREFIX PK RK  open the store (longLived: false), read one 'meetings' entity,
//                                     print one JSON line and exit
//   serve DATA_DIR PORT PREFIX        open the store (longLived: true), print one JSON line, stay up
//                                     until SIGTERM (closes gracefully) or SIGKILL
import { isNotFound } from '../../storage/errors.ts';
import { openTables } from '../../storage/tables.ts';

const [mode, dataDir, portText, prefix, pk, rk] = process.argv.slice(2);
if (dataDir === undefined || portText === undefined || prefix === undefined) {
  throw new Error('usage: embedded-child.ts read|serve DATA_DIR PORT PREFIX [PK RK]');
}
const events: { event: string; fields?: Record<string, unknown> }[] = [];
const log = (event: string, fields?: Record<string, unknown>): void => {
  events.push({ event, fields });
};
const started = performance.now();
const tables = await openTables({ dataDir, embeddedPort: Number(portText), prefix, longLived: mode === 'serve' }, log);
const openMs = performance.now() - started;

if (mode === 'read') {
  if (pk === undefined || rk === undefined) throw new Error('read needs PK and RK');
  let entity: unknown = null;
  try {
    entity = await tables.client('meetings').getEntity(pk, rk);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  console.log(JSON.stringify({ pid: process.pid, openMs, events, describe: tables.describe, entity }));
  await tables.close();
  process.exit(0);
} else if (mode === 'serve') {
  // The store's own timers are unref'd (a real server is kept up by its HTTP listener): stand in for that.
  const keepAlive = setInterval(() => {}, 60_000);
  process.on('SIGTERM', () => {
    clearInterval(keepAlive);
    void tables.close().then(() => process.exit(0));
  });
  console.log(JSON.stringify({ pid: process.pid, openMs, events, describe: tables.describe, ready: true }));
} else {
  throw new Error(`unknown mode ${String(mode)}`);
}
