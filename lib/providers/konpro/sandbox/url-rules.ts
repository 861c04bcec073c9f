import 'server-only'
import type { Db } from '../../../db/client'
import { sendOutbound } from '../../../net/outbound'
import { deliveryUrlProblem } from '../../sandbox'

/** KonPro delivers only to https; the sandbox also takes plain http on this machine. */
export const sandboxUrlProblem = (value: string) =>
  deliveryUrlProblem(
    value,
    'url must use https (http is accepted only for localhost and 127.0.0.1 in the sandbox)',
  )

/**
 * KonPro validates a new URL with an OPTIONS request and a 1-second timeout; the sandbox does the
 * same so a console pointed at it learns the same lesson. Private and internal addresses are
 * refused before anything is sent, and every network failure reads the same.
 */
export async function optionsCheck(db: Db, url: string, timeoutMs = 1000): Promise<string | null> {
  const result = await sendOutbound(db, url, {
    method: 'OPTIONS',
    headers: { 'user-agent': 'KonPro-Sandbox/1.0' },
    timeoutMs,
  })
  if (!result.ok && result.reason === 'blocked')
    return `the OPTIONS check to ${url} was not sent: ${result.message}`
  if (!result.ok)
    return `the OPTIONS check to ${url} failed: ${result.message}; the endpoint must answer OPTIONS with 2xx within ${timeoutMs / 1000} second`
  if (result.status >= 200 && result.status < 300) return null
  return `the OPTIONS check to ${url} answered HTTP ${result.status}; the endpoint must answer OPTIONS with 2xx`
}
