export function EventTypesFallbackNote() {
  return (
    <p
      className="mb-4 rounded-md border border-warning/40 bg-warning/10 p-3 text-sm text-foreground"
      role="status"
    >
      KonPro’s list of event types could not be loaded, so the documented ones are shown.
    </p>
  )
}
