import { randomBytes } from 'node:crypto'

const id = () => randomBytes(8).toString('hex')

/** A realistic payload for each event type, shaped as in KonPro's webhook docs. */
export function samplePayload(eventType: string): {
  event_type: string
  event_data: Record<string, string>
} {
  const videoId = id()
  const base = 'https://sandbox.konpro.invalid'
  if (eventType.startsWith('video_translate')) {
    const ok = eventType.endsWith('.success')
    return {
      event_type: eventType,
      event_data: {
        video_translate_id: id(),
        ...(ok
          ? { url: `${base}/translations/${videoId}.mp4` }
          : { msg: 'Translation failed: unsupported source language' }),
        callback_id: `cb_${id()}`,
      },
    }
  }
  if (eventType.endsWith('.fail')) {
    return {
      event_type: eventType,
      event_data: {
        video_id: videoId,
        msg: 'Rendering failed: avatar not found',
        callback_id: `cb_${id()}`,
      },
    }
  }
  return {
    event_type: eventType,
    event_data: {
      video_id: videoId,
      url: `${base}/videos/${videoId}.mp4`,
      gif_download_url: `${base}/videos/${videoId}.gif`,
      video_share_page_url: `${base}/share/${videoId}`,
      folder_id: id(),
      callback_id: `cb_${id()}`,
      ...(eventType === 'personalized_video' ? { project_id: `proj_${id()}` } : {}),
    },
  }
}
