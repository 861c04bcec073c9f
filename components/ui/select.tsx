import { formControl } from './form-control'

/** A native select: the browser's own list, keyboard and phone pickers. */
export const Select = formControl('select', 'h-9')
