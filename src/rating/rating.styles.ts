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
  /* Equal columns, so a narrow screen wraps the scale evenly rather than by label length. */
  .scale {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(var(--_size), max-content));
    gap: 0.5rem;
  }
  [part~='score'] {
    display: inline-flex;
    flex-direction: column;
    align-items: center;
    gap: 0.25rem;
    min-inline-size: var(--_size);
    padding: 0.25rem;
    border: 2px solid transparent;
    background: transparent;
    color: var(--_text);
    font-weight: 600;
  }
  [part~='score'] svg {
    inline-size: var(--_size);
    block-size: var(--_size);
  }
  [part~='score']:hover,
  [part~='score']:focus-visible {
    border-color: var(--_accent);
    background: var(--_subtle);
  }
  .nps {
    grid-template-columns: repeat(auto-fit, minmax(calc(var(--_size) * 0.8), max-content));
  }
  .nps [part~='score'] {
    justify-content: center;
    min-inline-size: calc(var(--_size) * 0.8);
    min-block-size: calc(var(--_size) * 0.8);
    border: 2px solid var(--_border);
    font-size: 1.1em;
  }
  .label {
    font-size: 0.8em;
    font-weight: 400;
    max-inline-size: 7em;
    text-align: center;
    overflow-wrap: normal;
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
    gap: 1rem;
    font-size: 0.85em;
    margin-block-start: 0.25rem;
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
