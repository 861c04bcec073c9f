'use client'

// Last resort when the root layout itself fails; it must render its own <html>.
export default function GlobalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <html lang="en">
      <body
        style={{ fontFamily: 'system-ui, sans-serif', padding: '4rem 1rem', textAlign: 'center' }}
      >
        <h1>The console could not start this page</h1>
        <p>Check the server log, then try again.</p>
        <button onClick={reset} style={{ padding: '0.5rem 1rem', marginTop: '1rem' }}>
          Try again
        </button>
      </body>
    </html>
  )
}
