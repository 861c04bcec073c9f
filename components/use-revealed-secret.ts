'use client'

import { useEffect, useState } from 'react'

const MASK_AFTER_MS = 30_000

/** A secret shown after an explicit reveal, masked again on its own after 30 s. */
export function useRevealedSecret() {
  const [secret, setSecret] = useState<string | null>(null)
  useEffect(() => {
    if (!secret) return
    const timer = setTimeout(() => setSecret(null), MASK_AFTER_MS)
    return () => clearTimeout(timer)
  }, [secret])
  return [secret, setSecret] as const
}
