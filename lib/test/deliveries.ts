/** Posts one unsigned KonPro delivery; resolves to the stored id the receiver answers with. */
export async function deliver(url: string, tag: string): Promise<string> {
  const res = await fetch(`${url}/api/webhooks/konpro`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', signature: 'f'.repeat(64) },
    body: JSON.stringify({ event_type: 'avatar_video.success', event_data: { video_id: tag } }),
  })
  const { id } = (await res.json()) as { id?: string }
  if (!id) throw new Error(`the receiver answered ${res.status} without an id`)
  return id
}

/**
 * `senders` loops posting deliveries for `ms`, to `urls` in turn; resolves to every id the
 * receivers answered with.
 */
export async function deliverFor(
  urls: string[],
  { ms, senders }: { ms: number; senders: number },
): Promise<string[]> {
  const ids: string[] = []
  const until = Date.now() + ms
  let n = 0
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (Date.now() < until) {
        const i = n++
        ids.push(await deliver(urls[i % urls.length]!, `load-${i}`))
      }
    }),
  )
  return ids
}
