import { existsSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * `npm run reset`: deletes .data/ (embedded databases, uploaded files, logs), so
 * the next `npm start` seeds the demo data afresh. Refuses while the platform
 * runs: deleting PGlite's files under a live process corrupts them.
 */
const DATA = fileURLToPath(new URL('../.data', import.meta.url));
const GATEWAY_PORT = 3000;

const gatewayRunning = await new Promise<boolean>((resolve) => {
  const socket = connect({ port: GATEWAY_PORT, host: '127.0.0.1' });
  socket.once('connect', () => {
    socket.destroy();
    resolve(true);
  });
  socket.once('error', () => resolve(false));
});

if (gatewayRunning) {
  process.stderr.write(
    `Something is listening on port ${GATEWAY_PORT}: stop the platform (Ctrl-C in its terminal) before resetting its data.\n`,
  );
  process.exitCode = 1;
} else if (!existsSync(DATA)) {
  process.stdout.write('Nothing to reset: .data/ does not exist.\n');
} else {
  rmSync(DATA, { recursive: true, force: true });
  process.stdout.write('Deleted .data/ — the next `npm start` creates fresh databases and seeds the demo data.\n');
}
