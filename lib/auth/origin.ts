/**
 * True when a state-changing request comes from this site's own pages: the browser's Origin
 * (or, failing that, Referer) host must equal the Host the request was sent to.
 */
export function sameOrigin(req: Request): boolean {
  const source = req.headers.get('origin') ?? req.headers.get('referer')
  if (!source) return false
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host')
  try {
    return new URL(source).host === host
  } catch {
    return false
  }
}
