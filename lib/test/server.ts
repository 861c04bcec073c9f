// The typed entry the tests import; the code is plain JavaScript (./processes.mjs) so that the
// benchmarks under scripts/bench start the build the same way.
export { freePort, hasBuild, sessionCookie, spawnServer, startServer } from './processes.mjs'
export type { BuildServer, ServerOptions } from './processes.mjs'
