import { css } from '@lit/reactive-element';

/**
 * The page's text layout stops at the warning (Vite's starters centre #root and #app): what a dialog
 * inherits is reset, except the font family and size, the colours' scheme and the direction. Shared by
 * the fallback warning and the full view, so the two look alike before and after the view arrives.
 */
export const textLayoutReset = css`
  text-align: start;
  text-indent: 0;
  text-transform: none;
  letter-spacing: normal;
  word-spacing: normal;
  line-height: 1.5;
  white-space: normal;
  font-style: normal;
  font-weight: normal;
  font-variant: normal;
  text-shadow: none;
`;
