import { PageHeader } from '@/components/page-header'

/** The top of a provider's detail page: the way back, the title, and the record's id or URL. */
export function DetailHeader({
  back,
  title,
  subtitle,
  actions,
}: {
  back: React.ReactNode
  title: string
  /** Shown in full, in monospace: an id or a URL. */
  subtitle: string
  actions?: React.ReactNode
}) {
  return (
    <>
      {back}
      <PageHeader
        title={title}
        description={<span className="font-mono break-all">{subtitle}</span>}
        actions={actions}
      />
    </>
  )
}
