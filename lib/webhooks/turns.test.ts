import { Agent, createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createTurns } from './turns'

/** Holds the thread for `ms`, as checking a large body does. */
function busy(ms: number) {
  const until = performance.now() + ms
  while (performance.now() < until);
}

describe('turns', () => {
  it('releases waiters one per turn of the event loop, in order', async () => {
    const turns = createTurns()
    const order: string[] = []
    const done = Promise.all(
      [0, 1, 2].map((i) =>
        turns.next().then(() => {
          busy(5)
          order.push(`waiter ${i}`)
        }),
      ),
    )
    // Due once the first waiter has run, the timer fires on the next turn: between the first two
    // waiters, not after all of them.
    setTimeout(() => order.push('timer'), 0)
    await done
    expect(order.slice(0, 2)).toEqual(['waiter 0', 'timer'])
    expect(order.filter((o) => o.startsWith('waiter'))).toEqual([
      'waiter 0',
      'waiter 1',
      'waiter 2',
    ])
  })

  it('answers a request on a socket between long checks instead of after all of them', async () => {
    const server = createServer((_, res) => res.end('ok'))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const get = (onAnswer: () => void) =>
      request({ port, host: '127.0.0.1', agent }, (res) => res.resume().on('end', onAnswer)).end()
    try {
      await new Promise<void>((resolve) => get(resolve)) // connected, so the next request is one write
      const turns = createTurns()
      let checked = 0
      let answeredAfter = -1
      get(() => (answeredAfter = checked))
      // Ten checks of 20 ms each, queued as the request goes out.
      await Promise.all(
        Array.from({ length: 10 }, () =>
          turns.next().then(() => {
            busy(20)
            checked++
          }),
        ),
      )
      await new Promise((r) => setTimeout(r, 50))
      // The server read it and the answer came back while most checks were still waiting.
      expect(answeredAfter).toBeGreaterThanOrEqual(0)
      expect(answeredAfter).toBeLessThan(5)
    } finally {
      agent.destroy()
      server.close()
    }
  })
})
