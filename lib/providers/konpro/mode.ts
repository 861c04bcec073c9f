import 'server-only'
import { konproConnection } from './connection'

/** With no API key in the environment or stored from Settings, the console manages endpoints in its built-in sandbox. */
export async function isSandbox(): Promise<boolean> {
  return (await konproConnection()).source === 'sandbox'
}
