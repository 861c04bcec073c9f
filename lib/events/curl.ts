// Rebuilds a stored delivery as a curl command, to replay it against the receiver by hand.

// Hop-by-hop and transport headers describe the original connection, not the delivery.
const SKIPPED = new Set([
  'host',
  'content-length',
  'connection',
  'accept-encoding',
  'transfer-encoding',
  'keep-alive',
  'expect',
])

/** POSIX shell single-quoting: safe for any content, including quotes and newlines. */
export function shellQuote(text: string) {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

export function curlCommand({
  url,
  headers,
  bodyText,
  bodyBase64,
}: {
  url: string
  headers: Record<string, string>
  bodyText: string | null
  bodyBase64: string
}) {
  const lines = [`curl -X POST ${shellQuote(url)}`]
  for (const [name, value] of Object.entries(headers)) {
    if (SKIPPED.has(name.toLowerCase()) || name.startsWith('x-forwarded-')) continue
    lines.push(`-H ${shellQuote(`${name}: ${value}`)}`)
  }
  if (bodyText !== null) {
    lines.push(`--data-binary ${shellQuote(bodyText)}`)
    return lines.join(' \\\n  ')
  }
  // Bytes that are not text go through base64 so the terminal never sees them raw.
  lines.push('--data-binary @-')
  return `printf %s ${shellQuote(bodyBase64)} | base64 -d | ${lines.join(' \\\n  ')}`
}
