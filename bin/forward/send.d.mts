export function forwardedHeaders(
  headers: Record<string, string>,
  deliveryId: number,
  options?: { redelivery?: boolean },
): Record<string, string>
