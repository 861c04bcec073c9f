import { formControl } from './form-control'

export const Input = formControl('input', 'h-9 w-full')

/** A whole number: the numeric keypad on phones. */
export function NumberInput(props: Omit<React.ComponentProps<'input'>, 'type' | 'inputMode'>) {
  return <Input type="number" inputMode="numeric" {...props} />
}
