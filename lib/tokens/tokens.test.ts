import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { createUser, removeUser } from '../auth/users'
import { rowsOf } from '../db/client'
import { accessTokens } from '../db/schema'
import { describeEachDatabase } from '../test/databases'
import {
  bearerAccessToken,
  createAccessToken,
  listAccessTokens,
  revokeAccessToken,
  userForAccessToken,
} from './tokens'

it('reads only a kpt_ bearer token from the Authorization header', () => {
  expect(bearerAccessToken(new Headers({ authorization: 'Bearer kpt_abc' }))).toBe('kpt_abc')
  expect(bearerAccessToken(new Headers({ authorization: 'bearer  kpt_abc' }))).toBe('kpt_abc')
  expect(bearerAccessToken(new Headers({ authorization: 'Bearer eyJhbGciOi' }))).toBeUndefined()
  expect(bearerAccessToken(new Headers({ authorization: 'Basic a3B0X2FiYw==' }))).toBeUndefined()
  expect(bearerAccessToken(new Headers())).toBeUndefined()
})

describeEachDatabase('personal access tokens', (fresh) => {
  const setup = async () => {
    const database = await fresh()
    const user = await createUser(database.db, {
      email: 'viewer@tokens.test',
      password: 'long enough password',
      role: 'viewer',
    })
    return { db: database.db, user }
  }

  it('stores only a keyed hash and a short prefix, never the token', async () => {
    const { db, user } = await setup()
    const { token, prefix } = await createAccessToken(db, user.id, 'laptop')
    expect(token).toMatch(/^kpt_[A-Za-z0-9_-]{43}$/)
    expect(prefix).toBe(token.slice(0, 10))
    const dump = JSON.stringify(rowsOf(await db.execute(sql`select * from access_tokens`)))
    expect(dump).not.toContain(token)
    expect(dump).not.toContain(token.slice(10))
    const [row] = await db.select().from(accessTokens)
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('answers the owner for a live token, records its first use, and refuses a revoked one', async () => {
    const { db, user } = await setup()
    const { id, token } = await createAccessToken(db, user.id, 'laptop')
    expect((await listAccessTokens(db, user.id))[0]?.lastUsedAt).toBeNull()
    expect(await userForAccessToken(db, token)).toMatchObject({
      id: user.id,
      email: 'viewer@tokens.test',
      role: 'viewer',
      tokenId: id,
    })
    expect((await listAccessTokens(db, user.id))[0]?.lastUsedAt).toBeInstanceOf(Date)

    expect(await revokeAccessToken(db, user.id, id)).toEqual({
      name: 'laptop',
      prefix: token.slice(0, 10),
    })
    expect(await userForAccessToken(db, token)).toBeNull()
    expect(await listAccessTokens(db, user.id)).toEqual([])
    // Revoking twice, or someone else's token, does nothing.
    expect(await revokeAccessToken(db, user.id, id)).toBeNull()
  })

  it('refuses unknown and malformed tokens, and another user cannot revoke yours', async () => {
    const { db, user } = await setup()
    const other = await createUser(db, {
      email: 'other@tokens.test',
      password: 'long enough password',
      role: 'admin',
    })
    const { id, token } = await createAccessToken(db, user.id, 'laptop')
    expect(await revokeAccessToken(db, other.id, id)).toBeNull()
    expect(await userForAccessToken(db, token)).not.toBeNull()
    expect(
      await userForAccessToken(db, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`),
    ).toBeNull()
    expect(await userForAccessToken(db, 'kpt_short')).toBeNull()
    expect(await userForAccessToken(db, undefined)).toBeNull()
  })

  it('ends with its user: removing the user removes the tokens', async () => {
    const { db, user } = await setup()
    await createUser(db, {
      email: 'admin@tokens.test',
      password: 'long enough password',
      role: 'admin',
    })
    const { token } = await createAccessToken(db, user.id, 'laptop')
    await removeUser(db, user.id)
    expect(await userForAccessToken(db, token)).toBeNull()
    expect(await db.select().from(accessTokens)).toEqual([])
  })
})
