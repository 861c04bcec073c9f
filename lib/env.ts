import 'server-only'
import { z } from 'zod'
import ipaddr from 'ipaddr.js'
import { ephemeralDiskProblem, ephemeralHost } from './ephemeral-host'

// Environment variables arrive as strings; empty strings count as unset so `.env` templates work.
const optionalString = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional())
const int = (fallback: number, min: number, max: number) =>
  z.preprocess(
    (v) => (v === '' || v === undefined ? fallback : v),
    z.coerce.number().int().min(min).max(max),
  )

/** A comma-separated list, trimmed, empty entries dropped; unset or empty is the empty list. */
const commaList = (v: unknown) =>
  v === '' || v === undefined
    ? []
    : String(v)
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean)

/**
 * `host` or `host:port` entries, comma-separated (IPv6 in brackets: `[::1]:4000`). The host is kept
 * as the URL parser writes it, so `127.1` and `127.0.0.1` match each other.
 */
const allowedHosts = z.preprocess(
  commaList,
  z.array(
    z.string().transform((entry, ctx) => {
      const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(entry)
      const port = match?.[2] === undefined ? null : Number(match[2])
      let hostname = ''
      try {
        hostname = new URL(`http://${match?.[1] ?? ''}`).hostname
      } catch {
        // Reported below with the entry that failed.
      }
      if (!match || !hostname || (port !== null && (port < 1 || port > 65535))) {
        ctx.addIssue({
          code: 'custom',
          message: `expected host or host:port entries separated by commas, such as 127.0.0.1:4000; got "${entry}"`,
        })
        return z.NEVER
      }
      return { hostname, port }
    }),
  ),
)

/**
 * TRUSTED_PROXIES: the proxies in front of the console whose forwarding headers are believed,
 * as comma-separated CIDRs or addresses, or `vercel` for Vercel's own header.
 */
const trustedProxies = z.preprocess(
  commaList,
  z.array(z.string()).transform((entries, ctx) => {
    const cidrs: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> = []
    let vercel = false
    for (const entry of entries) {
      if (entry.toLowerCase() === 'vercel') vercel = true
      else if (ipaddr.isValidCIDR(entry)) cidrs.push(ipaddr.parseCIDR(entry))
      else if (ipaddr.isValid(entry)) {
        const address = ipaddr.process(entry)
        cidrs.push([address, address.kind() === 'ipv4' ? 32 : 128])
      } else {
        ctx.addIssue({
          code: 'custom',
          message: `expected addresses or CIDRs separated by commas (such as 10.0.0.0/8), or "vercel"; got "${entry}"`,
        })
        return z.NEVER
      }
    }
    return { vercel, cidrs }
  }),
)

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/.+/, 'expected a postgres:// or postgresql:// connection URL')

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // Database
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), postgresUrl.optional()),
  // The direct (unpooled) URL for LISTEN, when DATABASE_URL goes through a transaction pooler;
  // DATABASE_URL_UNPOOLED is what Neon's Vercel integration sets, DATABASE_LISTEN_URL wins over it.
  DATABASE_URL_UNPOOLED: z.preprocess((v) => (v === '' ? undefined : v), postgresUrl.optional()),
  DATABASE_LISTEN_URL: z.preprocess((v) => (v === '' ? undefined : v), postgresUrl.optional()),
  DATA_DIR: z.preprocess((v) => (v === '' ? undefined : v), z.string().default('.data')),
  // KonPro
  KONPRO_API_KEY: optionalString,
  KONPRO_API_BASE_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://api.konpro.ai' })
      .default('https://api.konpro.ai'),
  ),
  // Kayle
  KAYLE_API_KEY: optionalString,
  KAYLE_API_BASE_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://api.kayle.id' })
      .default('https://api.kayle.id'),
  ),
  // Console
  APP_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .url({ protocol: /^https?$/, error: 'expected the public http(s) URL of this console' })
      .optional(),
  ),
  PORT: int(3000, 1, 65535),
  // Development and tests only: hosts the sandboxes may reach although they are private or loopback.
  SANDBOX_ALLOW_HOSTS: allowedHosts,
  // Proxies whose X-Forwarded-For and X-Forwarded-Proto are believed; none by default.
  TRUSTED_PROXIES: trustedProxies,
  // Access
  AUTH_SECRET: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .min(
        32,
        'expected at least 32 characters (for example the output of `openssl rand -base64 32`)',
      )
      .optional(),
  ),
  ADMIN_EMAIL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.email({ error: 'expected an email address' }).optional(),
  ),
  ADMIN_PASSWORD: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(12, 'expected at least 12 characters').optional(),
  ),
  // Receiver
  RECEIVER_MAX_BODY_BYTES: int(1024 * 1024, 1024, 64 * 1024 * 1024),
  RECEIVER_RATE_LIMIT_PER_MINUTE: int(6000, 1, 10_000_000),
  EVENT_RETENTION_DAYS: int(30, 1, 3650),
  EVENT_MAX_ROWS: int(1_000_000, 1000, 1_000_000_000),
  // Live log: seconds a stream stays open before it ends itself and the browser resumes; under
  // the stream route's maxDuration (300 s), so the host never cuts it first.
  STREAM_MAX_SECONDS: int(280, 1, 3600),
})

export type Env = z.infer<typeof envSchema>

/** Rules across variables, checked after each one parses. */
function crossCheck(env: Env, source: Record<string, string | undefined>): string[] {
  const problems: string[] = []
  const host = ephemeralHost(source)
  if (host && !env.DATABASE_URL) problems.push(ephemeralDiskProblem(host))
  if (env.DATABASE_URL && !env.AUTH_SECRET) {
    problems.push(
      '  AUTH_SECRET: required with DATABASE_URL (a team deployment); expected at least 32 characters',
    )
  }
  if (!!env.ADMIN_EMAIL !== !!env.ADMIN_PASSWORD)
    problems.push('  ADMIN_EMAIL, ADMIN_PASSWORD: set both or neither')
  return problems
}

export class EnvError extends Error {
  override name = 'EnvError'
}

/** Parses a set of variables; throws an EnvError naming every bad variable and what it expects. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source)
  const lines = result.success
    ? crossCheck(result.data, source)
    : result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
  if (result.success && lines.length === 0) return result.data
  throw new EnvError(
    `Invalid configuration:\n${lines.join('\n')}\nSee .env.example for every variable.`,
  )
}

let cached: Env | undefined

export function env(): Env {
  cached ??= parseEnv(process.env)
  return cached
}
