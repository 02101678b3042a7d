/**
 * After a form's field errors are set: its first invalid field, scrolled into view and focused, so the
 * person sees the error beside the field instead of a summary far above it.
 */
export function showFirstInvalid(form: HTMLFormElement | null, framesLeft = 30): void {
  // The errors React is about to render mark the fields aria-invalid: on the next frame, or a few frames
  // later on a busy phone, so it looks again until one is marked (about half a second at most).
  requestAnimationFrame(() => {
    const field = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!field) {
      if (framesLeft > 0) showFirstInvalid(form, framesLeft - 1);
      return;
    }
    field.scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  });
}
