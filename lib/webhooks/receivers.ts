// Shared with server.mjs, which answers the receivers' OPTIONS checks itself.
import receivers from './receivers.json'

/** The security headers proxy.ts sets elsewhere, for the receivers it skips. */
export const RECEIVER_HEADERS: Readonly<Record<string, string>> = receivers.headers

export const RECEIVER_PATH = receivers.paths.konpro
export const KAYLE_RECEIVER_PATH = receivers.paths.kayle

/** KonPro validates a new endpoint with OPTIONS and a 1-second timeout: answer at once, no I/O. */
export function answerOptions() {
  return new Response(null, {
    status: 200,
    headers: { ...RECEIVER_HEADERS, allow: 'OPTIONS, POST' },
  })
}
