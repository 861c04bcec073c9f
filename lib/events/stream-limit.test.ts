import { describe, expect, it } from 'vitest'
import { endFrame, resumePoint, STREAM_END_EVENT } from './stream-limit'

const ago = (ms: number) => Date.now() - ms

describe('resumePoint', () => {
  it('resumes after the newest row old enough to have no late predecessor', () => {
    const resume = resumePoint(10)
    resume.sent([{ id: 11, storedAt: ago(60_000) }])
    // Stored a moment ago: an id below it may still commit, so it is not a safe resume point.
    resume.sent([
      { id: 12, storedAt: ago(6_000) },
      { id: 14, storedAt: ago(100) },
    ])
    expect(resume.now()).toBe(12)
  })

  it('resumes from where the stream started when nothing it sent is old enough', () => {
    const resume = resumePoint(20)
    resume.sent([{ id: 21, storedAt: Date.now() }])
    expect(resume.now()).toBe(20)
  })

  it('keeps the rows too new to settle, and settles them once they are old enough', () => {
    const resume = resumePoint(0, 50)
    const now = Date.now()
    // More than it holds before settling on its own: the old ones settle as they come.
    resume.sent(Array.from({ length: 1500 }, (_, i) => ({ id: i + 1, storedAt: now - 1000 })))
    resume.sent([{ id: 2000, storedAt: now + 10_000 }])
    expect(resume.now()).toBe(1500)
  })
})

describe('endFrame', () => {
  it('tells the browser to come back at once, after the resume id', () => {
    expect(new TextDecoder().decode(endFrame(12, 200))).toBe(
      `retry: 100\nid: 12\nevent: ${STREAM_END_EVENT}\ndata: 200\n\n`,
    )
  })
})
