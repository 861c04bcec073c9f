// The provider ids a delivery is correlated by (stored in `events.correlation` under the
// provider's own names), in the order the log line and the export show them: `label` is the word
// before the id in the log, `column` the export's heading.
export const CORRELATION_FIELDS = [
  { key: 'video_id', label: 'video', column: 'videoId' },
  { key: 'callback_id', label: 'callback', column: 'callbackId' },
  { key: 'video_translate_id', label: 'translate', column: 'videoTranslateId' },
  { key: 'project_id', label: 'project', column: 'projectId' },
] as const

/** "video v1", "callback cb" ... for the ids a delivery carries. */
export function correlationLabels(correlation: Record<string, string>): string[] {
  return CORRELATION_FIELDS.flatMap(({ key, label }) =>
    correlation[key] ? [`${label} ${correlation[key]}`] : [],
  )
}
