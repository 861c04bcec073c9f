import 'server-only'

export interface EndpointSecret {
  endpointId: string
  url: string
  secret: string
}

/**
 * The secrets of the KonPro endpoints whose URL points at this console's receiver, fetched
 * through the KonPro client (sandbox or real API).
 */
export type SecretSource = () => Promise<EndpointSecret[]>
