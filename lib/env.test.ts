import { describe, expect, it } from 'vitest'
import { parseEnv } from './env'

describe('parseEnv', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const env = parseEnv({})
    expect(env.DATABASE_URL).toBeUndefined()
    expect(env.DATA_DIR).toBe('.data')
    expect(env.KONPRO_API_BASE_URL).toBe('https://api.konpro.ai')
    expect(env.RECEIVER_MAX_BODY_BYTES).toBe(1024 * 1024)
    expect(env.EVENT_RETENTION_DAYS).toBe(30)
  })

  it('treats empty strings as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', KONPRO_API_KEY: '' }).DATABASE_URL).toBeUndefined()
  })

  it('accepts postgres and postgresql URLs', () => {
    expect(parseEnv({ DATABASE_URL: 'postgresql://u:p@host/db?sslmode=require' }).DATABASE_URL).toContain('host/db')
    expect(parseEnv({ DATABASE_URL: 'postgres://u@h/db' }).DATABASE_URL).toBe('postgres://u@h/db')
  })

  it.each([
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL: expected a postgres:\/\//],
    ['EVENT_RETENTION_DAYS', 'forever', /EVENT_RETENTION_DAYS/],
    ['KONPRO_API_BASE_URL', 'ftp://api', /KONPRO_API_BASE_URL: expected an http\(s\) URL/],
    ['PORT', '70000', /PORT/],
  ])('names %s when its value is bad', (name, value, message) => {
    expect(() => parseEnv({ [name]: value })).toThrow(message)
  })

  it('lists every bad variable at once', () => {
    expect(() => parseEnv({ DATABASE_URL: 'x', APP_URL: 'nope' })).toThrow(/DATABASE_URL[\s\S]*APP_URL|APP_URL[\s\S]*DATABASE_URL/)
  })
})
