// The typed entry the tests import; the code is shared with scripts/bench (./processes.mjs).
export { hasPgbouncer, startPgbouncer } from './processes.mjs'
