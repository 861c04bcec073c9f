export function forwardedHeaders(
  headers: Record<string, string>,
  deliveryId: number,
): Record<string, string>
