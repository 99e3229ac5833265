/**
 * A refusal the user should read: what was asked could not be done, and why. Nothing changed.
 * Every entry point (chat, card, CLI, tab) shows the message as it is.
 */
export class RefusedError extends Error {
  override name = 'RefusedError';
}
