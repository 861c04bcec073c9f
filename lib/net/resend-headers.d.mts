export function resendableHeaders(
  stored: Record<string, string>,
  drop?: readonly string[],
): Record<string, string>
