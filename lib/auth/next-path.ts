/** Where sign-in goes when `next` is missing or points anywhere but this console. */
export const DEFAULT_NEXT = '/konpro/endpoints'

// Any fixed origin works for the check: only the path, query and hash of a same-origin result are kept.
const PLACEHOLDER_ORIGIN = 'https://console.invalid'

/**
 * The page to open after sign-in. `next` is resolved the way the browser will resolve it (tabs and
 * newlines dropped, `\` read as `/`, percent-escapes kept) against this console's origin, and kept
 * only when the origin is unchanged: `/\host`, `/<TAB>/host`, `//host` and `https://host` all leave it.
 */
export function safeNextPath(
  next: string | null | undefined,
  origin: string = PLACEHOLDER_ORIGIN,
): string {
  if (!next || next.length > 2000 || !next.startsWith('/')) return DEFAULT_NEXT
  let url: URL
  try {
    url = new URL(next, origin)
  } catch {
    return DEFAULT_NEXT
  }
  if (url.origin !== new URL(origin).origin) return DEFAULT_NEXT
  // `/.//host` resolves to the path `//host`, which a later resolution would read as another host.
  if (url.pathname.startsWith('//')) return DEFAULT_NEXT
  // Back to the sign-in or setup form would only show it again.
  if (/^\/(login|setup)(\/|$)/.test(url.pathname)) return DEFAULT_NEXT
  return url.pathname + url.search + url.hash
}
