import { PageNotFound } from '@/components/page-not-found'

// An address outside the console's pages: no console layout around it, so it brings its own main.
export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-24">
      <PageNotFound />
    </main>
  )
}
