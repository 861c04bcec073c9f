import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import type { SessionDb } from '../auth/current'
import { getEvent, listEvents } from '../events/queries'
import { createEventWriter } from '../events/writer'
import { rowsOf } from './client'
import { migrate } from './migrate'
import { describeEachDatabase } from '../test/databases'
import { storedRow } from '../test/event-rows'
import { migrateBefore } from '../test/migrations'

// 0010 moves KonPro's four id columns into `correlation`: rows stored before it keep every id.
describeEachDatabase('migration 0010 on rows with the four id columns', (fresh) => {
  it('keeps every id, leaves nulls out, and the filters still find the rows', async () => {
    const database = await fresh()
    const { db } = database
    await db.execute(
      sql`drop schema public cascade; create schema public; drop schema drizzle cascade`,
    )
    const { later } = await migrateBefore(db, 1796800000000)
    expect(later).toBeGreaterThanOrEqual(1)
    const insert = async (
      provider: string,
      payload: unknown,
      ids: [string | null, string | null, string | null, string | null],
    ) => {
      const text = JSON.stringify(payload)
      const [row] = rowsOf<{ id: string }>(
        await db.execute(sql`
          insert into events (provider, method, size, headers, body, payload, parse_status, event_type,
            video_id, callback_id, video_translate_id, project_id, verdict, response_status, dedupe_key)
          values (${provider}, 'POST', ${text.length}, '{}', convert_to(${text}, 'UTF8'), ${text}::jsonb, 'ok',
            ${(payload as { event_type?: string }).event_type ?? null},
            ${ids[0]}, ${ids[1]}, ${ids[2]}, ${ids[3]}, 'verified', 200, ${`k-${Math.random()}`})
          returning id`),
      )
      return Number(row!.id)
    }
    const all = await insert(
      'konpro',
      {
        event_type: 'video_translate.success',
        event_data: { video_translate_id: 'vt-1', callback_id: 'cb-1', project_id: 'p-1' },
      },
      ['v-1', 'cb-1', 'vt-1', 'p-1'],
    )
    const some = await insert(
      'konpro',
      { event_type: 'avatar_video.success', event_data: { video_id: 'v-2', project_id: 42 } },
      ['v-2', null, null, '42'],
    )
    const none = await insert('kayle', { type: 'verification.session.verified' }, [
      null,
      null,
      null,
      null,
    ])

    expect(await migrate(db)).toEqual({ applied: later })
    const stored = rowsOf<{ id: string; correlation: Record<string, string> }>(
      await db.execute(sql`select id, correlation from events order by id`),
    )
    expect(stored.map((r) => [Number(r.id), r.correlation])).toEqual([
      [
        all,
        { video_id: 'v-1', callback_id: 'cb-1', video_translate_id: 'vt-1', project_id: 'p-1' },
      ],
      [some, { video_id: 'v-2', project_id: '42' }],
      [none, {}],
    ])
    const columns = rowsOf<{ column_name: string }>(
      await db.execute(
        sql`select column_name from information_schema.columns where table_schema = current_schema() and table_name = 'events'`,
      ),
    ).map((c) => c.column_name)
    expect(columns).toContain('correlation')
    for (const gone of ['video_id', 'callback_id', 'video_translate_id', 'project_id'])
      expect(columns).not.toContain(gone)

    // The list, its filters and the detail read the moved ids.
    const session = db as SessionDb
    const ids = async (filters: Parameters<typeof listEvents>[1]['filters']) =>
      (await listEvents(session, { filters })).events.map((e) => [e.id, e.correlation])
    expect(await ids({ field: 'event_data.video_id=v-2' })).toEqual([
      [some, { video_id: 'v-2', project_id: '42' }],
    ])
    expect(await ids({ q: 'vt-1' })).toEqual([
      [
        all,
        { video_id: 'v-1', callback_id: 'cb-1', video_translate_id: 'vt-1', project_id: 'p-1' },
      ],
    ])
    expect(await ids({ provider: 'kayle' })).toEqual([[none, {}]])
    expect((await getEvent(session, some))?.correlation).toEqual({
      video_id: 'v-2',
      project_id: '42',
    })

    // A delivery written after the migration stores its ids in the new column.
    const { id } = await createEventWriter(db).write(
      storedRow({ correlation: { video_id: 'v-new' }, dedupeKey: 'k-new' }),
    )
    expect((await getEvent(session, id))?.correlation).toEqual({ video_id: 'v-new' })
    // Running it again (its bookkeeping row and the later ones gone) changes nothing.
    await db.execute(
      sql`delete from drizzle.__drizzle_migrations where created_at >= 1796800000000`,
    )
    expect(await migrate(db)).toEqual({ applied: later })
    expect((await getEvent(session, all))?.correlation).toMatchObject({ video_id: 'v-1' })
  })
})
