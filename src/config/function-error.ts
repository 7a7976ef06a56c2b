// The error a built-in function throws for a bad argument; the caller turns it into a diagnostic.

/** A problem with the arguments, reported at argument `argIndex` (or at the whole call). */
export class FunctionError extends Error {
  constructor(
    message: string,
    readonly argIndex?: number,
  ) {
    super(message);
  }
}

/** An argument that would make the result pass an evaluation limit (evaluation-limits.ts). */
export class FunctionLimitError extends FunctionError {}
