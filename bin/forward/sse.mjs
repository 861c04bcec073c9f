// A small Server-Sent Events reader for the live stream: yields { id, event, data } per message.
// A stream that sends nothing (not even its 15 s heartbeat) for `idleMs` is treated as dead, which
// is how a half-open connection after a laptop sleeps is noticed.

/**
 * @param {ReadableStream<Uint8Array>} body
 * @param {{ idleMs: number, onIdle: () => void }} options
 * @returns {AsyncGenerator<{ id: string | null, event: string, data: string }>}
 */
export async function* readSse(body, { idleMs, onIdle }) {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  let message = { id: null, event: 'message', data: [] }
  try {
    for (;;) {
      let timer
      const idle = new Promise((_, reject) => {
        timer = setTimeout(() => {
          onIdle()
          reject(new Error(`the stream was silent for ${Math.round(idleMs / 1000)} s`))
        }, idleMs)
      })
      let chunk
      try {
        chunk = await Promise.race([reader.read(), idle])
      } finally {
        clearTimeout(timer)
      }
      if (chunk.done) return
      buffer += decoder.decode(chunk.value, { stream: true })
      let newline
      while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
        // A CR that ends the chunk may be the first half of a CRLF split across two chunks.
        if (newline === buffer.length - 1 && buffer.endsWith('\r')) break
        const line = buffer.slice(0, newline)
        buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1))
        if (line === '') {
          if (message.data.length)
            yield { id: message.id, event: message.event, data: message.data.join('\n') }
          message = { id: null, event: 'message', data: [] }
          continue
        }
        if (line.startsWith(':')) continue
        const colon = line.indexOf(':')
        const field = colon < 0 ? line : line.slice(0, colon)
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
        if (field === 'id') message.id = value
        else if (field === 'event') message.event = value
        else if (field === 'data') message.data.push(value)
      }
    }
  } finally {
    reader.cancel().catch(() => {})
  }
}
