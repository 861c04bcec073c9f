// Hosts whose disk does not outlive a deployment or an instance: the embedded database there
// would lose every delivery, so the console refuses to start on them without DATABASE_URL.

const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes)$/i.test(v.trim())

/** The host that says its disk is ephemeral, named for the message, or null. */
export function ephemeralHost(source: Record<string, string | undefined>): string | null {
  if (truthy(source.VERCEL)) return 'Vercel (VERCEL=1)'
  if (source.AWS_LAMBDA_FUNCTION_NAME) return 'AWS Lambda (AWS_LAMBDA_FUNCTION_NAME is set)'
  if (truthy(source.NETLIFY)) return 'Netlify (NETLIFY=true)'
  if (truthy(source.EPHEMERAL_DISK)) return 'a host with an ephemeral disk (EPHEMERAL_DISK=1)'
  return null
}

export const ephemeralDiskProblem = (host: string) =>
  `  DATABASE_URL: required on ${host}: its disk is not kept, so the embedded database would lose every delivery and user. ` +
  'Set DATABASE_URL to your PostgreSQL URL (on Neon or Vercel Postgres, the pooled one), DATABASE_URL_UNPOOLED to its direct URL ' +
  '(for live updates), and AUTH_SECRET (32+ characters, e.g. `openssl rand -base64 32`).'
