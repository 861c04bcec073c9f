import { expect, it } from 'vitest'
import pkg from '../package.json'
import { openDatabase } from './db/client'
import { checkHealth } from './health'
import { describeEachDatabase } from './test/databases'

describeEachDatabase('health', (fresh) => {
  it('reports ok with the database kind and version', async () => {
    const database = await fresh()
    try {
      const health = await checkHealth(async () => database)
      expect(health).toEqual({ ok: true, db: database.kind, version: pkg.version })
    } finally {
      await database.close()
    }
  })
})

it('reports not ok when PostgreSQL cannot be reached', async () => {
  // Port 9 (discard) has no PostgreSQL behind it on a test machine.
  const database = await openDatabase({ url: 'postgres://nobody:x@127.0.0.1:9/none' })
  try {
    const health = await checkHealth(async () => database, 2000)
    expect(health.ok).toBe(false)
    expect(health.db).toBe('postgres')
  } finally {
    await database.close()
  }
})

it('reports not ok when the database cannot even be opened', async () => {
  const health = await checkHealth(async () => {
    throw new Error('boom')
  })
  expect(health).toMatchObject({ ok: false, db: null })
})
