import {css} from 'lit';

/** Kiosk-only layout and the staff parts; loaded with them, on kiosk pages alone. */
export const kioskStyles = css`
  :host([kiosk]) {
    /* Faces as large as the screen allows: the width on a portrait screen, the height on a landscape one. */
    --_size: var(--kirjasto-rating-size, clamp(4.5rem, min(24vmin, 17vw), 16rem));
    max-inline-size: none;
    block-size: 100%;
    font-size: clamp(1.25rem, 3.5vmin, 2.25rem);
  }
  :host([kiosk]) [part~='base'] {
    block-size: 100%;
    display: flex;
    flex-direction: column;
    justify-content: center;
    align-items: center;
    text-align: center;
    position: relative;
    border: 0;
    border-radius: 0;
    user-select: none;
    -webkit-user-select: none;
    touch-action: manipulation;
  }
  :host([kiosk]) .question {
    font-size: 1.5em;
    margin-block-end: 1.5em;
  }
  /* The scale spans the screen's width (up to the faces' full size), and the NPS end labels with it. */
  :host([kiosk]) .scale-box {
    --_gap: clamp(0.5rem, 1.5vmin, 2rem);
    inline-size: 100%;
  }
  /* Large, yet small enough that "tyytymätön" fits a fifth of a portrait screen unbroken. */
  :host([kiosk]) .label {
    font-size: min(0.9em, 2.4vw);
    font-weight: 600;
  }
  :host([kiosk]) .ends {
    font-size: 1em;
    margin-block-start: 0.75em;
  }
  :host([kiosk]) [part='status'] {
    font-size: 1.75em;
  }
  .time-warning {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    padding: 0.5em 1em;
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  .time-warning p {
    margin: 0;
  }
  .invite {
    margin-block-start: 1.5em;
    color: var(--_accent);
    font-weight: 700;
  }
  @media (prefers-reduced-motion: no-preference) {
    .attract .invite {
      animation: kirjasto-pulse 2s ease-in-out infinite;
    }
  }
  .queue {
    position: absolute;
    inset-block-end: 0.5rem;
    inset-inline-end: 0.75rem;
    font-size: 0.875rem;
    color: var(--_muted);
  }
  .staff-corner {
    position: absolute;
    inset-block-start: 0;
    inset-inline-start: 0;
    inline-size: 3rem;
    block-size: 3rem;
    min-block-size: 0;
    padding: 0;
    background: transparent;
    border: 0;
    opacity: 0;
  }
  .staff-corner:focus-visible {
    opacity: 1;
  }
  /* The PIN dialog is used on the touch screen itself: large field, large buttons. */
  dialog {
    inline-size: min(90vw, 30rem);
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font-size: clamp(1.25rem, 3vmin, 1.75rem);
    padding: 1.5em;
    text-align: start;
  }
  dialog label {
    display: grid;
    gap: 0.25rem;
    margin-block: 0.5rem;
  }
  dialog input[name='pin'] {
    font-size: 1.5em;
    min-block-size: 3.5rem;
    letter-spacing: 0.3em;
  }
  dialog button {
    min-block-size: 3.5rem;
    flex: 1;
  }
`;
