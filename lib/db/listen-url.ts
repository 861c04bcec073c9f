// Which connection LISTEN uses. Transaction-mode poolers (Neon's `-pooler` hosts, PgBouncer)
// hand each transaction to any server connection, so a LISTEN there never hears a NOTIFY.

export type ListenUrlSource = 'DATABASE_LISTEN_URL' | 'DATABASE_URL_UNPOOLED' | 'DATABASE_URL'

/** The URL to LISTEN on and the variable it came from: a dedicated one first, the main one last. */
export function chooseListenUrl(config: {
  DATABASE_URL?: string
  DATABASE_URL_UNPOOLED?: string
  DATABASE_LISTEN_URL?: string
}): { url: string; source: ListenUrlSource } | null {
  if (config.DATABASE_LISTEN_URL)
    return { url: config.DATABASE_LISTEN_URL, source: 'DATABASE_LISTEN_URL' }
  if (config.DATABASE_URL_UNPOOLED)
    return { url: config.DATABASE_URL_UNPOOLED, source: 'DATABASE_URL_UNPOOLED' }
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, source: 'DATABASE_URL' }
  return null
}

/** Why `url` looks like a transaction pooler's, or null when it looks direct. */
export function pooledReason(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (/-pooler(\.|$)/i.test(parsed.hostname))
    return `its host ${parsed.hostname} is Neon's connection pooler (-pooler)`
  if (parsed.port === '6432') return 'it uses port 6432, PgBouncer’s'
  if (/^(true|1)$/i.test(parsed.searchParams.get('pgbouncer') ?? ''))
    return 'it says pgbouncer=true'
  return null
}
