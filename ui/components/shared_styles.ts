/** Styles every page shares: theme colours come from CSS custom properties set in styles.css. */
import { css } from "lit";

export const sharedStyles = css`
  :host {
    display: block;
    color: var(--fg);
  }
  h1,
  h2,
  h3 {
    margin: 0 0 0.75rem;
    font-weight: 600;
  }
  h1 {
    font-size: 1.35rem;
  }
  h2 {
    font-size: 1.1rem;
  }
  button,
  select,
  input,
  textarea {
    font: inherit;
    color: var(--fg);
    background: var(--input-bg);
    border: 1px solid var(--border);
    border-radius: 6px;
    padding: 0.35rem 0.6rem;
  }
  button {
    cursor: pointer;
    background: var(--button-bg);
  }
  button.primary {
    background: var(--accent);
    border-color: var(--accent);
    color: var(--accent-fg);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  :focus-visible {
    outline: 2px solid var(--focus);
    outline-offset: 2px;
  }
  a {
    color: var(--link);
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: left;
    padding: 0.4rem 0.5rem;
    border-bottom: 1px solid var(--border);
    vertical-align: top;
  }
  th {
    font-weight: 600;
    color: var(--muted);
  }
  .card {
    margin-bottom: 1rem;
    background: var(--card-bg);
    border: 1px solid var(--border);
    border-radius: 8px;
    padding: 1rem;
  }
  .muted {
    color: var(--muted);
  }
  .error {
    color: var(--danger);
  }
  .banner {
    border: 1px solid var(--danger);
    background: var(--danger-bg);
    border-radius: 6px;
    padding: 0.6rem 0.8rem;
    margin-bottom: 0.75rem;
  }
  .sev {
    display: inline-block;
    padding: 0.05rem 0.45rem;
    border-radius: 999px;
    font-size: 0.85em;
    border: 1px solid currentColor;
  }
  .sev-High {
    color: var(--sev-high);
  }
  .sev-Medium {
    color: var(--sev-medium);
  }
  .sev-Low {
    color: var(--sev-low);
  }
  .sev-Informational {
    color: var(--muted);
  }
  .scroll {
    overflow-x: auto;
  }
  label {
    display: inline-flex;
    flex-direction: column;
    gap: 0.2rem;
    font-size: 0.9em;
    color: var(--muted);
  }
`;
