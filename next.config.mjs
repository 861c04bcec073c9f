/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM files from its package folder; drizzle stays one copy shared by
  // instrumentation (which opens the database) and the routes that use it.
  serverExternalPackages: ['@electric-sql/pglite', 'drizzle-orm'],
  // Migrations are read from disk at start-up; make sure serverless bundles carry them.
  outputFileTracingIncludes: { '/**': ['./lib/db/migrations/**/*'] },
  poweredByHeader: false,
  // Every answer, including those proxy.ts does not see (static build and public files, Next's own
  // 405 for a receiver's unsupported method): pages add their nonce-based CSP in proxy.ts.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'x-content-type-options', value: 'nosniff' },
          { key: 'x-frame-options', value: 'DENY' },
          { key: 'referrer-policy', value: 'strict-origin-when-cross-origin' },
        ],
      },
    ]
  },
  // KonPro's pages moved under /konpro beside /kayle; old bookmarks keep working, query and all
  // (Next passes the query string through a redirect).
  async redirects() {
    return [
      { source: '/endpoints', destination: '/konpro/endpoints', permanent: true },
      { source: '/endpoints/:path*', destination: '/konpro/endpoints/:path*', permanent: true },
    ]
  },
  experimental: {
    // Lets lib/ mark the KonPro API key and webhook secrets so React refuses to send them to a browser.
    taint: true,
  },
}

export default nextConfig
