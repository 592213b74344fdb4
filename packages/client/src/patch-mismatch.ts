/** Thrown when a patch does not fit the DOM: the client's DOM has drifted and needs a resync. */
export interface PatchMismatch extends Error {
  readonly name: "PatchMismatch";
}

/** Builds a {@link PatchMismatch}; `message` names what was expected and what was found. */
export function patchMismatch(message: string): PatchMismatch {
  const error = new Error(message) as Error & { name: string };
  error.name = "PatchMismatch";
  return error as PatchMismatch;
}

/**
 * Whether `error` is a {@link PatchMismatch}, as thrown by `applyPatch` and `buildNode`.
 *
 * @example try { applyPatch(view, ops, writer) } catch (e) { if (isPatchMismatch(e)) resync() }
 */
export function isPatchMismatch(error: unknown): error is PatchMismatch {
  return error instanceof Error && error.name === "PatchMismatch";
}
