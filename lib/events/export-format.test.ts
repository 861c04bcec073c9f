import { describe, expect, it } from 'vitest'
import { CSV_COLUMNS, csvField, csvHeader, csvRow, ndjsonRow } from './export-format'
import type { ExportedEvent } from './queries'

const event: ExportedEvent = {
  id: 7,
  provider: 'konpro',
  receivedAt: '2026-01-01T00:00:00.000Z',
  method: 'POST',
  eventType: 'avatar_video.success',
  verdict: 'verified',
  rejected: false,
  responseStatus: 200,
  parseStatus: 'ok',
  size: 10,
  contentType: 'application/json',
  sourceIp: null,
  endpointId: null,
  correlation: { video_id: 'v,1', callback_id: '=HYPERLINK("x")' },
  duplicateOf: null,
  kayle: null,
  headers: { a: 'b' },
  payload: { note: 'say "hi"\nthere' },
  bodyText: '{}',
  bodyBase64: null,
}

describe('export format', () => {
  it('quotes CSV fields that need it and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('=1+1')).toBe("'=1+1")
    expect(csvField(-5)).toBe('-5')
    // Spreadsheets skip leading blanks and read full-width signs as formulas too.
    for (const risky of [
      ' =1+1',
      '\n=1+1',
      '\t=1',
      '\r=1',
      '＝1+1',
      '＋1',
      '－1',
      '＠SUM(A1)',
      '\u3000=1',
    ]) {
      expect(csvField(risky).replace(/^"/, ''), JSON.stringify(risky)).toMatch(/^'/)
    }
    expect(csvField(null)).toBe('')
  })

  it('writes one CSV line per event with the payload as JSON', () => {
    expect(csvHeader()).toBe(`${CSV_COLUMNS.join(',')}\r\n`)
    const line = csvRow(event)
    expect(line.endsWith('\r\n')).toBe(true)
    expect(line).toContain(`"v,1"`)
    expect(line).toContain(`"'=HYPERLINK(""x"")"`)
    expect(line).toContain(`"{""note"":""say \\""hi\\""\\nthere""}"`)
  })

  it('writes NDJSON as one JSON object per line', () => {
    const line = ndjsonRow(event)
    expect(line.split('\n')).toHaveLength(2)
    expect(JSON.parse(line)).toEqual(event)
  })
})
