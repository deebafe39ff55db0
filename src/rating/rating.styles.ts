import {css} from 'lit';

export const ratingStyles = css`
  :host {
    --_size: var(--kirjasto-rating-size, 3.25rem);
    --_low: var(--kirjasto-rating-low, #d9412b);
    --_high: var(--kirjasto-rating-high, #2e9e4f);
  }
  .question {
    font-size: 1.15em;
    font-weight: 700;
    margin: 0 0 var(--_space);
  }
  /* Lets the NPS scale pick one row or two balanced ones from the width it really has. */
  [part~='base'] {
    container-type: inline-size;
  }
  /*
   * One row of equal columns that shrink together on a narrow screen (five faces fit in 320 px), at
   * most as wide as the buttons at full size; the NPS end labels share the box, so they sit at its ends.
   */
  .scale-box {
    --_columns: 5;
    --_gap: 0.5rem;
    --_cell: calc(var(--_size) + 0.5rem + 4px);
    max-inline-size: calc(var(--_columns) * var(--_cell) + (var(--_columns) - 1) * var(--_gap));
  }
  .smileys-4 {
    --_columns: 4;
  }
  .thumbs {
    --_columns: 2;
  }
  /* Eleven in a row where they fit, otherwise six and five. */
  .scale-box.nps {
    --_columns: 6;
    --_cell: calc(var(--_size) * 0.8 + 4px);
  }
  @container (min-inline-size: 36rem) {
    .scale-box.nps {
      --_columns: 11;
    }
  }
  .scale {
    display: grid;
    grid-template-columns: repeat(var(--_columns), minmax(0, 1fr));
    gap: var(--_gap);
  }
  [part~='score'] {
    display: inline-flex;
    flex-direction: column;
    align-items: center;
    gap: 0.25rem;
    inline-size: 100%;
    min-inline-size: 1.5rem;
    padding: 0.25rem;
    border: 2px solid transparent;
    background: transparent;
    color: var(--_text);
    font-weight: 600;
  }
  [part~='score'] svg {
    inline-size: 100%;
    max-inline-size: var(--_size);
    block-size: auto;
    aspect-ratio: 1;
  }
  [part~='score']:hover,
  [part~='score']:focus-visible {
    border-color: var(--_accent);
    background: var(--_subtle);
  }
  .nps [part~='score'] {
    justify-content: center;
    aspect-ratio: 1;
    border: 2px solid var(--_border);
    font-size: 1.1em;
    font-variant-numeric: tabular-nums;
    /* "10" stays one number in a narrow button. */
    white-space: nowrap;
    overflow-wrap: normal;
  }
  .label {
    font-size: 0.8em;
    font-weight: 400;
    max-inline-size: 100%;
    text-align: center;
    /* Words break between syllables where the browser knows the language, never mid-letter first. */
    overflow-wrap: break-word;
    hyphens: auto;
  }
  .face circle:first-child {
    fill: color-mix(in oklab, var(--_low), var(--_high) calc(var(--_mood) * 25%));
    stroke: var(--_text);
    stroke-width: 1.5;
  }
  .mood-0 { --_mood: 0; }
  .mood-1 { --_mood: 1; }
  .mood-2 { --_mood: 2; }
  .mood-3 { --_mood: 3; }
  .mood-4 { --_mood: 4; }
  .face .eye {
    fill: #1b1f24;
  }
  .face .mouth {
    fill: none;
    stroke: #1b1f24;
    stroke-width: 2.5;
    stroke-linecap: round;
  }
  .star {
    fill: transparent;
    stroke: var(--_text);
    stroke-width: 1.5;
    stroke-linejoin: round;
  }
  /* A star and every star before it light up under the pointer or focus. */
  .stars-5 [part~='score']:is(:hover, :focus-visible) .star,
  .stars-5 [part~='score']:has(~ [part~='score']:is(:hover, :focus-visible)) .star {
    fill: var(--kirjasto-rating-star, #f0b400);
  }
  .thumb {
    fill: var(--_subtle);
    stroke: var(--_text);
    stroke-width: 1.5;
    stroke-linejoin: round;
  }
  .down {
    transform: rotate(180deg);
  }
  .ends {
    display: flex;
    justify-content: space-between;
    align-items: start;
    gap: 1rem;
    font-size: 0.85em;
    margin-block-start: 0.25rem;
  }
  .ends :last-child {
    text-align: end;
  }
  .comment {
    display: grid;
    gap: 0.5rem;
    inline-size: min(100%, 40rem);
    text-align: start;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  @media (forced-colors: active) {
    [part~='score'] svg * {
      stroke: CanvasText;
    }
    [part~='score']:is(:hover, :focus-visible) {
      border-color: Highlight;
    }
  }
`;
