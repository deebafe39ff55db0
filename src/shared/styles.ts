import {css} from 'lit';

/**
 * The shared theme. Public tokens are `--kirjasto-*`; each element reads them through private
 * `--_*` copies so a designer's value always wins. Light or dark follows the host page: the element
 * inherits the page's `color-scheme` (a page that declares none is light, even in a dark-mode
 * browser; one that declares `light dark` follows the browser), and `light-dark()` picks from it.
 * The `theme` attribute pins either one.
 */
export const themeStyles = css`
  :host {
    --_accent: var(--kirjasto-accent, light-dark(#0b5cad, #8cc4ff));
    --_on-accent: var(--kirjasto-on-accent, light-dark(#ffffff, #08203a));
    --_text: var(--kirjasto-text, light-dark(#1b1f24, #eef1f4));
    --_muted: var(--kirjasto-muted, light-dark(#4d5661, #b7c0ca));
    --_surface: var(--kirjasto-surface, light-dark(#ffffff, #1b1f24));
    --_subtle: var(--kirjasto-subtle, light-dark(#eef2f6, #2b323a));
    --_border: var(--kirjasto-border, light-dark(#6b7580, #8b96a2));
    --_danger: var(--kirjasto-danger, light-dark(#a4161a, #ffb3b0));
    --_success: var(--kirjasto-success, light-dark(#1d6b34, #8fe0a5));
    --_focus: var(--kirjasto-focus, light-dark(#0b5cad, #ffd35c));
    --_radius: var(--kirjasto-radius, 0.5rem);
    --_space: var(--kirjasto-space, 0.75rem);
    display: block;
    box-sizing: border-box;
    max-inline-size: var(--kirjasto-max-width, 40rem);
    font: var(--kirjasto-font, inherit);
    color: var(--_text);
    overflow-wrap: anywhere;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [part~='base'] {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space) calc(var(--_space) * 1.5);
  }
  button {
    font: inherit;
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    padding: 0.5rem 1.25rem;
    border-radius: var(--_radius);
    border: 2px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
  }
  textarea,
  select,
  input:not([type='radio'], [type='checkbox']) {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem;
    min-block-size: 2.75rem;
  }
  button.secondary {
    background: transparent;
    color: var(--_accent);
  }
  button:disabled,
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.7;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .message {
    margin: var(--_space) 0 0;
  }
  .message.error {
    color: var(--_danger);
    font-weight: 600;
  }
  .message.success {
    color: var(--_success);
    font-weight: 600;
  }
  .muted {
    color: var(--_muted);
  }
  .skeleton {
    block-size: 1em;
    margin-block: 0.6em;
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  .short {
    inline-size: 70%;
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton {
      animation: kirjasto-pulse 1.4s ease-in-out infinite;
    }
  }
  @keyframes kirjasto-pulse {
    50% {
      opacity: 0.5;
    }
  }
  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
    }
    :focus-visible {
      outline-color: Highlight;
    }
    .skeleton {
      background: GrayText;
    }
  }
`;
