// Liveness, database reachability and live-update mode for load balancers and uptime checks; public.
import { getDatabase } from '@/lib/db'
import { liveStatus } from '@/lib/events/live-mode'
import { checkHealth } from '@/lib/health'
import { startupReady } from '@/lib/startup-ready'

export const dynamic = 'force-dynamic'

export async function GET() {
  // Healthy once migrated and prepared: a load balancer sends pages here only when they can work.
  const open = async () => (await startupReady().catch(() => {}), getDatabase())
  const health = await checkHealth(open, 3000, liveStatus)
  return Response.json(health, {
    status: health.ok ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  })
}
