import 'server-only'
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { env } from '../env'
import { processSingleton } from '../runtime'

const held = () =>
  processSingleton('auth-secret', () => ({ current: undefined as string | undefined }))

/**
 * AUTH_SECRET keys session-token hashes. Team deployments must set it (env.ts enforces that);
 * the embedded default makes one on first start and keeps it in DATA_DIR.
 */
export function authSecret(): string {
  const secret = held()
  if (secret.current) return secret.current
  const { AUTH_SECRET, DATA_DIR } = env()
  if (AUTH_SECRET) return (secret.current = AUTH_SECRET)
  const file = path.resolve(DATA_DIR, 'auth-secret')
  try {
    secret.current = readFileSync(file, 'utf8').trim()
  } catch {
    mkdirSync(path.dirname(file), { recursive: true })
    const fresh = randomBytes(32).toString('base64url')
    writeFileSync(file, fresh, { mode: 0o600, flag: 'wx' })
    secret.current = fresh
  }
  return secret.current
}
