// KonPro's webhook event types (seed docs: "Webhook Events"); avatar_video_gif shares
// avatar_video's payload.

export const KONPRO_EVENT_TYPES = [
  { eventType: 'avatar_video.success', description: 'An avatar video finished rendering.' },
  { eventType: 'avatar_video.fail', description: 'An avatar video failed to render.' },
  { eventType: 'avatar_video_gif.success', description: 'An avatar video’s GIF preview is ready.' },
  { eventType: 'avatar_video_gif.fail', description: 'An avatar video’s GIF preview failed.' },
  { eventType: 'video_translate.success', description: 'A video translation finished.' },
  { eventType: 'video_translate.fail', description: 'A video translation failed.' },
  { eventType: 'personalized_video', description: 'A personalized video was generated.' },
] as const

export type KonproEventTypeName = (typeof KONPRO_EVENT_TYPES)[number]['eventType']
