import { expect, type APIRequestContext } from '@playwright/test'

export const RECEIVER = '/api/webhooks/konpro'

let counter = 0

/** A KonPro-shaped payload with a unique video id, so a test can find its own row. */
export function konproPayload(
  eventType = 'avatar_video.success',
  extra: Record<string, unknown> = {},
) {
  counter++
  const videoId = `e2e_${Date.now().toString(36)}_${counter}`
  return {
    videoId,
    body: {
      event_type: eventType,
      event_data: {
        video_id: videoId,
        url: `https://files.example.com/${videoId}/final-render.mp4?Expires=1767225600&Signature=${'x'.repeat(120)}`,
        gif_download_url: `https://files.example.com/${videoId}.gif`,
        video_share_page_url: `https://app.konpro.ai/share/${videoId}`,
        folder_id: 'folder_e2e',
        callback_id: `cb_${videoId}`,
        ...extra,
      },
    },
  }
}

/** POSTs one delivery to the real receiver, as KonPro would; answers the video id. */
export async function deliver(
  request: APIRequestContext,
  eventType?: string,
  extra?: Record<string, unknown>,
) {
  const { videoId, body } = konproPayload(eventType, extra)
  const res = await request.post(RECEIVER, {
    data: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  })
  expect(res.status(), `receiver answered ${res.status()}`).toBeLessThan(500)
  expect(res.status(), 'the receiver route exists').not.toBe(404)
  return videoId
}

/** `count` deliveries, one after another; `eventType` names each one's type, or picks it by index. */
export async function deliverMany(
  request: APIRequestContext,
  count: number,
  eventType: string | ((i: number) => string),
  extra?: Record<string, unknown>,
) {
  const videoIds: string[] = []
  for (let i = 0; i < count; i++)
    videoIds.push(
      await deliver(request, typeof eventType === 'string' ? eventType : eventType(i), extra),
    )
  return videoIds
}
