/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM files from its package folder; drizzle stays one copy shared by
  // instrumentation (which opens the database) and the routes that use it.
  serverExternalPackages: ['@electric-sql/pglite', 'drizzle-orm'],
  // Migrations are read from disk at start-up; make sure serverless bundles carry them.
  outputFileTracingIncludes: { '/**': ['./lib/db/migrations/**/*'] },
  poweredByHeader: false,
  experimental: {
    // Lets lib/ mark the KonPro API key and webhook secrets so React refuses to send them to a browser.
    taint: true,
  },
}

export default nextConfig
