// The body exactly as stored: UTF-8 text when it decodes, else base64 (binary stays inert text).

// The preview travels in the page twice (HTML and RSC payload): past it, the download has it all.
const PREVIEW_CHARS = 32 * 1024

export function RawBody({ text, base64 }: { text: string | null; base64: string }) {
  const shown = text ?? base64
  const clipped = shown.length > PREVIEW_CHARS
  return (
    <div className="flex flex-col gap-2">
      {text === null ? (
        <p className="text-xs text-muted-foreground">Not valid UTF-8: shown as base64.</p>
      ) : null}
      {shown.length === 0 ? (
        <p className="text-sm text-muted-foreground">Empty body.</p>
      ) : (
        <pre
          data-testid="raw-body"
          // Scrolls when long: focusable so a keyboard can scroll it too.
          tabIndex={0}
          className="max-h-[28rem] overflow-auto rounded-md border bg-muted/40 p-3 font-mono text-xs leading-relaxed break-all whitespace-pre-wrap"
        >
          {clipped ? shown.slice(0, PREVIEW_CHARS) : shown}
        </pre>
      )}
      {clipped ? (
        <p className="text-xs text-muted-foreground">
          Showing the first {PREVIEW_CHARS.toLocaleString('en')} characters; download the raw body
          for all of it.
        </p>
      ) : null}
    </div>
  )
}
