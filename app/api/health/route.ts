// Liveness, database reachability and live-update mode for load balancers and uptime checks; public.
import { getDatabase } from '@/lib/db'
import { liveStatus } from '@/lib/events/live-mode'
import { checkHealth } from '@/lib/health'

export const dynamic = 'force-dynamic'

export async function GET() {
  const health = await checkHealth(getDatabase, 3000, liveStatus)
  return Response.json(health, { status: health.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } })
}
