import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'
import { hasBuild } from '../test/server'
import { suiteDataDir, suiteScratchDatabase } from '../test/suite'
import { forwardSuite, stopCli, type Cli } from './test-support'

// Ids come from a sequence, so with several writers on one PostgreSQL a lower id can commit just
// after a higher one. The real `konpro-console forward` process against the production build:
// such a late row reaches the local app exactly once, whether it commits while the forwarder
// follows the stream, while its connection is down, or while it is stopped, and nothing it had
// forwarded already comes twice when the stream replays after a reconnection or a restart.
const adminUrl = inject('postgresAdminUrl')
const ADMIN = { email: 'admin@late-commit.test', password: 'a lower id commits last' }

describe.skipIf(!hasBuild() || !adminUrl)('konpro-console forward, late commits [postgres]', () => {
  const scratch = suiteScratchDatabase(adminUrl)
  const dir = suiteDataDir('konpro-forward-late-')
  const suite = forwardSuite(
    () => ({ DATABASE_URL: scratch().url, AUTH_SECRET: 'l'.repeat(40) }),
    ADMIN,
    dir,
  )
  const { newTarget, startForward } = suite
  const stateFile = (name: string) => path.join(dir(), name)

  /** Posts one signed KonPro delivery through the console's receiver; resolves to its id. */
  const deliver = async () => {
    const body = JSON.stringify({
      event_type: 'avatar_video.success',
      event_data: { video_id: `late-${Date.now()}-${Math.random()}` },
    })
    const signature = createHmac('sha256', 'not-registered').update(body).digest('hex')
    const res = await fetch(`${suite.console().url}/api/webhooks/konpro`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', signature },
      body,
    })
    return Number(((await res.json()) as { id: string }).id)
  }

  /**
   * Another writer takes an id and does not commit yet; `commit()` stores it. Resolves once the
   * id is taken, so any delivery posted after it gets a higher one.
   */
  const lateRow = async () => {
    const other = new pg.Client({ connectionString: scratch().url })
    await other.connect()
    await other.query('begin')
    const { rows } = await other.query<{ id: string }>(
      `insert into events (method, size, headers, body, parse_status, verdict, response_status, dedupe_key)
       values ('POST', 2, '{"content-type":"application/json"}', '\\x7b7d', 'ok', 'verified', 200, $1)
       returning id`,
      [`late-${Math.random()}`],
    )
    return {
      id: Number(rows[0]!.id),
      commit: async () => {
        await other.query('commit')
        await other.end()
      },
    }
  }

  const settle = () => new Promise((r) => setTimeout(r, 1_500))
  const following = (cli: Cli) =>
    expect.poll(() => cli.out.stderr, { timeout: 20_000 }).toContain('Following')

  /**
   * A forwarder following the stream to a fresh app, which has got `n` deliveries and then one
   * stored after a row another writer still holds uncommitted (`late`, with the lower id).
   */
  const lateBehindHigher = async (state: string, n = 1) => {
    const target = await newTarget()
    const cli = startForward(target.port, state)
    await following(cli)
    const before: number[] = []
    for (let i = 0; i < n; i++) before.push(await deliver())
    const late = await lateRow()
    const higher = await deliver()
    await expect.poll(() => target.ids(), { timeout: 30_000 }).toEqual([...before, higher])
    return { target, cli, before, late, higher }
  }

  it('forwards a lower id that commits after a higher one was forwarded, once, across a cut', async () => {
    const {
      target,
      cli,
      before: [before],
      late,
      higher,
    } = await lateBehindHigher('followed.json')
    expect(higher).toBeGreaterThan(late.id)
    await late.commit()
    await expect.poll(() => target.ids(), { timeout: 30_000 }).toEqual([before, higher, late.id])

    // The stream replays from the cautious resume point after a cut: nothing comes twice.
    suite.proxy().cut()
    await expect.poll(() => cli.out.stderr, { timeout: 20_000 }).toContain('Lost the connection')
    const after = await deliver()
    await expect
      .poll(() => target.ids(), { timeout: 30_000 })
      .toEqual([before, higher, late.id, after])
    await settle()
    await stopCli(cli)
    expect(target.ids()).toEqual([before, higher, late.id, after])
    expect(target.received.every((r) => r.redelivery === undefined)).toBe(true)
    expect(cli.out.stdout).toContain(`#${late.id}  -`)
  }, 120_000)

  it('forwards a lower id that commits while the connection is down, once', async () => {
    const {
      target,
      cli,
      before: [before],
      late,
      higher,
    } = await lateBehindHigher('cut.json')

    // Down, and staying down, until the late row has committed.
    suite.proxy().refuse(true)
    suite.proxy().cut()
    await expect.poll(() => cli.out.stderr, { timeout: 20_000 }).toContain('Lost the connection')
    await late.commit()
    suite.proxy().refuse(false)

    await expect.poll(() => target.ids(), { timeout: 30_000 }).toEqual([before, higher, late.id])
    const after = await deliver()
    await expect
      .poll(() => target.ids(), { timeout: 30_000 })
      .toEqual([before, higher, late.id, after])
    await settle()
    await stopCli(cli)
    expect(target.ids()).toEqual([before, higher, late.id, after])
  }, 120_000)

  it('forwards a lower id that commits while the forwarder is stopped, once, after a restart', async () => {
    const { target, cli: first, before, late, higher } = await lateBehindHigher('stopped.json', 3)
    await settle()
    await stopCli(first)

    // The state file resumes below the late row and lists what was forwarded above that point.
    const state = JSON.parse(readFileSync(stateFile('stopped.json'), 'utf8')) as {
      after: number
      handled?: number[]
      inFlight?: number
    }
    expect(state.after).toBeLessThan(late.id)
    expect(state.inFlight).toBeUndefined()
    expect(state.handled).toEqual([...before, higher].filter((id) => id > state.after))

    await late.commit()
    const restarted = startForward(target.port, 'stopped.json')
    await expect
      .poll(() => restarted.out.stderr, { timeout: 20_000 })
      .toContain(
        `Resuming after delivery #${state.after}, ${state.handled!.length} handled after it already`,
      )
    await expect.poll(() => target.ids(), { timeout: 30_000 }).toEqual([...before, higher, late.id])
    const after = await deliver()
    await expect
      .poll(() => target.ids(), { timeout: 30_000 })
      .toEqual([...before, higher, late.id, after])
    await settle()
    await stopCli(restarted)
    expect(target.ids()).toEqual([...before, higher, late.id, after])
    expect(target.received.every((r) => r.redelivery === undefined)).toBe(true)
  }, 120_000)
})
