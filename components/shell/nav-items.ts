import {
  ActivityIcon,
  SendIcon,
  SettingsIcon,
  ShieldCheckIcon,
  WebhookIcon,
  type LucideIcon,
} from 'lucide-react'
import { PROVIDER_IDS, PROVIDER_LIST, type ProviderId } from '@/lib/providers/catalog'

export interface NavItem {
  href: string
  label: string
  icon: LucideIcon
}

export type Provider = ProviderId

export const providers: Array<{ id: Provider; label: string; home: string }> = PROVIDER_LIST.map(
  ({ id, label, home }) => ({ id, label, home }),
)

/** Selected until a provider's page is opened: the catalog's first. */
export const defaultProvider: Provider = PROVIDER_IDS[0]

/** Each provider's own pages, then the pages they share (the log shows that provider's events). */
export const navItems: Record<Provider, NavItem[]> = {
  konpro: [
    { href: '/konpro/endpoints', label: 'Endpoints', icon: WebhookIcon },
    { href: '/events', label: 'Events', icon: ActivityIcon },
    { href: '/settings', label: 'Settings', icon: SettingsIcon },
  ],
  kayle: [
    { href: '/kayle/endpoints', label: 'Endpoints', icon: ShieldCheckIcon },
    { href: '/kayle/deliveries', label: 'Deliveries', icon: SendIcon },
    { href: '/kayle/events', label: 'Kayle events', icon: ShieldCheckIcon },
    { href: '/events?provider=kayle', label: 'Received', icon: ActivityIcon },
    { href: '/settings', label: 'Settings', icon: SettingsIcon },
  ],
}

/**
 * The provider a page belongs to: each provider's pages live under /<id>. Shared pages (events,
 * settings) belong to none.
 */
export function providerOf(pathname: string): Provider | null {
  return PROVIDER_IDS.find((id) => pathname === `/${id}` || pathname.startsWith(`/${id}/`)) ?? null
}
