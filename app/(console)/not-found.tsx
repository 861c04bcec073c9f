import { PageNotFound } from '@/components/page-not-found'

// notFound() from a console page: inside the console layout, whose <main> already holds it.
export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl py-16">
      <PageNotFound />
    </div>
  )
}
