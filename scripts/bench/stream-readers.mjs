// Live-stream readers in a process of their own, for bench.mjs: read in the load generator's
// process, 200 streams would slow the load generator's event loop, and the benchmark would count
// that against the server. Started with fork(url, cookie, n); messages: { count: prefix } starts
// counting the frames whose video id starts with prefix, 'counts' answers the counts, and
// 'close' ends the process and its streams.
import { openCountingStreams } from './client.mjs'

const [url, cookie, n] = process.argv.slice(2)
let needle = Buffer.from('')
const streams = await openCountingStreams(url, cookie, Number(n), () => needle)
process.on('message', (message) => {
  if (message === 'counts') process.send({ counts: streams.counts })
  else if (message === 'close') process.exit(0)
  else if (message?.count !== undefined) {
    needle = Buffer.from(`"video_id":"${message.count}`)
    streams.counts.fill(0)
    process.send({ counting: message.count })
  }
})
process.on('disconnect', () => process.exit(0)) // the benchmark ended
process.send({ open: true })
