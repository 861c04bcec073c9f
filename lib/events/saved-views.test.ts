import { expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { createUser, removeUser } from '../auth/users'
import { rowsOf } from '../db/client'
import { describeEachDatabase } from '../test/databases'
import { saveViewSchema } from '../validations/saved-view'
import { createSavedView, deleteSavedView, listSavedViews, renameSavedView } from './saved-views'

describeEachDatabase('saved views', (fresh) => {
  const twoUsers = async () => {
    const { db } = await fresh()
    const make = (email: string) =>
      createUser(db, { email, password: 'long enough password', role: 'viewer' })
    return { db, ana: await make('ana@views.test'), ben: await make('ben@views.test') }
  }

  it("lists only the user's own views, by name", async () => {
    const { db, ana, ben } = await twoUsers()
    await createSavedView(db, ana.id, { name: 'Unsigned', query: 'verdict=unsigned' })
    await createSavedView(db, ana.id, { name: 'Failed renders', query: 'type=avatar_video.fail' })
    await createSavedView(db, ben.id, { name: 'Mine', query: 'verdict=invalid' })
    expect((await listSavedViews(db, ana.id)).map((v) => [v.name, v.query])).toEqual([
      ['Failed renders', 'type=avatar_video.fail'],
      ['Unsigned', 'verdict=unsigned'],
    ])
    expect((await listSavedViews(db, ben.id)).map((v) => v.name)).toEqual(['Mine'])
  })

  it('keeps names unique per user, on save and on rename', async () => {
    const { db, ana, ben } = await twoUsers()
    const first = await createSavedView(db, ana.id, { name: 'Failed', query: 'verdict=invalid' })
    expect(await createSavedView(db, ana.id, { name: 'Failed', query: 'type=x' })).toBe('duplicate')
    // Someone else may use the same name.
    expect(await createSavedView(db, ben.id, { name: 'Failed', query: 'type=x' })).toMatchObject({
      name: 'Failed',
    })
    const other = await createSavedView(db, ana.id, { name: 'Other', query: 'type=y' })
    if (first === 'duplicate' || other === 'duplicate') throw new Error('expected new views')
    expect(await renameSavedView(db, ana.id, other.id, 'Failed')).toBe('duplicate')
    expect(await renameSavedView(db, ana.id, other.id, 'Other')).toMatchObject({ name: 'Other' })
    expect(await renameSavedView(db, ana.id, other.id, 'Renamed')).toMatchObject({
      id: other.id,
      name: 'Renamed',
    })
    expect((await listSavedViews(db, ana.id)).map((v) => v.name)).toEqual(['Failed', 'Renamed'])
  })

  it("neither renames nor deletes someone else's view", async () => {
    const { db, ana, ben } = await twoUsers()
    const view = await createSavedView(db, ana.id, { name: 'Ana’s', query: 'verdict=invalid' })
    if (view === 'duplicate') throw new Error('expected a new view')
    expect(await renameSavedView(db, ben.id, view.id, 'Taken over')).toBeNull()
    expect(await deleteSavedView(db, ben.id, view.id)).toBeNull()
    expect((await listSavedViews(db, ana.id)).map((v) => v.name)).toEqual(['Ana’s'])
    expect(await deleteSavedView(db, ana.id, view.id)).toMatchObject({ id: view.id })
    expect(await listSavedViews(db, ana.id)).toEqual([])
    expect(await deleteSavedView(db, ana.id, view.id)).toBeNull()
  })

  it('goes with its owner when the user is removed', async () => {
    const { db, ana, ben } = await twoUsers()
    await createSavedView(db, ana.id, { name: 'One', query: 'verdict=invalid' })
    await createSavedView(db, ben.id, { name: 'Two', query: 'verdict=unsigned' })
    expect(await removeUser(db, ana.id)).toMatchObject({ id: ana.id })
    const [left] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from saved_views`),
    )
    expect(left?.n).toBe(1)
    expect((await listSavedViews(db, ben.id)).map((v) => v.name)).toEqual(['Two'])
  })

  it('refuses names outside 1-80 characters in the database too', async () => {
    const { db, ana } = await twoUsers()
    await expect(
      createSavedView(db, ana.id, { name: 'x'.repeat(81), query: 'verdict=invalid' }),
    ).rejects.toThrow()
    await expect(
      createSavedView(db, ana.id, { name: '', query: 'verdict=invalid' }),
    ).rejects.toThrow()
  })
})

it('stores the canonical query and refuses filters the log would not accept', () => {
  const parse = (query: string) => saveViewSchema.safeParse({ name: ' Mine ', query })
  expect(parse('q=abc&verdict=invalid,unsigned&range=week').data).toEqual({
    name: 'Mine',
    query: 'verdict=invalid%2Cunsigned&q=abc',
  })
  expect(parse('verdict=forged').success).toBe(false)
  expect(parse('since=3y').success).toBe(false)
  expect(parse('').error?.issues[0]?.message).toMatch(/at least one filter/)
  expect(saveViewSchema.safeParse({ name: 'x'.repeat(81), query: 'verdict=invalid' }).success).toBe(
    false,
  )
})
