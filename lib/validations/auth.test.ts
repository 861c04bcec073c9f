import { describe, expect, it } from 'vitest'
import { setupSchema } from './auth'

const errorFor = (password: string) => {
  const r = setupSchema.safeParse({ email: 'ana@team.test', password, confirm: password })
  return r.success ? null : r.error.issues.find((i) => i.path[0] === 'password')?.message
}

describe('new passwords', () => {
  it.each([
    'password1234',
    'Password 1234',
    'qwertyuiop123',
    'aaaaaaaaaaaa',
    '111111111111111',
    'ÄÄÄÄÄÄÄÄÄÄÄÄ',
    'correct horse battery staple',
  ])('refuses %s, next to the password field', (password) => {
    expect(errorFor(password)).toMatch(/most common/)
  })

  it('keeps the length rule and accepts a sturdy passphrase', () => {
    expect(errorFor('too short')).toBe('Use at least 12 characters.')
    expect(errorFor('a long and sturdy passphrase')).toBeNull()
    expect(errorFor('ab'.repeat(6) + 'c')).toBeNull()
  })
})
