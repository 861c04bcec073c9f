// Re-sends one stored delivery to the local target: its method, its body bytes unchanged, and its
// headers (signature headers included) minus those that describe the original connection.
import http from 'node:http'
import https from 'node:https'
import { resendableHeaders } from '../../lib/net/resend-headers.mjs'

/**
 * @param {Record<string, string>} headers
 * @param {{ redelivery?: boolean }} [options] redelivery: this delivery may have reached the app
 *   already (the forwarder was killed while sending it)
 */
export function forwardedHeaders(headers, deliveryId, { redelivery = false } = {}) {
  const out = resendableHeaders(headers)
  // Lets the local app tell a re-sent delivery from a new one, and drop a second copy.
  out['x-konpro-console-delivery'] = String(deliveryId)
  if (redelivery) out['x-konpro-console-redelivery'] = '1'
  return out
}

/**
 * @param {URL} target
 * @param {{ method: string, headers: Record<string, string>, body: Buffer, timeoutMs: number }} request
 * @returns {Promise<{ status: number }>}
 */
export function send(target, { method, headers, body, timeoutMs }) {
  const withBody = method !== 'GET' && method !== 'HEAD'
  const make = target.protocol === 'https:' ? https.request : http.request
  return new Promise((resolve, reject) => {
    const req = make(
      target,
      {
        method,
        headers: { ...headers, ...(withBody ? { 'content-length': String(body.length) } : {}) },
        timeout: timeoutMs,
      },
      (res) => {
        // Read the answer to its end so keep-alive sockets are reused; its content is not needed.
        res.on('data', () => {})
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }))
        res.on('error', reject)
      },
    )
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)))
    req.on('error', reject)
    req.end(withBody ? body : undefined)
  })
}
