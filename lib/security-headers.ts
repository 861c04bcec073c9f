import { browserHttps } from './webhooks/client-address'

/** The policy for a page (its scripts carry `nonce`) or, with no nonce, for anything else. */
export function contentSecurityPolicy(nonce: string | null) {
  const dev = process.env.NODE_ENV === 'development'
  return [
    "default-src 'self'",
    nonce
      ? `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`
      : "script-src 'none'",
    // Components set inline style attributes (positions, sizes); scripts stay nonce-only.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/**
 * The headers every answer carries (set by the proxy, and by server.mjs's fast path for what it
 * serves itself). HSTS only where the browser's connection is known to be https: X-Forwarded-Proto
 * is anyone's to write unless a trusted proxy wrote it (lib/webhooks/client-address.ts).
 */
export function securityHeaders(request: Headers, nonce: string | null): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(nonce),
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    ...(browserHttps(request)
      ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' }
      : {}),
  }
}
