// The practical limit for durable ingest on this machine, for scripts/bench.mjs to measure beside
// the console: a bare node:http server that appends each body to a file and answers 200 only after
// a group-committed fdatasync (every body that arrived while the previous flush ran shares the
// next one). OPTIONS answers at once. Prints "ready <port>" and serves until killed.
import { closeSync, fdatasync, openSync, rmSync, write } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'

const file = path.join(tmpdir(), `konpro-bench-bare-${process.pid}.log`)
const fd = openSync(file, 'a')
let queue = []
let flushing = false

function flush() {
  if (flushing || !queue.length) return
  flushing = true
  const batch = queue
  queue = []
  const data = Buffer.concat(batch.flatMap(({ body }) => [Buffer.from(`${body.length}\n`), body]))
  write(fd, data, (error) => {
    if (error) throw error
    fdatasync(fd, (error2) => {
      if (error2) throw error2
      for (const { res } of batch)
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}')
      flushing = false
      flush()
    })
  })
}

const server = http.createServer((req, res) => {
  if (req.method === 'OPTIONS') return void res.writeHead(200, { 'content-length': '0' }).end()
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', () => {
    queue.push({ body: Buffer.concat(chunks), res })
    flush()
  })
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => console.log(`ready ${server.address().port}`))
const stop = () => {
  closeSync(fd)
  rmSync(file, { force: true })
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
