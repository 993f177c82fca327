/**
 * Every text the element shows or speaks, in English: the built-in locale, and the keys every locale
 * module (`src/locales/<tag>.ts`) translates. Placeholders in braces are filled by the element with
 * values formatted through `Intl` for the element's language: `{inactive}` and `{limit}` and
 * `{duration}` are durations in words ("2 minutes"), `{time}` a clock time ("14:05").
 *
 * @module
 */

export const en = {
  /** The idle warning's title. */
  heading: 'Are you still there?',
  /** The idle warning's message. */
  warning: "You've been inactive for {inactive}. For your security, you'll be signed out after {limit} of inactivity.",
  /** The absolute warning's title: the session ends at a fixed time whatever the user does. */
  absoluteHeading: 'Your session ends soon',
  /** The absolute warning's message. */
  absoluteWarning:
    'For your security, this session ends at {time} and cannot be extended. Save your work now; you can sign in again afterwards.',
  /** Added to either warning when the page holds unsaved work. */
  unsaved: 'You have unsaved changes on this page.',
  /** The label before the countdown ("Time left: 0:32"). */
  timeLeft: 'Time left:',
  /** The idle warning's button. */
  extend: 'Stay signed in',
  /** The absolute warning's button: closes it without extending. */
  dismiss: 'OK',
  /** The button that signs out at once. */
  logout: 'Sign out now',
  /** Shown in place once the session ended (no unsaved work, no redirect). */
  expired: 'Your session has ended.',
  /** The link and button that lead to signing in again. */
  signInAgain: 'Sign in again',
  /** Title of the dialog that hides a page whose unsaved work is kept. */
  keptHeading: 'Your session has ended',
  /** Message of that dialog. */
  keptWork:
    'Your unsaved changes are still here, hidden until you sign in again. Sign in in a new tab, then come back: this page continues where you left it.',
  /** The button that gives the kept work up. */
  leave: 'Leave without saving',
  /** Spoken when the idle warning opens, then at most every 20–30 s. */
  announceIdle: 'You will be signed out in {duration}.',
  /** Spoken when the absolute warning opens. */
  announceAbsolute: 'Your session ends at {time} and cannot be extended. Save your work now.',
  /** Spoken once the user chose to stay. */
  stillSignedIn: 'You are still signed in.',
  /** Spoken once a kept page resumed after signing in again. */
  signedInAgain: 'You are signed in again.',
  /** Spoken once the user chose "Sign out now". */
  signingOut: 'Signing you out…',
};

/** The key of one text. */
export type TextKey = keyof typeof en;

/** `{n} …` by plural category (`Intl.PluralRules`); `other` is required, the rest as the language needs. */
export type PluralWords = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * The texts of one language; a registered locale may leave some out (English is used for exactly
 * those). `units`: its own words for minutes and seconds, used only where the browser's `Intl` lacks
 * the language (Debian's Chromium has no Welsh data), chosen by `Intl.PluralRules`.
 */
export type LocaleTexts = typeof en & { units?: { minute: PluralWords; second: PluralWords } };
