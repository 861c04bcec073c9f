// The benchmarks' side of the wire: a light HTTP client and a live-stream reader.
import http from 'node:http'

// node:http with keep-alive: a lighter client than fetch, so the load generator, which shares
// the machine's two cores with the server, takes less of them.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })

/**
 * One request; answers its status, the milliseconds it took and, with `{ text: true }`, the
 * answer's body. A reset connection (say, a keep-alive socket the server closed as it was
 * reused) is a failed request with status 0, counted as such, not the end of the run.
 */
export function request(url, method, body, headers = {}, { text: keepText = false } = {}) {
  const started = performance.now()
  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: body ? { ...headers, 'content-length': Buffer.byteLength(body) } : headers,
      },
      (res) => {
        let text = ''
        if (keepText) res.on('data', (d) => (text += d))
        else res.resume()
        res.on('end', () =>
          resolve({ status: res.statusCode, ms: performance.now() - started, text }),
        )
      },
    )
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started, text: '' }))
    req.end(body)
  })
}

/**
 * Opens the live stream with a session cookie and calls `onFrame(text)` for every SSE frame
 * until `close()`. Answers once the stream has answered.
 */
export async function openLiveStream(url, cookie, onFrame) {
  const controller = new AbortController()
  const res = await fetch(`${url}/api/events/stream`, {
    headers: { cookie },
    signal: controller.signal,
  })
  const reader = res.body.getReader()
  const decoder = new TextDecoder()
  // Wrapped: an async function answering a promise would wait for the stream to end.
  const reading = (async () => {
    let buffer = ''
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        buffer += decoder.decode(value, { stream: true })
        let cut
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          onFrame(buffer.slice(0, cut))
          buffer = buffer.slice(cut + 2)
        }
      }
    } catch {
      // aborted by close()
    }
  })()
  return {
    close: async () => {
      controller.abort()
      await reading
    },
  }
}

/** The JSON of a frame's `data:` line, or null. */
export function frameData(frame) {
  const data = frame.split('\n').find((l) => l.startsWith('data: '))
  return data ? JSON.parse(data.slice(6)) : null
}

/**
 * Opens `n` live streams that count the frames carrying `marker()` (the current step's prefix of
 * the bodies' video ids) by searching the raw bytes: as cheap as a reader can be, so 200 of them
 * on the machine's two cores measure what the server spends on them, not what parsing costs here.
 */
export async function openCountingStreams(url, cookie, n, marker) {
  const counts = Array(n).fill(0)
  const requests = []
  await Promise.all(
    counts.map(
      (_, i) =>
        new Promise((resolve, reject) => {
          const req = http.get(
            `${url}/api/events/stream`,
            { agent: false, headers: { cookie } },
            (res) => {
              let tail = Buffer.alloc(0)
              res.on('data', (chunk) => {
                const needle = marker()
                if (!needle.length) return // not counting yet: an empty needle matches everywhere
                const text = tail.length ? Buffer.concat([tail, chunk]) : chunk
                for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1))
                  counts[i]++
                tail = text.subarray(Math.max(0, text.length - needle.length + 1))
              })
              res.on('error', () => {})
              resolve()
            },
          )
          req.on('error', reject)
          requests.push(req)
        }),
    ),
  )
  return { counts, close: () => requests.forEach((r) => r.destroy()) }
}
