import { expect, it } from 'vitest'
import { and, count, eq } from 'drizzle-orm'
import type { Db } from '../db/client'
import { auditLog } from '../db/schema'
import { describeEachDatabase } from '../test/databases'
import * as password from './password'
import { createSession, SESSION_MAX_AGE_MS, userForSession } from './sessions'
import { signIn } from './sign-in'
import { MAX_ATTEMPTS, releaseAttempt, reserveAttempt, WINDOW_MS } from './sign-in-throttle'
import { createUser } from './users'

const RIGHT = 'a long and sturdy passphrase'
const meta = { ip: '198.51.100.7', userAgent: 'test' }

const audits = async (db: Db, action: string) =>
  (await db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, action)))[0]!.n

describeEachDatabase('sign-in attempt limit', (fresh) => {
  const setup = async () => {
    const database = await fresh()
    await createUser(database.db, { email: 'ana@team.test', password: RIGHT, role: 'admin' })
    return database.db
  }

  it('evaluates at most five of 100 parallel guesses, and the right password does not get in once locked', async () => {
    const db = await setup()
    const guesses = Array.from({ length: 100 }, (_, i) =>
      i === 99 ? RIGHT : `wrong guess number ${i}`,
    )
    const results = await Promise.all(
      guesses.map((p) => signIn(db, { email: 'ana@team.test', password: p, ...meta })),
    )
    const evaluated = results.filter((r) => r.ok || r.reason === 'mismatch')
    expect(evaluated.length).toBeLessThanOrEqual(MAX_ATTEMPTS)
    expect(results.filter((r) => !r.ok && r.reason === 'locked').length).toBeGreaterThanOrEqual(
      100 - MAX_ATTEMPTS,
    )
    expect(results[99]).toMatchObject({ ok: false, reason: 'locked' })
    // Locked now: the right password from another address is refused too (the account is locked).
    expect(
      await signIn(db, {
        email: 'ana@team.test',
        password: RIGHT,
        ip: '203.0.113.9',
        userAgent: null,
      }),
    ).toMatchObject({ ok: false, reason: 'locked' })
    expect(await audits(db, 'auth.sign_in')).toBe(0)
    expect(await audits(db, 'auth.sign_in_failed')).toBeLessThanOrEqual(MAX_ATTEMPTS)
    // One entry per lock (the account and the address), not one per refused guess.
    expect(await audits(db, 'auth.sign_in_locked')).toBe(2)
  })

  it('refuses a flood of rotating emails from one address without hashing or auditing each', async () => {
    const db = await setup()
    let hashes = 0
    const verify = password.verifyPassword
    const spy = (await import('vitest')).vi
      .spyOn(password, 'verifyPassword')
      .mockImplementation(async (...args) => {
        hashes++
        return verify(...args)
      })
    try {
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          signIn(db, { email: `user${i}@team.test`, password: 'whatever it is', ...meta }),
        ),
      )
      expect(results.filter((r) => !r.ok && r.reason === 'locked')).toHaveLength(60 - MAX_ATTEMPTS)
      expect(hashes).toBe(MAX_ATTEMPTS)
    } finally {
      spy.mockRestore()
    }
    const rows = await db.select({ n: count() }).from(auditLog)
    expect(rows[0]!.n).toBe(MAX_ATTEMPTS + 1)
    const [lock] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.sign_in_locked')))
    expect(lock?.target).toBe(`ip:${meta.ip}`)
  })

  it('lets the right password in below the limit and gives that attempt back', async () => {
    const db = await setup()
    for (let i = 0; i < MAX_ATTEMPTS - 1; i++) {
      expect(
        await signIn(db, { email: 'ana@team.test', password: `nope ${i}`, ...meta }),
      ).toMatchObject({ reason: 'mismatch' })
    }
    for (let i = 0; i < 3; i++)
      expect((await signIn(db, { email: 'ana@team.test', password: RIGHT, ...meta })).ok).toBe(true)
    expect(
      await signIn(db, { email: 'ana@team.test', password: 'nope again', ...meta }),
    ).toMatchObject({ reason: 'mismatch' })
    expect(await signIn(db, { email: 'ana@team.test', password: RIGHT, ...meta })).toMatchObject({
      reason: 'locked',
    })
  })

  it('lets no more than five through in a burst that straddles the end of a minute', async () => {
    const db = await setup()
    const t0 = Date.parse('2026-12-03T12:00:00Z')
    // A sign-in that worked, and one that failed, a minute before the burst.
    const worked = await reserveAttempt(db, 'ana@team.test', meta.ip, t0)
    if (worked.ok) await releaseAttempt(db, worked.keys)
    await reserveAttempt(db, 'ana@team.test', meta.ip, t0 + 1000)
    let through = 0
    for (const at of [WINDOW_MS - 100, WINDOW_MS + 100, WINDOW_MS + 1100])
      for (let i = 0; i < 4; i++)
        if ((await reserveAttempt(db, 'ana@team.test', meta.ip, t0 + at)).ok) through++
    expect(through).toBeLessThanOrEqual(MAX_ATTEMPTS)
    const refused = await reserveAttempt(db, 'ana@team.test', meta.ip, t0 + WINDOW_MS + 2000)
    expect(refused).toMatchObject({ ok: false })
    // Locked for a minute from the guess that crossed the limit, however often it is tried meanwhile.
    if (!refused.ok) expect(refused.retryAfter).toBeGreaterThan(50)
    expect(await audits(db, 'auth.sign_in_locked')).toBe(2)
  })

  it('opens again for one try after the lock, and locks again on the next failure', async () => {
    const db = await setup()
    const t0 = Date.parse('2026-12-03T12:00:00Z')
    for (let i = 0; i <= MAX_ATTEMPTS; i++) await reserveAttempt(db, 'ana@team.test', meta.ip, t0)
    expect(await reserveAttempt(db, 'ana@team.test', meta.ip, t0 + WINDOW_MS - 1000)).toMatchObject(
      { ok: false, retryAfter: 1 },
    )
    expect((await reserveAttempt(db, 'ana@team.test', meta.ip, t0 + WINDOW_MS)).ok).toBe(true)
    expect(await reserveAttempt(db, 'ana@team.test', meta.ip, t0 + WINDOW_MS + 10)).toMatchObject({
      ok: false,
      retryAfter: WINDOW_MS / 1000,
    })
  })

  it('opens again once the window has passed', async () => {
    const db = await setup()
    for (let i = 0; i <= MAX_ATTEMPTS; i++)
      await signIn(db, { email: 'ana@team.test', password: `nope ${i}`, ...meta })
    expect(await signIn(db, { email: 'ana@team.test', password: RIGHT, ...meta })).toMatchObject({
      reason: 'locked',
    })
    await db.execute(
      (await import('drizzle-orm'))
        .sql`update sign_in_throttle set window_start = window_start - interval '61 seconds'`,
    )
    expect((await signIn(db, { email: 'ana@team.test', password: RIGHT, ...meta })).ok).toBe(true)
  })
})

