/**
 * The one error type of the pure domain. `code` is a stable machine code the API maps to a response and the
 * UI translates; `field` names the input that was wrong so a form can show the message beside it.
 */
export class DomainError extends Error {
  constructor(
    public code: string,
    message: string,
    public field?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}
