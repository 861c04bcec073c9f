import { formControl } from './form-control'

/** A native select: the browser's own list, keyboard and phone pickers. */
export const Select = formControl('select', 'h-9')

/** The `<option>`s of a select from value and label pairs, in their order. */
export function SelectOptions({ options }: { options: readonly (readonly [string, string])[] }) {
  return options.map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ))
}
