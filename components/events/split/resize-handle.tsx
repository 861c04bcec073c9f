'use client'

import { useEffect, useState } from 'react'

const KEY = 'konpro.pane-width'
const MIN = 320
const DEFAULT = 560

/** The detail pane's width: dragged (or moved with the arrow keys) on the handle, remembered per browser. */
export function usePaneWidth() {
  const [width, setWidth] = useState(DEFAULT)
  useEffect(() => {
    const stored = Number(localStorage.getItem(KEY))
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only after hydration
    if (stored >= MIN) setWidth(stored)
  }, [])
  const set = (next: number) => {
    const clamped = Math.round(Math.min(Math.max(next, MIN), window.innerWidth * 0.7))
    setWidth(clamped)
    localStorage.setItem(KEY, String(clamped))
  }
  return [width, set] as const
}

export function ResizeHandle({
  width,
  onResize,
}: {
  width: number
  onResize: (width: number) => void
}) {
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the delivery pane"
      aria-valuenow={width}
      aria-valuemin={MIN}
      tabIndex={0}
      data-testid="pane-resizer"
      className="hidden w-2 cursor-col-resize touch-none self-stretch rounded bg-transparent hover:bg-border focus-visible:bg-ring focus-visible:outline-none lg:block"
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') onResize(width + 32)
        if (e.key === 'ArrowRight') onResize(width - 32)
      }}
      onPointerDown={(e) => {
        const startX = e.clientX
        const startWidth = width
        const target = e.currentTarget
        target.setPointerCapture(e.pointerId)
        const move = (m: PointerEvent) => onResize(startWidth + (startX - m.clientX))
        const up = () => {
          target.removeEventListener('pointermove', move)
          target.removeEventListener('pointerup', up)
        }
        target.addEventListener('pointermove', move)
        target.addEventListener('pointerup', up)
      }}
    />
  )
}
