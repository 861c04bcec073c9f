import { CORRELATION_FIELDS } from './correlation'
import type { ExportedEvent } from './queries'

// Serializers for the export download; kept apart from the queries so they test without a database.

export const CSV_COLUMNS = [
  'id',
  'receivedAt',
  'provider',
  'method',
  'eventType',
  'verdict',
  'rejected',
  'responseStatus',
  'parseStatus',
  'size',
  'contentType',
  'sourceIp',
  'endpointId',
  ...CORRELATION_FIELDS.map((f) => f.column),
  'duplicateOf',
  'payload',
]

/**
 * RFC 4180 field. A value a spreadsheet could run as a formula is prefixed with a quote: a
 * leading =, +, - or @, their full-width forms, or any leading whitespace (spreadsheets skip
 * blanks, tabs and newlines before reading a formula).
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return ''
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value)
  if (typeof value === 'string' && /^[\s=+\-@＝＋－＠]/u.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvHeader() {
  return `${CSV_COLUMNS.join(',')}\r\n`
}

function cell(event: ExportedEvent, column: string): unknown {
  if (column === 'payload') return event.payload ?? event.bodyText
  const id = CORRELATION_FIELDS.find((f) => f.column === column)
  return id ? event.correlation[id.key] : event[column as keyof ExportedEvent]
}

export function csvRow(event: ExportedEvent) {
  return `${CSV_COLUMNS.map((c) => csvField(cell(event, c))).join(',')}\r\n`
}

export function ndjsonRow(event: ExportedEvent) {
  return `${JSON.stringify(event)}\n`
}
