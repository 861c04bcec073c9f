import { styled } from './styled'

/** What the text controls share: the border, the card background, a red border while invalid. */
const controlClass =
  'min-w-0 rounded-md border border-input bg-card px-3 text-sm shadow-sm placeholder:text-muted-foreground disabled:opacity-50 aria-invalid:border-destructive'

/** One native form control drawn the console's way, `look` adding what that kind needs. */
export const formControl = <T extends 'input' | 'select' | 'textarea'>(tag: T, look: string) =>
  styled(tag, `${controlClass} ${look}`, tag)
