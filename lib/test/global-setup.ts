import type { TestProject } from 'vitest/node'
import { preparePostgres } from './postgres'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of a PostgreSQL server whose role may create databases; '' when skipped. */
    postgresAdminUrl: string
  }
}

export default async function setup(project: TestProject) {
  const pg = await preparePostgres()
  project.provide('postgresAdminUrl', pg?.adminUrl ?? '')
  return async () => {
    await pg?.teardown()
  }
}
