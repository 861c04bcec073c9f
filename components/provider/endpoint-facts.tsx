import { Card, CardContent } from '@/components/ui/card'
import { Fact } from '@/components/fact'
import { RelativeTime } from '@/components/relative-time'

/**
 * The facts card at the top of an endpoint's page, whichever provider holds it: id, status and
 * age first, the provider's own facts, then the signing secret (for admins only) and any last facts.
 */
export function EndpointFacts({
  id,
  status,
  createdAt,
  secret,
  children,
  after,
}: {
  id: string
  status: React.ReactNode
  createdAt: string | null
  /** The secret control, or null for a viewer. */
  secret: React.ReactNode
  children?: React.ReactNode
  after?: React.ReactNode
}) {
  return (
    <Card>
      <CardContent className="grid grid-cols-1 gap-4 pt-5 sm:grid-cols-2">
        <dl className="contents">
          <Fact label="Endpoint ID">
            <span className="font-mono">{id}</span>
          </Fact>
          <Fact label="Status">{status}</Fact>
          <Fact label="Created">
            <RelativeTime value={createdAt} />
          </Fact>
          {children}
          <Fact label="Signing secret">
            {secret ?? <span className="text-muted-foreground">Visible to admins only</span>}
          </Fact>
          {after}
        </dl>
      </CardContent>
    </Card>
  )
}
