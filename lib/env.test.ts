import { describe, expect, it } from 'vitest'
import { parseEnv } from './env'

describe('parseEnv', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const env = parseEnv({})
    expect(env.DATABASE_URL).toBeUndefined()
    expect(env.DATA_DIR).toBe('.data')
    expect(env.KONPRO_API_BASE_URL).toBe('https://api.konpro.ai')
    expect(env.KAYLE_API_KEY).toBeUndefined()
    expect(env.KAYLE_API_BASE_URL).toBe('https://api.kayle.id')
    expect(env.RECEIVER_MAX_BODY_BYTES).toBe(1024 * 1024)
    expect(env.EVENT_RETENTION_DAYS).toBe(30)
  })

  it('treats empty strings as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', KONPRO_API_KEY: '' }).DATABASE_URL).toBeUndefined()
    expect(parseEnv({ KAYLE_API_KEY: '', KAYLE_API_BASE_URL: '' })).toMatchObject({
      KAYLE_API_KEY: undefined,
      KAYLE_API_BASE_URL: 'https://api.kayle.id',
    })
  })

  it('accepts postgres and postgresql URLs', () => {
    const AUTH_SECRET = 'x'.repeat(32)
    expect(
      parseEnv({ DATABASE_URL: 'postgresql://u:p@host/db?sslmode=require', AUTH_SECRET })
        .DATABASE_URL,
    ).toContain('host/db')
    expect(parseEnv({ DATABASE_URL: 'postgres://u@h/db', AUTH_SECRET }).DATABASE_URL).toBe(
      'postgres://u@h/db',
    )
  })

  it.each([
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL: expected a postgres:\/\//],
    ['EVENT_RETENTION_DAYS', 'forever', /EVENT_RETENTION_DAYS/],
    ['KONPRO_API_BASE_URL', 'ftp://api', /KONPRO_API_BASE_URL: expected an http\(s\) URL/],
    ['KAYLE_API_BASE_URL', 'ftp://api', /KAYLE_API_BASE_URL: expected an http\(s\) URL/],
    ['PORT', '70000', /PORT/],
  ])('names %s when its value is bad', (name, value, message) => {
    expect(() => parseEnv({ [name]: value })).toThrow(message)
  })

  it('reads SANDBOX_ALLOW_HOSTS as host or host:port entries, none by default', () => {
    expect(parseEnv({}).SANDBOX_ALLOW_HOSTS).toEqual([])
    expect(
      parseEnv({ SANDBOX_ALLOW_HOSTS: '127.0.0.1:4000, localhost,[::1]:80,127.1' })
        .SANDBOX_ALLOW_HOSTS,
    ).toEqual([
      { hostname: '127.0.0.1', port: 4000 },
      { hostname: 'localhost', port: null },
      { hostname: '[::1]', port: 80 },
      { hostname: '127.0.0.1', port: null },
    ])
    expect(() => parseEnv({ SANDBOX_ALLOW_HOSTS: 'http://127.0.0.1:4000' })).toThrow(
      /SANDBOX_ALLOW_HOSTS.*expected host or host:port/,
    )
    expect(() => parseEnv({ SANDBOX_ALLOW_HOSTS: '127.0.0.1:70000' })).toThrow(
      /SANDBOX_ALLOW_HOSTS/,
    )
  })

  it('requires a long AUTH_SECRET for team deployments', () => {
    expect(() => parseEnv({ DATABASE_URL: 'postgres://u@h/db' })).toThrow(
      /AUTH_SECRET: required with DATABASE_URL/,
    )
    expect(() => parseEnv({ AUTH_SECRET: 'short' })).toThrow(
      /AUTH_SECRET: expected at least 32 characters/,
    )
  })

  it.each([
    [{ VERCEL: '1' }, 'Vercel (VERCEL=1)'],
    [{ AWS_LAMBDA_FUNCTION_NAME: 'console' }, 'AWS Lambda'],
    [{ NETLIFY: 'true' }, 'Netlify'],
    [{ EPHEMERAL_DISK: '1' }, 'a host with an ephemeral disk (EPHEMERAL_DISK=1)'],
  ])(
    'refuses the embedded database where the disk is ephemeral (%o), saying what to set',
    (host, named) => {
      let message = ''
      try {
        parseEnv(host)
      } catch (error) {
        message = (error as Error).message
      }
      expect(message).toContain(`DATABASE_URL: required on ${named}`)
      expect(message).toMatch(/Set DATABASE_URL .*DATABASE_URL_UNPOOLED .*AUTH_SECRET/)
      expect(
        parseEnv({ ...host, DATABASE_URL: 'postgres://u@h/db', AUTH_SECRET: 'x'.repeat(32) })
          .DATABASE_URL,
      ).toBe('postgres://u@h/db')
    },
  )

  it('keeps the embedded database where nothing says the disk is ephemeral', () => {
    expect(parseEnv({ VERCEL: '', EPHEMERAL_DISK: '0' }).DATABASE_URL).toBeUndefined()
  })

  it('wants ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(() => parseEnv({ ADMIN_EMAIL: 'a@b.co' })).toThrow(
      /ADMIN_EMAIL, ADMIN_PASSWORD: set both or neither/,
    )
    expect(() => parseEnv({ ADMIN_EMAIL: 'a@b.co', ADMIN_PASSWORD: 'short' })).toThrow(
      /ADMIN_PASSWORD: expected at least 12/,
    )
    expect(parseEnv({ ADMIN_EMAIL: 'a@b.co', ADMIN_PASSWORD: 'long enough pw' }).ADMIN_EMAIL).toBe(
      'a@b.co',
    )
  })

  it('lists every bad variable at once', () => {
    expect(() => parseEnv({ DATABASE_URL: 'x', APP_URL: 'nope' })).toThrow(
      /DATABASE_URL[\s\S]*APP_URL|APP_URL[\s\S]*DATABASE_URL/,
    )
  })
})
