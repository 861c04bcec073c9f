import { expect, it } from 'vitest'
import { describeEachDatabase } from '../test/databases'
import { hashPassword, verifyPassword } from './password'
import { createSession, SESSION_IDLE_MS, userForSession } from './sessions'
import {
  changeRole,
  createFirstAdmin,
  createUser,
  ensureAdmin,
  hasUsers,
  removeUser,
} from './users'

it('hashes passwords with a salt per hash and verifies them', async () => {
  const a = await hashPassword('correct horse battery staple')
  const b = await hashPassword('correct horse battery staple')
  expect(a).toMatch(/^scrypt\$16384\$8\$1\$/)
  expect(a).not.toBe(b)
  expect(await verifyPassword('correct horse battery staple', a)).toBe(true)
  expect(await verifyPassword('correct horse battery stapl', a)).toBe(false)
  expect(await verifyPassword('x', 'bcrypt$whatever')).toBe(false)
})

describeEachDatabase('users and sessions', (fresh) => {
  const setup = async () => (await fresh()).db
  const PASSWORD = 'long enough password'
  const addUser = (
    db: Awaited<ReturnType<typeof setup>>,
    email: string,
    role: 'admin' | 'viewer',
  ) => createUser(db, { email, password: PASSWORD, role })

  it('lets exactly one of several racing setups create the first admin', async () => {
    const db = await setup()
    expect(await hasUsers(db)).toBe(false)
    const results = await Promise.all(
      ['a@x.test', 'b@x.test', 'c@x.test'].map((email) =>
        createFirstAdmin(db, { email, password: PASSWORD }),
      ),
    )
    expect(results.filter(Boolean)).toHaveLength(1)
    expect(results.find(Boolean)?.role).toBe('admin')
  })

  it('keeps sessions until they are idle for seven days', async () => {
    const db = await setup()
    const user = await addUser(db, 'Ana@X.test', 'viewer')
    expect(user.email).toBe('ana@x.test')
    const token = await createSession(db, user.id, { ip: '10.0.0.1', userAgent: 'test' })
    expect(await userForSession(db, token)).toMatchObject({ id: user.id, role: 'viewer' })
    expect(await userForSession(db, `${token}x`)).toBeNull()
    expect(await userForSession(db, undefined)).toBeNull()
    expect(await userForSession(db, token, Date.now() + SESSION_IDLE_MS + 60_000)).toBeNull()
    // An idle session is deleted, not just refused.
    expect(await userForSession(db, token)).toBeNull()
  })

  it('never removes or demotes the last admin, and removal ends sessions', async () => {
    const db = await setup()
    const admin = await addUser(db, 'admin@x.test', 'admin')
    const viewer = await addUser(db, 'viewer@x.test', 'viewer')
    expect(await changeRole(db, admin.id, 'viewer')).toBe('last_admin')
    expect(await removeUser(db, admin.id)).toBe('last_admin')
    const token = await createSession(db, viewer.id, { ip: null, userAgent: null })
    expect(await removeUser(db, viewer.id)).toMatchObject({ email: 'viewer@x.test' })
    expect(await userForSession(db, token)).toBeNull()
    expect(await removeUser(db, viewer.id)).toBe('not_found')
    const second = await addUser(db, 'second@x.test', 'admin')
    expect(await changeRole(db, admin.id, 'viewer')).toMatchObject({ role: 'viewer' })
    expect(await changeRole(db, second.id, 'viewer')).toBe('last_admin')
  })

  it('creates or resets the start-up admin and signs out its old sessions', async () => {
    const db = await setup()
    await ensureAdmin(db, 'ops@x.test', 'first long password')
    const [admin] = await Promise.all([createSession(db, 1, { ip: null, userAgent: null })])
    await ensureAdmin(db, 'ops@x.test', 'second long password')
    expect(await userForSession(db, admin)).toBeNull()
  })
})
