// KonPro's OPTIONS check, every 20 ms until told to stop, in a process of its own: timed in the
// load generator's process, a probe would wait behind the load generator's own event loop.
// Started by bench.mjs with fork(); it answers the latencies (ms) over IPC.
import { request } from './client.mjs'
import { sleep } from './stats.mjs'

const url = process.argv[2]
let stopped = false
process.once('message', () => (stopped = true))
const latencies = []
while (!stopped) {
  const { ms, status } = await request(`${url}/api/webhooks/konpro`, 'OPTIONS')
  latencies.push(status === 200 ? ms : Number.POSITIVE_INFINITY)
  await sleep(20)
}
process.send(latencies, () => process.exit(0))
