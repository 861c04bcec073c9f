// Which stored headers a re-sent delivery carries, for "Send again…" (lib/replay) and the
// `konpro-console forward` command (bin/forward): plain JavaScript so the command imports it as is.

// Connection-level headers describe the original hop from the sender to the console; the new
// request sets its own (Host and Content-Length for the new target and body).
const HOP_HEADERS = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'proxy-connection',
  'proxy-authorization',
  'http2-settings',
])
// A header value the console stored shortened ends in "…", which HTTP cannot carry.
const SENDABLE = /^[\t\x20-\x7e\x80-\xff]*$/

/**
 * The stored headers, lower-cased, minus the hop ones, those whose value cannot be sent, and
 * those named in `drop` (lower-case).
 * @param {Record<string, string>} stored
 * @param {readonly string[]} [drop]
 * @returns {Record<string, string>}
 */
export function resendableHeaders(stored, drop = []) {
  /** @type {Record<string, string>} */
  const out = {}
  for (const [name, value] of Object.entries(stored)) {
    const key = name.toLowerCase()
    if (HOP_HEADERS.has(key) || !SENDABLE.test(value) || drop.includes(key)) continue
    out[key] = value
  }
  return out
}
