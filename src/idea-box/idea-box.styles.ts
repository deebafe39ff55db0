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
  textarea,
  input,
  select {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem;
    min-block-size: 2.75rem;
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
    padding: 0 0.5em;
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
