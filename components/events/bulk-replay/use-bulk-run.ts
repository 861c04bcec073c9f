'use client'

import { useCallback, useEffect, useRef, useState } from 'react'
import { replayBulkBatch } from '@/app/(console)/events/bulk-replay-actions'
import { addToTally, emptyTally, type BulkTally } from '@/lib/replay/bulk-summary'
import { BULK_BATCH_SIZE } from '@/lib/replay/schema'

export type RunTarget = { url: string; mode: 'original' | 'resigned'; endpointId?: string }

export interface BulkRun {
  phase: 'running' | 'done' | 'cancelled' | 'stopped'
  target: RunTarget
  total: number
  /** Ids the server has answered for, sent or failed. */
  processed: number
  tally: BulkTally
  /** Why the run stopped early (a refused batch: session ended, role changed…). */
  stopReason?: string
}

/**
 * Drives a run from the browser: one batch per server call, one after the other, so the server
 * keeps nothing between calls. Cancel, leaving the page or closing the tab take effect after the
 * batch in flight; every answer received so far is already stored.
 */
export function useBulkRun() {
  const [run, setRun] = useState<BulkRun | null>(null)
  const cancelled = useRef(false)
  const [cancelRequested, setCancelRequested] = useState(false)
  const running = run?.phase === 'running'

  // A run lives in this tab: say so before the tab is closed or reloaded mid-run.
  useEffect(() => {
    if (!running) return
    const warn = (e: BeforeUnloadEvent) => e.preventDefault()
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [running])

  // Leaving the page ends the run as closing the tab does: after the batch in flight.
  useEffect(
    () => () => {
      cancelled.current = true
    },
    [],
  )

  const start = useCallback(async (runId: string, ids: number[], target: RunTarget) => {
    cancelled.current = false
    setCancelRequested(false)
    let current: BulkRun = {
      phase: 'running',
      target,
      total: ids.length,
      processed: 0,
      tally: emptyTally(),
    }
    setRun(current)
    for (let i = 0; i < ids.length; i += BULK_BATCH_SIZE) {
      if (cancelled.current) {
        current = { ...current, phase: 'cancelled' }
        break
      }
      const batch = ids.slice(i, i + BULK_BATCH_SIZE)
      let result: Awaited<ReturnType<typeof replayBulkBatch>>
      try {
        result = await replayBulkBatch({ run: runId, ids: batch, ...target })
      } catch {
        result = { ok: false, formError: 'The console did not answer. Check the connection.' }
      }
      if (!result.ok) {
        const reason =
          result.formError ||
          Object.values(result.fieldErrors ?? {})
            .flat()
            .join(' ') ||
          'The console refused the batch.'
        current = { ...current, phase: 'stopped', stopReason: reason }
        break
      }
      current = {
        ...current,
        processed: current.processed + batch.length,
        tally: addToTally(current.tally, result.data.items),
      }
      setRun(current)
    }
    if (current.phase === 'running') current = { ...current, phase: 'done' }
    setRun(current)
  }, [])

  const cancel = useCallback(() => {
    cancelled.current = true
    setCancelRequested(true)
  }, [])
  const reset = useCallback(() => setRun(null), [])

  return { run, start, cancel, reset, cancelling: running && cancelRequested }
}
