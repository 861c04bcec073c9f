import { beforeAll, describe, expect, inject, it } from 'vitest'
import { hasBuild, sessionCookie } from '../test/server'
import { adminEnv, suiteScratchDatabase, suiteServer } from '../test/suite'

// Hostile payloads on the delivery's detail page, over a real socket: the page answers, and its
// size stays bounded whatever the shape of the body (deep, wide, or nested past the parser's limit).
const adminUrl = inject('postgresAdminUrl')
const admin = { email: 'ops@hostile.test', password: 'hostile payloads stay small' }
const MIB = 1024 * 1024

/** A binary tree of arrays `depth` levels deep: about 2^depth leaves, every node a tree node. */
const binaryTree = (depth: number): string =>
  depth === 0 ? '1' : `[${binaryTree(depth - 1)},${binaryTree(depth - 1)}]`

const bodies: Record<string, string> = {
  'a binary tree 18 levels deep (~1 MiB)': binaryTree(17),
  'an object with 100k keys (~1 MiB)': `{${Array.from({ length: 100_000 }, (_, i) => `"${i}":0`).join(',')}}`,
  'nesting past the parser limit, padded to ~1 MiB': `{"pad":"${'x'.repeat(MIB - 20_000)}","deep":${'['.repeat(4400)}${']'.repeat(4400)}}`,
  'a 24 KB nested body': binaryTree(12),
}

describe.skipIf(!hasBuild() || !adminUrl)(
  'event detail page with hostile payloads [postgres]',
  () => {
    const scratch = suiteScratchDatabase(adminUrl)
    const server = suiteServer(
      () => ({ DATABASE_URL: scratch().url, AUTH_SECRET: 'x'.repeat(40), ...adminEnv(admin) }),
      { signal: 'SIGKILL' },
    )
    let cookie: string
    beforeAll(async () => {
      cookie = await sessionCookie(server().url, admin)
    })

    for (const [name, body] of Object.entries(bodies)) {
      it(`renders ${name} as a bounded page`, async () => {
        expect(body.length).toBeLessThanOrEqual(MIB)
        const stored = await fetch(`${server().url}/api/webhooks/konpro`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        })
        const { id } = (await stored.json()) as { id: string }
        expect(id).toMatch(/^\d+$/)
        const page = await fetch(`${server().url}/events/${id}`, {
          headers: { cookie },
          signal: AbortSignal.timeout(30_000),
        })
        expect(page.status).toBe(200)
        const html = await page.text()
        expect(html).toContain(`Delivery #${id}`)
        expect(html.length, `${(html.length / MIB).toFixed(1)} MiB of HTML`).toBeLessThan(2 * MIB)
      }, 60_000)
    }
  },
)
