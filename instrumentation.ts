// Runs once per server process before it serves: validates configuration and opens and
// migrates the database (starting the embedded PostgreSQL), so a bad setting stops start-up and no
// request pays for the open.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  // `next build` loads this file too; the database belongs to the running server only.
  if (process.env.NEXT_PHASE === 'phase-production-build') return
  const { startup } = await import('./lib/startup')
  await startup()
}
