import { describe, expect, it } from 'vitest'
import { actionId } from '../test/actions'
import { hasBuild } from '../test/server'
import { adminEnv, suiteDataDir, suiteServer } from '../test/suite'

// Server actions as a cross-site page or a hand-made request sends them, over real sockets, on
// both ways the build is served: Next.js alone would run the one without an Origin and answer
// the foreign one with a 500.
for (const via of ['server.mjs', 'next start'] as const) {
  describe.skipIf(!hasBuild())(`server actions and their Origin (${via})`, () => {
    const dir = suiteDataDir('konpro-action-origin-')
    const server = suiteServer(
      () => ({
        DATA_DIR: dir(),
        DATABASE_URL: '',
        ...adminEnv({ email: 'admin@origin.test', password: 'correct horse battery staple' }),
      }),
      { via },
    )

    const call = (headers: Record<string, string>) =>
      fetch(`${server().url}/events`, {
        method: 'POST',
        headers: {
          'next-action': actionId('countStoredEvents'),
          'content-type': 'text/plain;charset=UTF-8',
          ...headers,
        },
        body: '[]',
        redirect: 'manual',
      })

    it('refuses an action without an Origin with a 403 that says why', async () => {
      const res = await call({})
      expect(res.status).toBe(403)
      expect(await res.json()).toEqual({
        error: expect.stringContaining('the request has no Origin header'),
      })
    })

    it('refuses an action from another site, or with an unreadable Origin, with a 403', async () => {
      for (const origin of ['https://evil.example', 'null', 'not a url']) {
        const res = await call({ origin })
        expect(res.status, origin).toBe(403)
        expect((await res.json()) as unknown, origin).toEqual({
          error: expect.stringContaining('not from another site'),
        })
      }
    })

    it('refuses a form post without an Origin, which Next.js would read as an action', async () => {
      const form = new FormData()
      form.append('$ACTION_ID_' + actionId('countStoredEvents'), '')
      const res = await fetch(`${server().url}/events`, {
        method: 'POST',
        body: form,
        redirect: 'manual',
      })
      expect(res.status).toBe(403)
    })

    it('lets the console’s own pages through to the session check', async () => {
      const res = await call({ origin: server().url })
      expect(res.status).toBe(200)
      expect(await res.text()).toContain('Your session has ended.')
    })
  })
}
