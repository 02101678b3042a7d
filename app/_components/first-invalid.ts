/**
 * After a form's field errors are set: its first invalid field, scrolled into view and focused, so the
 * person sees the error beside the field instead of a summary far above it.
 */
export function showFirstInvalid(form: HTMLFormElement | null): void {
  // Next frame: the errors React is about to render mark the fields aria-invalid.
  requestAnimationFrame(() => {
    const field = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!field) return;
    field.scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  });
}