describeEachDatabase('sessions at sign-in', (fresh) => {
  it('rotates: a new token each sign-in, and the token the browser held before is ended', async () => {
    const database = await fresh()
    const db = database.db
    await createUser(db, { email: 'ana@team.test', password: RIGHT, role: 'admin' })
    const first = await signIn(db, { email: 'ana@team.test', password: RIGHT, ...meta })
    if (!first.ok) throw new Error('first sign-in failed')
    const second = await signIn(db, {
      email: 'ana@team.test',
      password: RIGHT,
      ...meta,
      previousToken: first.token,
    })
    if (!second.ok) throw new Error('second sign-in failed')
    expect(second.token).not.toBe(first.token)
    expect(await userForSession(db, first.token)).toBeNull()
    expect((await userForSession(db, second.token))?.email).toBe('ana@team.test')
  })

  it('ends a session after its absolute lifetime even when it was used every day', async () => {
    const database = await fresh()
    const db = database.db
    const user = await createUser(db, { email: 'ana@team.test', password: RIGHT, role: 'admin' })
    const token = await createSession(db, user.id, meta)
    const start = Date.now()
    const day = 24 * 60 * 60 * 1000
    for (let t = start + day; t < start + SESSION_MAX_AGE_MS; t += 5 * day)
      expect(await userForSession(db, token, t)).not.toBeNull()
    expect(await userForSession(db, token, start + SESSION_MAX_AGE_MS + day)).toBeNull()
  })
})

it('names the cookie __Host- over https, which requires Secure, Path=/ and no Domain', async () => {
  const { sessionCookie } = await import('./current')
  const secure = sessionCookie('t', true)
  expect(secure).toMatchObject({
    name: '__Host-konpro_session',
    secure: true,
    path: '/',
    httpOnly: true,
  })
  expect(secure).not.toHaveProperty('domain')
  expect(sessionCookie('t', false)).toMatchObject({ name: 'konpro_session', secure: false })
})
