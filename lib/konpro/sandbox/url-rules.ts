/** KonPro delivers only to https; the sandbox also takes plain http on this machine. */
export function sandboxUrlProblem(value: string): string | null {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'url must be an absolute URL'
  }
  if (url.protocol === 'https:') return null
  if (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return null
  return 'url must use https (http is accepted only for localhost and 127.0.0.1 in the sandbox)'
}

/**
 * KonPro validates a new URL with an OPTIONS request and a 1-second timeout; the sandbox does the
 * same so a console pointed at it learns the same lesson.
 */
export async function optionsCheck(url: string, timeoutMs = 1000): Promise<string | null> {
  try {
    const res = await fetch(url, { method: 'OPTIONS', signal: AbortSignal.timeout(timeoutMs), redirect: 'manual', cache: 'no-store' })
    await res.body?.cancel()
    if (res.status >= 200 && res.status < 300) return null
    return `the OPTIONS check to ${url} answered HTTP ${res.status}; the endpoint must answer OPTIONS with 2xx`
  } catch (error) {
    const name = (error as Error).name
    if (name === 'TimeoutError' || name === 'AbortError') {
      return `the OPTIONS check to ${url} got no answer within ${timeoutMs / 1000} second; the endpoint must answer OPTIONS quickly`
    }
    return `the OPTIONS check could not connect to ${url}; is the server running and reachable?`
  }
}
