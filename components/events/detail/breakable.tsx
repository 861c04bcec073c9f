import { Fragment } from 'react'

// Identifiers such as `verification.session.succeeded` wrap after their separators, not
// mid-word; a part too long for the line still breaks (overflow-wrap: anywhere on the parent).

const AFTER_SEPARATOR = /(?<=[._\-/:])/

export function Breakable({ text }: { text: string }) {
  const parts = text.split(AFTER_SEPARATOR)
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 ? <wbr /> : null}
    </Fragment>
  ))
}
