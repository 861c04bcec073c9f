import 'server-only'
import { z } from 'zod'

// Environment variables arrive as strings; empty strings count as unset so `.env` templates work.
const optionalString = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional())
const int = (fallback: number, min: number, max: number) =>
  z.preprocess((v) => (v === '' || v === undefined ? fallback : v), z.coerce.number().int().min(min).max(max))

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/.+/, 'expected a postgres:// or postgresql:// connection URL')

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // Database
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), postgresUrl.optional()),
  DATA_DIR: z.preprocess((v) => (v === '' ? undefined : v), z.string().default('.data')),
  // KonPro
  KONPRO_API_KEY: optionalString,
  KONPRO_API_BASE_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://api.konpro.ai' }).default('https://api.konpro.ai'),
  ),
  // Kayle
  KAYLE_API_KEY: optionalString,
  KAYLE_API_BASE_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://api.kayle.id' }).default('https://api.kayle.id'),
  ),
  // Console
  APP_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.url({ protocol: /^https?$/, error: 'expected the public http(s) URL of this console' }).optional(),
  ),
  PORT: int(3000, 1, 65535),
  // Access
  AUTH_SECRET: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(32, 'expected at least 32 characters (for example the output of `openssl rand -base64 32`)').optional(),
  ),
  ADMIN_EMAIL: z.preprocess((v) => (v === '' ? undefined : v), z.email({ error: 'expected an email address' }).optional()),
  ADMIN_PASSWORD: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(12, 'expected at least 12 characters').optional()),
  // Receiver
  RECEIVER_MAX_BODY_BYTES: int(1024 * 1024, 1024, 64 * 1024 * 1024),
  RECEIVER_RATE_LIMIT_PER_MINUTE: int(6000, 1, 10_000_000),
  EVENT_RETENTION_DAYS: int(30, 1, 3650),
  EVENT_MAX_ROWS: int(1_000_000, 1000, 1_000_000_000),
})

export type Env = z.infer<typeof envSchema>

/** Rules across variables, checked after each one parses. */
function crossCheck(env: Env): string[] {
  const problems: string[] = []
  if (env.DATABASE_URL && !env.AUTH_SECRET) {
    problems.push('  AUTH_SECRET: required with DATABASE_URL (a team deployment); expected at least 32 characters')
  }
  if (!!env.ADMIN_EMAIL !== !!env.ADMIN_PASSWORD) problems.push('  ADMIN_EMAIL, ADMIN_PASSWORD: set both or neither')
  return problems
}

export class EnvError extends Error {
  override name = 'EnvError'
}

/** Parses a set of variables; throws an EnvError naming every bad variable and what it expects. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source)
  const lines = result.success
    ? crossCheck(result.data)
    : result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
  if (result.success && lines.length === 0) return result.data
  throw new EnvError(`Invalid configuration:\n${lines.join('\n')}\nSee .env.example for every variable.`)
}

let cached: Env | undefined

export function env(): Env {
  cached ??= parseEnv(process.env)
  return cached
}
