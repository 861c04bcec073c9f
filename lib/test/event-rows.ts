import type { NewStoredEvent } from '../db/schema'

// Builds stored rows for tests the way the receiver would, with overridable fields.

export function webhookBody(
  eventType: string,
  videoId: string,
  extra: Record<string, unknown> = {},
) {
  return {
    event_type: eventType,
    event_data: {
      video_id: videoId,
      url: `https://files.example.com/${videoId}.mp4`,
      gif_download_url: `https://files.example.com/${videoId}.gif`,
      video_share_page_url: `https://app.konpro.ai/share/${videoId}`,
      folder_id: 'folder-1',
      callback_id: `cb-${videoId}`,
      ...extra,
    },
  }
}

export function storedRow(
  overrides: Partial<NewStoredEvent> & { json?: unknown } = {},
): NewStoredEvent {
  const { json, ...rest } = overrides
  const payload = json ?? webhookBody('avatar_video.success', 'v1')
  const text = JSON.stringify(payload)
  const body = new TextEncoder().encode(text)
  const data = (payload as { event_data?: { video_id?: string; callback_id?: string } }).event_data
  return {
    method: 'POST',
    sourceIp: '127.0.0.1',
    contentType: 'application/json',
    size: body.byteLength,
    headers: { 'content-type': 'application/json', 'user-agent': 'KonPro-Webhooks/1.0' },
    body,
    payload,
    parseStatus: 'ok',
    eventType: (payload as { event_type?: string }).event_type ?? null,
    correlation: {
      ...(data?.video_id ? { video_id: data.video_id } : {}),
      ...(data?.callback_id ? { callback_id: data.callback_id } : {}),
    },
    verdict: 'verified',
    responseStatus: 200,
    dedupeKey: `k-${Math.random()}`,
    ...rest,
  }
}
