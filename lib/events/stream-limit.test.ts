import { describe, expect, it } from 'vitest'
import { limitStream, STREAM_END_EVENT } from './stream-limit'

const encoder = new TextEncoder()
const frame = (id: number, receivedAt: Date) =>
  encoder.encode(
    `id: ${id}\nevent: delivery\ndata: ${JSON.stringify({ id, receivedAt: receivedAt.toISOString() })}\n\n`,
  )

async function readAll(stream: ReadableStream<Uint8Array>) {
  let text = ''
  const decoder = new TextDecoder()
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return text
    text += decoder.decode(value, { stream: true })
  }
}

describe('limitStream', () => {
  it('ends on schedule with a retry hint and resumes after the newest row old enough to have no late predecessor', async () => {
    let cancelled = false
    const now = Date.now()
    const inner = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('retry: 2000\n: connected\n\n'))
        controller.enqueue(frame(11, new Date(now - 60_000)))
        controller.enqueue(frame(12, new Date(now - 6_000)))
        // Stored a moment ago: an id below it may still commit, so it is not a safe resume point.
        controller.enqueue(frame(14, new Date(now - 100)))
      },
      cancel: () => void (cancelled = true),
    })
    const text = await readAll(limitStream(inner, { limitMs: 200, after: 10 }))
    expect(text.endsWith(`retry: 100\nid: 12\nevent: ${STREAM_END_EVENT}\ndata: 200\n\n`)).toBe(
      true,
    )
    expect(text).toContain('id: 14\n')
    expect(cancelled).toBe(true)
  })

  it('resumes from where it started when nothing it sent is old enough', async () => {
    const inner = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(frame(21, new Date())),
    })
    const text = await readAll(limitStream(inner, { limitMs: 50, after: 20 }))
    expect(text).toMatch(/id: 20\nevent: end\n/)
  })

  it('passes an inner stream that ends first through unchanged', async () => {
    const inner = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(frame(5, new Date()))
        controller.close()
      },
    })
    const text = await readAll(limitStream(inner, { limitMs: 5_000, after: 0 }))
    expect(text).not.toContain(STREAM_END_EVENT)
  })
})
