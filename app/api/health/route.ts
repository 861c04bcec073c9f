// Liveness and database reachability for load balancers and uptime checks; public.
import { getDatabase } from '@/lib/db'
import { checkHealth } from '@/lib/health'

export const dynamic = 'force-dynamic'

export async function GET() {
  const health = await checkHealth(getDatabase)
  return Response.json(health, { status: health.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } })
}
