// How a bulk run's answers add up, for its progress, its closing summary and its audit entries.

export type BatchItem =
  { id: number; status: number; latencyMs: number } | { id: number; status: null; error: string }

export interface BulkTally {
  sent: number
  failed: number
  /** Answers by status class: { '2xx': 8, '5xx': 1 }. */
  byClass: Record<string, number>
  /** Each reason a delivery was not sent, with the ids it happened to. */
  failures: Array<{ reason: string; ids: number[] }>
}

export const emptyTally = (): BulkTally => ({ sent: 0, failed: 0, byClass: {}, failures: [] })

/** "2xx", "4xx"…: an answer's class. */
export const statusClass = (status: number) => `${Math.floor(status / 100)}xx`

/** The tally with a batch's results added (a new object; the input is left as it was). */
export function addToTally(tally: BulkTally, items: BatchItem[]): BulkTally {
  const next: BulkTally = {
    sent: tally.sent,
    failed: tally.failed,
    byClass: { ...tally.byClass },
    failures: tally.failures.map((f) => ({ reason: f.reason, ids: [...f.ids] })),
  }
  for (const item of items) {
    if (item.status !== null) {
      next.sent++
      const key = statusClass(item.status)
      next.byClass[key] = (next.byClass[key] ?? 0) + 1
      continue
    }
    next.failed++
    const group = next.failures.find((f) => f.reason === item.error)
    if (group) group.ids.push(item.id)
    else next.failures.push({ reason: item.error, ids: [item.id] })
  }
  return next
}
