import type { TestProject } from 'vitest/node'
import { prepareEmbedded, preparePostgres } from './postgres'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of a PostgreSQL server whose role may create databases; '' when skipped. */
    postgresAdminUrl: string
    /** Admin URL of the embedded PostgreSQL started for this run (the embedded default). */
    embeddedAdminUrl: string
  }
}

export default async function setup(project: TestProject) {
  const [pg, embedded] = await Promise.all([preparePostgres(), prepareEmbedded()])
  project.provide('postgresAdminUrl', pg?.adminUrl ?? '')
  project.provide('embeddedAdminUrl', embedded.adminUrl)
  return async () => {
    await Promise.all([pg?.teardown(), embedded.teardown()])
  }
}
