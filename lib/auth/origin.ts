/** The host a request was sent to, as the browser saw it (a proxy in front says so in X-Forwarded-Host). */
function requestHost(h: Headers) {
  return h.get('x-forwarded-host')?.split(',')[0]?.trim() || h.get('host')
}

/**
 * True when a state-changing request comes from this site's own pages: the browser's Origin
 * (or, failing that, Referer) host must equal the Host the request was sent to.
 */
export function sameOrigin(req: Request): boolean {
  const source = req.headers.get('origin') ?? req.headers.get('referer')
  if (!source) return false
  try {
    return new URL(source).host === requestHost(req.headers)
  } catch {
    return false
  }
}

/**
 * Why a server action request must be refused, or null. Browsers send Origin on every POST an
 * action makes, so a request without one was made by hand (or by a very old browser) and is
 * refused too, rather than let through as Next.js itself does.
 */
export function actionOriginProblem(h: Headers): string | null {
  const origin = h.get('origin')
  if (!origin)
    return 'This action must be sent from the console’s own pages: the request has no Origin header.'
  let host: string | null = null
  try {
    host = origin === 'null' ? null : new URL(origin).host
  } catch {
    // An unparsable Origin is foreign.
  }
  if (!host || host !== requestHost(h))
    return 'This action must be sent from the console’s own pages, not from another site.'
  return null
}

/** A POST that Next.js would run as a server action: fetch calls name it in a header, forms in their body. */
export function isServerActionRequest(method: string, h: Headers): boolean {
  if (method !== 'POST') return false
  if (h.has('next-action')) return true
  const type = h.get('content-type') ?? ''
  return (
    type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')
  )
}
