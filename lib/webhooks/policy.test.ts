import { expect, it } from 'vitest'
import { describeEachDatabase } from '../test/databases'
import { DEFAULT_POLICY, getReceiverPolicy, setReceiverPolicy } from './policy'

describeEachDatabase('receiver policy', (fresh) => {
  it('keeps answering with the last policy known when the database cannot be read', async () => {
    const database = await fresh()
    await setReceiverPolicy(database.db, { rejectUnsigned: false })
    expect(await getReceiverPolicy(database.db, 0)).toEqual({ rejectUnsigned: false })
    // A burst that exhausts the pool looks like this to the read: it fails.
    await database.close()
    expect(await getReceiverPolicy(database.db, 0)).toEqual({ rejectUnsigned: false })
  })

  it('shares one read among a burst', async () => {
    const database = await fresh()
    await setReceiverPolicy(database.db, { rejectUnsigned: false }) // also forgets what was cached
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => getReceiverPolicy(database.db, 0)),
    )
    // Separate reads would each parse a policy object of their own.
    expect(new Set(answers).size).toBe(1)
    expect(answers[0]).toEqual({ rejectUnsigned: false })
  })

  it('falls back to the strict default when nothing is known and the read fails', async () => {
    const database = await fresh()
    await setReceiverPolicy(database.db, { rejectUnsigned: false })
    await database.close()
    expect(await getReceiverPolicy(database.db, 0)).toEqual(DEFAULT_POLICY)
  })
})
