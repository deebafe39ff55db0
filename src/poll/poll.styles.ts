import {css} from 'lit';

export const pollStyles = css`
  .question {
    font-size: 1.15em;
    font-weight: 700;
    margin: 0 0 var(--_space);
    padding: 0;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-inline-size: 0;
  }
  .hint {
    margin: 0 0 0.5rem;
  }
  .option {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    min-block-size: 2.75rem;
    padding: 0.25rem 0.5rem;
    margin-block: 0.25rem;
    border-radius: var(--_radius);
    border: 1px solid transparent;
    cursor: pointer;
  }
  .option:hover {
    border-color: var(--_border);
  }
  .option:has(input:checked) {
    background: var(--_subtle);
    border-color: var(--_accent);
  }
  /* Choices beyond the maximum. */
  .option:has(input:disabled) {
    cursor: not-allowed;
    color: var(--_muted);
  }
  input[type='radio'],
  input[type='checkbox'] {
    inline-size: 1.5rem;
    block-size: 1.5rem;
    margin: 0;
    flex: none;
    accent-color: var(--_accent);
  }
  .other {
    display: grid;
    gap: 0.25rem;
    margin: 0.25rem 0 0.5rem 2.75rem;
  }
  button[type='submit'] {
    margin-block-start: var(--_space);
  }
  .results {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  .result-text {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 1rem;
  }
  .result-figures {
    font-variant-numeric: tabular-nums;
    color: var(--_muted);
  }
  .mine {
    font-weight: 600;
    color: var(--_accent);
  }
  /* A native progress element: no inline style, so pages with a strict CSP show the bars too. */
  .bar {
    display: block;
    inline-size: 100%;
    block-size: var(--kirjasto-poll-bar-height, 0.75rem);
    margin-block-start: 0.25rem;
    border: 0;
    border-radius: var(--_radius);
    overflow: hidden;
    appearance: none;
    background: var(--_subtle);
    color: var(--_bar);
    --_bar: var(--kirjasto-poll-bar-color, var(--_accent));
  }
  .bar::-webkit-progress-bar {
    background: var(--_subtle);
  }
  .bar::-webkit-progress-value {
    background: var(--_bar);
  }
  .bar::-moz-progress-bar {
    background: var(--_bar);
  }
  .total {
    margin: var(--_space) 0 0;
  }
  [part='status']:empty {
    margin: 0;
  }
  @media (forced-colors: active) {
    .bar {
      border: 1px solid CanvasText;
      --_bar: Highlight;
      forced-color-adjust: none;
    }
    .option:has(input:checked) {
      border-color: Highlight;
    }
  }
`;
