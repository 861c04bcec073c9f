import { describe, expect, it } from 'vitest'
import { chooseListenUrl, pooledReason } from './listen-url'

describe('chooseListenUrl', () => {
  const main = 'postgres://u:p@db.example.com:5432/konpro'
  it('prefers DATABASE_LISTEN_URL, then DATABASE_URL_UNPOOLED, then DATABASE_URL', () => {
    expect(
      chooseListenUrl({
        DATABASE_URL: main,
        DATABASE_URL_UNPOOLED: 'postgres://direct/x',
        DATABASE_LISTEN_URL: 'postgres://listen/x',
      }),
    ).toEqual({ url: 'postgres://listen/x', source: 'DATABASE_LISTEN_URL' })
    expect(
      chooseListenUrl({ DATABASE_URL: main, DATABASE_URL_UNPOOLED: 'postgres://direct/x' }),
    ).toEqual({
      url: 'postgres://direct/x',
      source: 'DATABASE_URL_UNPOOLED',
    })
    expect(chooseListenUrl({ DATABASE_URL: main })).toEqual({ url: main, source: 'DATABASE_URL' })
    expect(chooseListenUrl({})).toBeNull()
  })
})

describe('pooledReason', () => {
  it('recognises Neon pooler hosts, PgBouncer’s port and pgbouncer=true', () => {
    expect(
      pooledReason(
        'postgresql://a:b@ep-cool-darkness-a1b2c3d4-pooler.us-east-2.aws.neon.tech/db?sslmode=require',
      ),
    ).toMatch(/-pooler/)
    expect(pooledReason('postgres://a:b@127.0.0.1:6432/db')).toMatch(/6432/)
    expect(pooledReason('postgres://a:b@db.internal:5432/db?pgbouncer=true')).toMatch(
      /pgbouncer=true/,
    )
  })
  it('takes direct URLs as direct', () => {
    expect(
      pooledReason(
        'postgresql://a:b@ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech/db?sslmode=require',
      ),
    ).toBeNull()
    expect(pooledReason('postgres://a:b@127.0.0.1:5432/db')).toBeNull()
    expect(pooledReason('postgres://a:b@pooler-notes.example.com/db')).toBeNull()
    expect(pooledReason('not a url')).toBeNull()
  })
})
