export function readSse(
  body: ReadableStream<Uint8Array>,
  options: { idleMs: number; onIdle: () => void },
): AsyncGenerator<{ id: string | null; event: string; data: string }>
