import { NextResponse, type NextRequest } from 'next/server'
import { actionOriginProblem, isServerActionRequest } from './lib/auth/origin'
import { contentSecurityPolicy, securityHeaders } from './lib/security-headers'

// Routes anyone may call: the health check, sign-in, and the sandbox API (which
// checks its own key); the receivers are not matched at all. Everything else needs a session; pages and actions also check it on the
// server, so this redirect is a convenience, not the guard.
const PUBLIC_PREFIXES = ['/api/health', '/api/sandbox/', '/api/auth/sign-in', '/login', '/setup']
const SESSION_COOKIES = ['__Host-konpro_session', 'konpro_session'] // as in lib/auth/sessions.ts

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl
  const isPublic = PUBLIC_PREFIXES.some((p) => pathname === p || pathname.startsWith(p))
  const isApi = pathname.startsWith('/api/')

  // Next.js runs a server action without an Origin and answers a foreign one with a 500; both
  // get a 403 that says why. The action wrapper checks the same again behind this.
  if (
    isServerActionRequest(request.method, request.headers) &&
    (!isApi || request.headers.has('next-action'))
  ) {
    const problem = actionOriginProblem(request.headers)
    if (problem)
      return withSecurityHeaders(
        NextResponse.json({ error: problem }, { status: 403 }),
        request,
        null,
      )
  }

  if (
    !isPublic &&
    !isApi &&
    !SESSION_COOKIES.some((name) => request.cookies.has(name)) &&
    request.method === 'GET'
  ) {
    const login = new URL('/login', request.url)
    if (pathname !== '/') login.searchParams.set('next', pathname + request.nextUrl.search)
    return withSecurityHeaders(NextResponse.redirect(login), request, null)
  }

  // Pages get a per-request nonce that Next puts on its own scripts; APIs need none.
  const nonce = isApi ? null : btoa(crypto.randomUUID())
  const requestHeaders = new Headers(request.headers)
  if (nonce) {
    requestHeaders.set('x-nonce', nonce)
    requestHeaders.set('content-security-policy', contentSecurityPolicy(nonce))
  }
  return withSecurityHeaders(
    NextResponse.next({ request: { headers: requestHeaders } }),
    request,
    nonce,
  )
}

function withSecurityHeaders(response: NextResponse, request: NextRequest, nonce: string | null) {
  for (const [name, value] of Object.entries(securityHeaders(request.headers, nonce)))
    response.headers.set(name, value)
  return response
}

export const config = {
  // Static build files are immutable and carry no user data. The receivers set the same headers
  // themselves: skipping the proxy keeps KonPro's OPTIONS check and deliveries on the fast path.
  matcher: ['/((?!_next/static|_next/image|api/webhooks/).*)'],
}
