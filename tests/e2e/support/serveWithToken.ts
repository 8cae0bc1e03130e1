/**
 * Test-only: `yardstick serve` again on a given port with a given token, as a server restarted
 * in place would be if it kept its token. The real command always makes a new token, which is
 * the point of it; a test that checks a page recovers from a plain outage needs the old one.
 * It runs the command's own serveWorkspace, run under tsx:
 *   node --import tsx tests/e2e/support/serveWithToken.ts <workspaceDir> <port> <token>
 * YARDSTICK_TEST_HEARTBEAT_MS shortens the event socket's heartbeat (default 15 s), so a test can
 * see a silent server noticed in seconds; the page sizes its window from the server's beat.
 */
import { serveWorkspace } from '../../../src-main/cli/commands/serve';

const [workspace, port, token] = process.argv.slice(2);
if (!workspace || !port || !token) {
  process.stderr.write('usage: serveWithToken.ts <workspaceDir> <port> <token>\n');
  process.exit(2);
}
const heartbeatMs = process.env.YARDSTICK_TEST_HEARTBEAT_MS;
await serveWorkspace(
  { workspace },
  { port: Number(port), token, ...(heartbeatMs ? { heartbeatMs: Number(heartbeatMs) } : {}) },
);
