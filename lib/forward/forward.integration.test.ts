import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { callAction } from '../test/actions'
import { hasBuild } from '../test/server'
import { suiteDataDir } from '../test/suite'
import { createTokenVia } from '../tokens/test-support'
import { forwardSuite, stopCli } from './test-support'

// The real `konpro-console forward` process against the production build, through a TCP proxy
// that cuts every connection mid-stream, then stopped or killed and started again: each delivery
// reaches the local app exactly once, in order, with its body bytes and signature header
// unchanged; only a delivery the app was holding when the forwarder was killed comes twice, the
// second time marked as a redelivery.
const ADMIN = { email: 'admin@forward.test', password: 'correct horse battery staple' }

interface Sent {
  id: number
  body: string
  signature: string
}

describe.skipIf(!hasBuild())('konpro-console forward, end to end', () => {
  const dir = suiteDataDir('konpro-forward-')
  const suite = forwardSuite(
    () => ({ DATA_DIR: path.join(dir(), 'data'), DATABASE_URL: '' }),
    ADMIN,
    dir,
  )
  const { newTarget, startForward } = suite

  // Every delivery posted to this console, in order.
  const all: number[] = []

  /** Posts `n` signed KonPro deliveries, a little apart; resolves to them in order. */
  const deliver = async (n: number, eventType = 'avatar_video.success') => {
    const sent: Sent[] = []
    for (let i = 0; i < n; i++) {
      const body = JSON.stringify({
        event_type: eventType,
        event_data: { video_id: `forward-${Date.now()}-${i}`, note: 'ünïcode ✓' },
      })
      const signature = createHmac('sha256', 'not-registered').update(body).digest('hex')
      const res = await fetch(`${suite.console().url}/api/webhooks/konpro`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', signature },
        body,
      })
      sent.push({ id: Number(((await res.json()) as { id: string }).id), body, signature })
      all.push(sent.at(-1)!.id)
      await new Promise((r) => setTimeout(r, 15))
    }
    return sent
  }
  const settle = () => new Promise((r) => setTimeout(r, 1_500))
  const stateOf = (file: string) =>
    JSON.parse(readFileSync(path.join(dir(), file), 'utf8')) as {
      after: number
      handled?: number[]
      inFlight?: number
    }
  // The resume point is cautious (a lower id may still commit), so the last few handled sit above it.
  const lastHandled = (file: string) => {
    const { after, handled = [] } = stateOf(file)
    return Math.max(after, ...handled)
  }

  it('delivers every delivery exactly once, in order, across a cut connection and a restart', async () => {
    const target = await newTarget()
    const first = startForward(target.port, 'state.json')
    await expect.poll(() => first.out.stderr, { timeout: 20_000 }).toContain('Following')

    // Cut every connection while deliveries are still arriving.
    const burst = deliver(30)
    await expect.poll(() => target.received.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(5)
    expect(suite.proxy().open()).toBeGreaterThan(0)
    suite.proxy().cut()
    const sent = await burst
    await expect.poll(() => first.out.stderr, { timeout: 20_000 }).toContain('Lost the connection')
    await expect.poll(() => target.received.length, { timeout: 30_000 }).toBe(30)

    // Stop it while a burst is being forwarded; what arrives meanwhile waits in the console.
    const second = deliver(30)
    await expect.poll(() => target.received.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(35)
    await stopCli(first)
    sent.push(...(await second))
    const beforeRestart = target.received.length
    expect(beforeRestart).toBeLessThan(60)
    const state = stateOf('state.json')
    expect(lastHandled('state.json')).toBe(target.received.at(-1)!.id)
    expect(state.handled).toEqual(target.ids().filter((id) => id > state.after))
    expect(state.inFlight).toBeUndefined()

    const restarted = startForward(target.port, 'state.json')
    await expect
      .poll(() => restarted.out.stderr, { timeout: 20_000 })
      .toContain(`Resuming after delivery #${state.after}`)
    await expect.poll(() => target.received.length, { timeout: 30_000 }).toBe(60)
    await settle()
    await stopCli(restarted)

    expect(target.ids()).toEqual(sent.map((s) => s.id))
    for (const [i, r] of target.received.entries()) {
      expect(r.method).toBe('POST')
      expect(r.signature).toBe(sent[i]!.signature)
      expect(r.redelivery).toBeUndefined()
      expect(r.body.equals(Buffer.from(sent[i]!.body))).toBe(true)
    }
    // One line per delivery: time, id, type, the local status and latency.
    expect(restarted.out.stdout).toMatch(
      new RegExp(
        `^\\S+Z  #${sent.at(-1)!.id}  avatar_video\\.success\\s+→ 204  \\d+\\.\\d ms$`,
        'm',
      ),
    )
  }, 180_000)

  it('delivers every delivery exactly once, in order, when killed with SIGKILL between bursts', async () => {
    const target = await newTarget()
    const first = startForward(target.port, 'killed-idle.json')
    await expect.poll(() => first.out.stderr, { timeout: 20_000 }).toContain('Following')
    const sent = await deliver(15)
    await expect.poll(() => target.ids(), { timeout: 30_000 }).toEqual(sent.map((s) => s.id))
    // Idle: the last answer is recorded and nothing is being sent.
    await expect
      .poll(
        () => {
          const { inFlight } = stateOf('killed-idle.json')
          return { last: lastHandled('killed-idle.json'), inFlight }
        },
        { timeout: 10_000 },
      )
      .toEqual({ last: sent.at(-1)!.id, inFlight: undefined })
    await stopCli(first, 'SIGKILL')
    const killedAt = stateOf('killed-idle.json')

    sent.push(...(await deliver(15)))
    const restarted = startForward(target.port, 'killed-idle.json')
    await expect
      .poll(() => restarted.out.stderr, { timeout: 20_000 })
      .toContain(`Resuming after delivery #${killedAt.after}`)
    await expect.poll(() => target.received.length, { timeout: 30_000 }).toBe(30)
    await settle()
    await stopCli(restarted)

    expect(target.ids()).toEqual(sent.map((s) => s.id))
    expect(target.received.every((r) => r.redelivery === undefined)).toBe(true)
    expect(restarted.out.stderr).not.toContain('may have reached')
  }, 120_000)

  it('sends the delivery the app was holding at a SIGKILL again, marked, and loses nothing', async () => {
    const target = await newTarget()
    // The sixth request is taken and never answered, as an app paused in a debugger does.
    let requests = 0
    target.stall(() => ++requests === 6)
    const first = startForward(target.port, 'killed-busy.json')
    await expect.poll(() => first.out.stderr, { timeout: 20_000 }).toContain('Following')
    const burst = deliver(20)
    await expect.poll(() => target.received.length, { timeout: 30_000 }).toBe(6)
    const held = target.received[5]!.id
    await stopCli(first, 'SIGKILL')
    target.release()
    const sent = await burst
    expect(lastHandled('killed-busy.json')).toBe(sent[4]!.id)
    expect(stateOf('killed-busy.json').inFlight).toBe(held)

    const restarted = startForward(target.port, 'killed-busy.json')
    await expect
      .poll(() => restarted.out.stderr, { timeout: 20_000 })
      .toContain(`Delivery #${held} was being sent when the forwarder stopped and may have reached`)
    await expect.poll(() => target.received.length, { timeout: 30_000 }).toBe(21)
    await settle()
    await stopCli(restarted)

    const ids = sent.map((s) => s.id)
    expect(held).toBe(ids[5])
    expect(target.ids()).toEqual([...ids.slice(0, 6), held, ...ids.slice(6)])
    expect(target.received.map((r) => r.redelivery)).toEqual(
      target.received.map((_, i) => (i === 6 ? '1' : undefined)),
    )
    expect(target.received[6]!.body.equals(Buffer.from(sent[5]!.body))).toBe(true)
    expect(restarted.out.stdout).toContain(`#${held}  avatar_video.success`)
  }, 120_000)

  it('marks the retry of a delivery the app took but did not answer in time', async () => {
    const target = await newTarget()
    // The third request is taken and never answered; the forwarder gives up on it after 500 ms.
    let requests = 0
    target.stall(() => ++requests === 3)
    const cli = startForward(target.port, 'timed-out.json', ['--timeout', '500'])
    await expect.poll(() => cli.out.stderr, { timeout: 20_000 }).toContain('Following')
    const sent = await deliver(5)
    await expect.poll(() => target.received.length, { timeout: 30_000 }).toBe(6)
    await settle()
    await stopCli(cli)
    target.release()

    const ids = sent.map((s) => s.id)
    expect(cli.out.stderr).toContain(`#${ids[2]}: http://127.0.0.1:${target.port} did not answer`)
    expect(target.ids()).toEqual([...ids.slice(0, 3), ids[2], ...ids.slice(3)])
    expect(target.received.map((r) => r.redelivery)).toEqual(
      target.received.map((_, i) => (i === 3 ? '1' : undefined)),
    )
  }, 120_000)

  /** Posts one Kayle delivery (unsigned: the forwarder sends what was stored, verified or not). */
  const deliverKayle = async () => {
    const res = await fetch(`${suite.console().url}/api/webhooks/kayle`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'verification.completed', data: { id: 'vs_forward' } }),
    })
    const id = Number(((await res.json()) as { id: string }).id)
    expect(id).toBeGreaterThan(0)
    all.push(id)
    return id
  }

  it('forwards only the --provider and --type asked for, counting the others as handled', async () => {
    const target = await newTarget()
    const cli = startForward(target.port, 'filtered.json', [
      '--provider',
      'konpro',
      '--type',
      'avatar_video.fail',
      '--type',
      'video_translate.success',
    ])
    await expect.poll(() => cli.out.stderr, { timeout: 20_000 }).toContain('Following')
    const wanted: number[] = []
    for (let round = 0; round < 3; round++) {
      await deliver(1, 'avatar_video.success')
      wanted.push((await deliver(1, 'avatar_video.fail'))[0]!.id)
      await deliverKayle()
      wanted.push((await deliver(1, 'video_translate.success'))[0]!.id)
    }
    const last = await deliverKayle()
    await expect.poll(() => target.ids(), { timeout: 30_000 }).toEqual(wanted)
    await expect.poll(() => lastHandled('filtered.json'), { timeout: 10_000 }).toBe(last)
    await settle()
    await stopCli(cli)
    expect(target.ids()).toEqual(wanted)
  }, 120_000)

  it('starts from the delivery --since names, or with the window --since gives', async () => {
    const earlier = await deliver(6)
    const fromId = await newTarget()
    const byId = startForward(fromId.port, 'since-id.json', ['--since', String(earlier[2]!.id)])
    const window = await newTarget()
    const byWindow = startForward(window.port, 'since-window.json', ['--since', '10m'])
    for (const cli of [byId, byWindow])
      await expect.poll(() => cli.out.stderr, { timeout: 20_000 }).toContain('Following')
    const later = await deliver(2)
    await expect
      .poll(() => fromId.ids(), { timeout: 30_000 })
      .toEqual([...earlier.slice(2), ...later].map((s) => s.id))
    // Everything this console received arrived in the last ten minutes.
    await expect.poll(() => window.ids(), { timeout: 30_000 }).toEqual(all)
    await settle()
    await Promise.all([stopCli(byId), stopCli(byWindow)])
    expect(fromId.ids()).toEqual([...earlier.slice(2), ...later].map((s) => s.id))
    expect(window.ids()).toEqual(all)
  }, 120_000)

  it('stops with exit code 2 and says why when its token is revoked, before or while it runs', async () => {
    const revoke = async (name: string) => {
      const page = await (
        await fetch(`${suite.console().url}/settings/tokens`, {
          headers: { cookie: suite.cookie() },
        })
      ).text()
      const id = new RegExp(`"id":(\\d+),"name":"${name}"`).exec(page.replace(/\\"/g, '"'))?.[1]
      expect(id, name).toBeDefined()
      const { text } = await callAction(
        suite.console().url,
        '/settings/tokens',
        'revokeAccessTokenAction',
        [Number(id)],
        { cookie: suite.cookie() },
      )
      expect(text).toContain('"ok":true')
    }
    const target = await newTarget()

    const revokedEarly = await createTokenVia(suite.console().url, suite.cookie(), 'revoked-early')
    await revoke('revoked-early')
    const refused = startForward(target.port, 'revoked.json', [], revokedEarly)
    expect(await refused.exited).toBe(2)
    expect(refused.out.stderr).toContain('The console refused the token:')
    expect(refused.out.stderr).toContain('Create a new one under Settings')

    const revokedLater = await createTokenVia(suite.console().url, suite.cookie(), 'revoked-later')
    const running = startForward(target.port, 'revoked.json', [], revokedLater)
    await expect.poll(() => running.out.stderr, { timeout: 20_000 }).toContain('Following')
    await revoke('revoked-later')
    await deliver(1)
    expect(await running.exited).toBe(2)
    expect(running.out.stderr).toContain('The console refused the token:')
    expect(target.received).toEqual([])
  }, 120_000)
})
