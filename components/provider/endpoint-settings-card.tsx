import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'

/** An endpoint page's edit form, under a card that says only changed fields go to the provider. */
export function EndpointSettingsCard({
  provider,
  children,
}: {
  provider: string
  children: React.ReactNode
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Settings</CardTitle>
        <CardDescription>Only the fields you change are sent to {provider}.</CardDescription>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  )
}
