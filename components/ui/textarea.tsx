import { formControl } from './form-control'

export const Textarea = formControl('textarea', 'w-full py-2')
