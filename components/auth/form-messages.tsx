// The form messages moved to the UI kit; this name stays for the forms that still import it here.
export { FieldError, FormError } from '@/components/ui/form-message'
