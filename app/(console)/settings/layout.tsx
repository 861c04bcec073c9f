import { PageHeader } from '@/components/page-header'
import { SettingsTabs } from '@/components/settings/settings-tabs'
import { requireUser } from '@/lib/auth/current'

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser()
  return (
    <>
      <PageHeader
        title="Settings"
        description="How this console is connected, and who may use it."
      />
      <SettingsTabs isAdmin={user.role === 'admin'} />
      {children}
    </>
  )
}
