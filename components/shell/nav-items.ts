import { ActivityIcon, SettingsIcon, WebhookIcon, type LucideIcon } from 'lucide-react'

export interface NavItem {
  href: string
  label: string
  icon: LucideIcon
}

export const navItems: NavItem[] = [
  { href: '/endpoints', label: 'Endpoints', icon: WebhookIcon },
  { href: '/events', label: 'Events', icon: ActivityIcon },
  { href: '/settings', label: 'Settings', icon: SettingsIcon },
]
