'use client'

import { useState } from 'react'
import { CheckIcon, CopyIcon } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'

export function CopyButton({
  value,
  label = 'Copy',
  size = 'sm',
  variant = 'outline',
  className,
}: {
  value: string
  label?: string
  size?: 'sm' | 'icon'
  variant?: 'outline' | 'ghost'
  className?: string
}) {
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value)
      setCopied(true)
      setTimeout(() => setCopied(false), 1500)
    } catch {
      toast.error('Could not copy: the browser refused clipboard access.')
    }
  }
  return (
    <Button
      type="button"
      variant={variant}
      size={size}
      onClick={copy}
      aria-label={label}
      title={size === 'icon' ? label : undefined}
      className={className}
    >
      {copied ? <CheckIcon /> : <CopyIcon />}
      {size === 'icon' ? null : copied ? 'Copied' : label}
    </Button>
  )
}
