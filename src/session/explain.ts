/**
 * Says a configuration problem on the console, in words loaded only when there is one
 * (`config-messages.ts`): a page without mistakes never downloads them.
 *
 * @module
 */
type Messages = typeof import('./config-messages.js');

/** Calls `say` with the message `pick` chooses, once the messages arrived (or a plain line if they cannot). */
export function explain(pick: (messages: Messages) => string, say: (line: string) => void): void {
  import('./config-messages.js').then(
    (messages) => say(pick(messages)),
    () => say('has a configuration problem; the message that explains it could not be loaded'),
  );
}
