import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callAction, signInCookie } from '../test/actions'
import { startHttpServer } from '../test/http-server'
import { hasBuild } from '../test/server'
import { adminEnv, suiteDataDir, suiteServer } from '../test/suite'

// The bulk "Send again…" actions of the production build, called over HTTP as the dialog calls
// them: admins only, the URL checked before anything is picked or sent, each batch audited.
const ADMIN = { email: 'admin@bulk.test', password: 'correct horse battery staple' }
const run = '0b7f4c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b'

describe.skipIf(!hasBuild())('bulk replay over HTTP', () => {
  const dir = suiteDataDir('konpro-bulk-')
  const server = suiteServer(() => ({
    DATA_DIR: dir(),
    DATABASE_URL: '',
    ...adminEnv(ADMIN),
    SANDBOX_ALLOW_HOSTS: '127.0.0.2',
  }))
  let target: Awaited<ReturnType<typeof startHttpServer>>
  let admin: string
  let viewer: string
  const call = (name: string, input: unknown, cookie: string) =>
    callAction(server().url, '/events', name, [input], { cookie })

  beforeAll(async () => {
    target = await startHttpServer((_, res) => res.writeHead(202).end('ok'), '127.0.0.2')
    admin = await signInCookie(server().url, ADMIN.email, ADMIN.password)
    const added = await callAction(
      server().url,
      '/settings/users',
      'addUserAction',
      [{ email: 'viewer@bulk.test', role: 'viewer' }],
      { cookie: admin },
    )
    const password = /"password":"([^"]+)"/.exec(added.text)?.[1]
    if (!password) throw new Error(`no password in ${added.text.slice(-300)}`)
    viewer = await signInCookie(server().url, 'viewer@bulk.test', password)
    for (let i = 0; i < 3; i++)
      await fetch(`${server().url}/api/webhooks/konpro`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', signature: 'deadbeef' },
        body: JSON.stringify({
          event_type: 'avatar_video.success',
          event_data: { video_id: `b${i}` },
        }),
      })
  })
  afterAll(async () => {
    await target?.close()
  })

  const start = (cookie: string, extra: Record<string, unknown> = {}) =>
    call(
      'startBulkReplay',
      { filters: {}, url: `${target.url}/hook`, mode: 'original', cap: 2, ...extra },
      cookie,
    )

  it('refuses a viewer every bulk action, and sends nothing', async () => {
    for (const [name, input] of [
      ['countBulkReplay', { filters: {} }],
      ['startBulkReplay', { filters: {}, url: `${target.url}/hook`, mode: 'original', cap: 2 }],
      ['replayBulkBatch', { run, ids: [1, 2], url: `${target.url}/hook`, mode: 'original' }],
    ] as const) {
      const answer = await call(name, input, viewer)
      expect(answer.text, name).toContain('Only an admin can do this.')
    }
    expect(target.requests).toHaveLength(0)
  })

  it('refuses a bad URL or cap with field errors before picking anything', async () => {
    const answer = await start(admin, { url: 'localhost:8080/hook', cap: 5000 })
    expect(answer.text).toContain('Enter a full http:// or https:// URL.')
    expect(answer.text).toContain('At most 1,000 in one run.')
    expect(answer.text).not.toContain('"ids"')
    const batch = await call(
      'replayBulkBatch',
      { run, ids: [1], url: 'javascript:alert(1)', mode: 'original' },
      admin,
    )
    expect(batch.text).toContain('Enter a full http:// or https:// URL.')
    expect(target.requests).toHaveLength(0)
  })

  it('counts, picks the first N oldest first, sends a batch and audits it once', async () => {
    expect((await call('countBulkReplay', { filters: {} }, admin)).text).toContain('"total":3')
    const started = await start(admin)
    const plan = /"run":"([^"]+)","total":3,"ids":\[([\d,]+)\]/.exec(started.text)
    expect(plan, started.text.slice(-300)).not.toBeNull()
    const ids = plan![2]!.split(',').map(Number)
    expect(ids).toHaveLength(2)
    expect(ids[0]).toBeLessThan(ids[1]!)
    const sent = await call(
      'replayBulkBatch',
      { run: plan![1], ids, url: `${target.url}/hook`, mode: 'original' },
      admin,
    )
    expect(sent.text).toContain(`{"id":${ids[0]},"status":202`)
    expect(target.requests).toHaveLength(2)
    const detail = await fetch(`${server().url}/events/${ids[0]}`, { headers: { cookie: admin } })
    expect(await detail.text()).toContain(`${target.url}/hook`)
    const audit = await (
      await fetch(`${server().url}/settings/audit?action=event.replayed_bulk`, {
        headers: { cookie: admin },
      })
    ).text()
    expect(audit.split(plan![1]!).length - 1).toBeGreaterThanOrEqual(1)
  })
})
