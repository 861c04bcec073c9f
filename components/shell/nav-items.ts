import {
  ActivityIcon,
  SendIcon,
  SettingsIcon,
  ShieldCheckIcon,
  WebhookIcon,
  type LucideIcon,
} from 'lucide-react'
import { PROVIDER_LIST, type ProviderId } from '@/lib/providers/catalog'

export interface NavItem {
  href: string
  label: string
  icon: LucideIcon
}

export type Provider = ProviderId

export const providers: Array<{ id: Provider; label: string; home: string }> = PROVIDER_LIST.map(
  ({ id, label, home }) => ({ id, label, home }),
)

/** Each provider's own pages, then the pages they share (the log shows that provider's events). */
export const navItems: Record<Provider, NavItem[]> = {
  konpro: [
    { href: '/endpoints', label: 'Endpoints', icon: WebhookIcon },
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

/** The provider a page belongs to; shared pages (events, settings) belong to none. */
export function providerOf(pathname: string): Provider | null {
  if (pathname === '/kayle' || pathname.startsWith('/kayle/')) return 'kayle'
  if (pathname === '/endpoints' || pathname.startsWith('/endpoints/')) return 'konpro'
  return null
}
