/**
 * `<siem-kql-editor>`: a code editor for KQL (or rule YAML with KQL inside): a plain text area laid exactly over a
 * highlighted copy of its text, so typing, selection, undo, and screen readers all work as in any text area, and
 * no editor library is needed (the page's CSP allows no inline style, which rules most out). Problems reported by
 * the server at a line and column are underlined in place and listed below; choosing one puts the caret there.
 * Ctrl+Enter (Cmd+Enter) sends `siem-run`; every edit sends `siem-change` with the text. Tab is left to move focus
 * out, as keyboard users expect.
 */
import { css, html, LitElement, nothing } from "lit";
import { live } from "lit/directives/live.js";
import { type EditorProblem, highlightSegments, problemRange } from "./kql_highlight.ts";
import { type KqlToken, tokenizeKql } from "./kql_tokenizer.ts";
import { tokenizeRuleYaml } from "./rule_yaml_tokenizer.ts";
import { sharedStyles } from "./shared_styles.ts";

/** What the editor highlights. */
export type EditorLanguage = "kql" | "yaml";

export class SiemKqlEditor extends LitElement {
  static override properties = {
    value: { type: String },
    problems: { attribute: false },
    language: { type: String },
    label: { type: String },
    lines: { type: Number },
  };
  static override styles = [
    sharedStyles,
    css`
      .wrap {
        position: relative;
        border: 1px solid var(--border);
        border-radius: 6px;
        background: var(--input-bg);
        overflow: hidden;
      }
      .wrap:focus-within {
        outline: 2px solid var(--focus);
        outline-offset: 1px;
      }
      pre,
      textarea {
        box-sizing: border-box;
        margin: 0;
        padding: 0.5rem 0.65rem;
        border: 0;
        border-radius: 0;
        font: 13.5px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
        tab-size: 4;
        white-space: pre;
        overflow-wrap: normal;
        width: 100%;
        height: 100%;
      }
      pre code {
        /* The browser's own code font (the generic monospace) can differ from the text area's by a fraction of a
          pixel a character, which moves the caret off the highlighted text along a long line. */
        font: inherit;
      }
      pre {
        position: absolute;
        inset: 0;
        overflow: hidden;
        pointer-events: none;
        color: var(--fg);
      }
      textarea {
        display: block;
        position: relative;
        resize: none;
        overflow: auto;
        background: transparent;
        color: transparent;
        caret-color: var(--fg);
        outline: none;
      }
      textarea::selection {
        background: color-mix(in srgb, var(--accent) 35%, transparent);
        color: transparent;
      }
      .t-keyword {
        color: var(--code-keyword, #0b57d0);
        font-weight: 600;
      }
      .t-operator {
        color: var(--code-operator, #8a3ffc);
      }
      .t-function {
        color: var(--code-function, #795e26);
      }
      .t-string {
        color: var(--code-string, #a31515);
      }
      .t-number {
        color: var(--code-number, #098658);
      }
      .t-comment {
        color: var(--muted);
        font-style: italic;
      }
      .err {
        text-decoration: underline wavy var(--danger);
        text-decoration-skip-ink: none;
        text-underline-offset: 3px;
        background: color-mix(in srgb, var(--danger) 12%, transparent);
      }
      @media (prefers-color-scheme: dark) {
        .t-keyword {
          color: var(--code-keyword, #7fb0ff);
        }
        .t-operator {
          color: var(--code-operator, #c8a2ff);
        }
        .t-function {
          color: var(--code-function, #e6cf8b);
        }
        .t-string {
          color: var(--code-string, #f1a07f);
        }
        .t-number {
          color: var(--code-number, #9ad7a8);
        }
      }
      .problems {
        list-style: none;
        margin: 0.4rem 0 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: 0.2rem;
      }
      .problems button {
        background: none;
        border: 0;
        padding: 0.1rem 0.2rem;
        text-align: left;
        color: var(--danger);
        cursor: pointer;
      }
      .problems button.warning {
        color: var(--sev-medium);
      }
    `,
  ];
  declare value: string;
  declare problems: readonly (EditorProblem & { severity?: string })[];
  declare language: EditorLanguage;
  declare label: string;
  /** Visible lines; the box keeps this height whatever the text, so nothing below it moves. */
  declare lines: number;

  constructor() {
    super();
    this.value = "";
    this.problems = [];
    this.language = "kql";
    this.label = "Query";
    this.lines = 10;
  }

  /** Put the caret at a 1-based line and column and focus the text area. */
  focusAt(line: number, column: number): void {
    const area = this.#area();
    if (!area) return;
    const [start] = problemRange(this.value, [], { line, column });
    area.focus();
    area.setSelectionRange(start, start);
  }

  override focus(): void {
    this.#area()?.focus();
  }

  #area(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector("textarea");
  }

  #tokens(): KqlToken[] {
    return this.language === "yaml" ? tokenizeRuleYaml(this.value) : tokenizeKql(this.value);
  }

  override render() {
    const tokens = this.#tokens();
    const ranges = this.problems.map((p) => problemRange(this.value, tokens, p));
    const segments = highlightSegments(this.value, tokens, ranges);
    const hasErrors = this.problems.some((p) => (p.severity ?? "error") === "error");
    return html`
      <div class="wrap" part="box">
        <pre aria-hidden="true"><code>${segments.map((s) =>
          s.kind === "space" && !s.error
            ? s.text
            : html`<span class="t-${s.kind}${s.error ? " err" : ""}">${s.text}</span>`
        )}${"\n"}</code></pre>
        <textarea
          rows=${this.lines}
          spellcheck="false"
          autocapitalize="off"
          autocomplete="off"
          wrap="off"
          aria-label=${this.label}
          aria-invalid=${hasErrors ? "true" : "false"}
          aria-describedby="problems"
          .value=${live(this.value)}
          @input=${this.#onInput}
          @scroll=${this.#sync}
          @keydown=${this.#onKey}
        ></textarea>
      </div>
      <ul class="problems" id="problems" aria-live="polite">
        ${this.problems.length === 0
          ? nothing
          : this.problems.map((p) =>
            html`<li><button class=${p.severity ?? "error"} @click=${() =>
              this.focusAt(p.line, p.column)}>Line ${p.line}, column ${p.column}: ${p.message}</button></li>`
          )}
      </ul>
    `;
  }

  override updated(): void {
    this.#sync();
  }

  #onInput = (e: Event) => {
    this.value = (e.target as HTMLTextAreaElement).value;
    this.dispatchEvent(
      new CustomEvent("siem-change", { detail: { value: this.value }, bubbles: true, composed: true }),
    );
  };

  #onKey = (e: KeyboardEvent) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      this.dispatchEvent(
        new CustomEvent("siem-run", { detail: { value: this.value }, bubbles: true, composed: true }),
      );
    }
  };

  /** The highlighted copy follows the text area's scroll. */
  #sync = () => {
    const area = this.#area();
    const pre = this.renderRoot.querySelector("pre");
    if (!area || !pre) return;
    pre.scrollTop = area.scrollTop;
    pre.scrollLeft = area.scrollLeft;
  };
}
customElements.define("siem-kql-editor", SiemKqlEditor);
