import 'server-only'
import { desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { sandboxDeliveries } from '../../../db/schema'

// What the sandbox sent one endpoint: the latest deliveries, and over the last STATS_WINDOW of
// them how many the endpoint accepted (2xx) and how fast it answered.

export const STATS_WINDOW = 500
export const RECENT = 20

export interface EndpointHistory {
  recent: {
    id: number
    eventType: string
    statusCode: number | null
    error: string | null
    durationMs: number
    createdAt: string
  }[]
  stats: { sent: number; accepted: number; p50Ms: number | null; p95Ms: number | null }
}

export async function sandboxEndpointHistory(db: Db, endpointId: string): Promise<EndpointHistory> {
  const window = db
    .select()
    .from(sandboxDeliveries)
    .where(eq(sandboxDeliveries.endpointId, endpointId))
    .orderBy(desc(sandboxDeliveries.id))
    .limit(STATS_WINDOW)
    .as('w')
  const [rows, [stats]] = await Promise.all([
    db
      .select()
      .from(sandboxDeliveries)
      .where(eq(sandboxDeliveries.endpointId, endpointId))
      .orderBy(desc(sandboxDeliveries.id))
      .limit(RECENT),
    db
      .select({
        sent: sql<number>`count(*)::int`,
        accepted: sql<number>`count(*) filter (where ${window.statusCode} between 200 and 299)::int`,
        p50: sql<number | null>`percentile_cont(0.5) within group (order by ${window.durationMs})`,
        p95: sql<number | null>`percentile_cont(0.95) within group (order by ${window.durationMs})`,
      })
      .from(window),
  ])
  const ms = (v: number | null | undefined) =>
    v === null || v === undefined ? null : Math.round(Number(v))
  return {
    recent: rows.map((r) => ({
      id: r.id,
      eventType: r.eventType,
      statusCode: r.statusCode,
      error: r.error,
      durationMs: r.durationMs,
      createdAt: r.createdAt.toISOString(),
    })),
    stats: {
      sent: stats?.sent ?? 0,
      accepted: stats?.accepted ?? 0,
      p50Ms: ms(stats?.p50),
      p95Ms: ms(stats?.p95),
    },
  }
}
