// Test setup for jsdom (Vitest's or Jest's jsdom environment): jsdom has no modal <dialog>.
HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) { this.open = true }
HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) { this.open = false }
