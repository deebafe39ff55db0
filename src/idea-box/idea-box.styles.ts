import {css} from 'lit';

export const ideaBoxStyles = css`
  .topic {
    font-size: 1.2em;
    font-weight: 700;
  }
  .description {
    margin-block: 0.25rem var(--_space);
  }
  .form {
    display: grid;
    gap: 0.35rem;
    margin-block: var(--_space);
  }
  .form label {
    font-weight: 600;
    margin-block-start: 0.5rem;
  }
  .count,
  .privacy {
    font-size: 0.875em;
    margin: 0;
  }
  .form button[type='submit'] {
    justify-self: start;
    margin-block-start: 0.5rem;
  }
  [part='status']:not(:empty) {
    margin-block-end: var(--_space);
  }
  .list-head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: 0.5rem;
    border-block-start: 1px solid var(--_border);
    padding-block-start: var(--_space);
  }
  .sort {
    display: flex;
    gap: 0.25rem;
  }
  .sort button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .ideas {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .idea {
    padding-block: var(--_space);
    border-block-end: 1px solid var(--_subtle);
  }
  .idea-text {
    margin: 0;
    white-space: pre-line;
    unicode-bidi: isolate;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    margin: 0.35rem 0;
    font-size: 0.875em;
  }
  .badge {
    font-weight: 600;
    color: var(--_text);
    background: var(--kirjasto-idea-box-badge, var(--_subtle));
    border-radius: var(--_radius);
    border-inline-start: 4px solid var(--_muted);
    padding: 0 0.5em;
  }
  /* The status is in the words; the colour only helps the eye. */
  .planned,
  .under-consideration {
    border-color: var(--_accent);
  }
  .done {
    border-color: var(--_success);
  }
  .declined {
    border-color: var(--_danger);
  }
  .answer {
    border-inline-start: 4px solid var(--_accent);
    padding: 0.25rem 0.75rem;
    margin-block: 0.5rem;
    background: var(--_subtle);
  }
  .support[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .supports {
    font-variant-numeric: tabular-nums;
    margin-inline-start: 0.5em;
    font-weight: 700;
  }
  .more {
    margin-block-start: var(--_space);
  }
  @media (forced-colors: active) {
    .support[aria-pressed='true'],
    .sort button[aria-pressed='true'] {
      border-width: 4px;
    }
  }
`;
