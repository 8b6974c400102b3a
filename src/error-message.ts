/** The message of anything thrown, for a log field or a sentence: not every throw is an Error. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
