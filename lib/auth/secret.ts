import 'server-only'
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { env } from '../env'

const key = Symbol.for('konpro-console.auth-secret')
type G = typeof globalThis & { [key]?: string }

/**
 * AUTH_SECRET keys session-token hashes. Team deployments must set it (env.ts enforces that);
 * the embedded default makes one on first start and keeps it in DATA_DIR.
 */
export function authSecret(): string {
  const g = globalThis as G
  if (g[key]) return g[key]
  const { AUTH_SECRET, DATA_DIR } = env()
  if (AUTH_SECRET) return (g[key] = AUTH_SECRET)
  const file = path.resolve(DATA_DIR, 'auth-secret')
  try {
    g[key] = readFileSync(file, 'utf8').trim()
  } catch {
    mkdirSync(path.dirname(file), { recursive: true })
    const fresh = randomBytes(32).toString('base64url')
    writeFileSync(file, fresh, { mode: 0o600, flag: 'wx' })
    g[key] = fresh
  }
  return g[key]!
}
