import { afterEach } from 'vitest'

export type Defer = (task: () => unknown) => void

/** Registers clean-ups during a test and runs them after it, last registered first. */
export function cleanupAfterEach(): Defer {
  const tasks: Array<() => unknown> = []
  afterEach(async () => {
    for (const task of tasks.splice(0).reverse()) await task()
  })
  return (task) => {
    tasks.push(task)
  }
}
