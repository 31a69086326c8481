/** `<siem-sign-in>`: asks for the API token; fires `siem-sign-in` with `{token}`. */
import { css, html, LitElement } from "lit";
import { sharedStyles } from "./shared_styles.ts";

export class SiemSignIn extends LitElement {
  static override properties = { message: { type: String }, busy: { type: Boolean } };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        place-items: center;
        min-height: 80vh;
        padding: 1rem;
      }
      form {
        display: flex;
        flex-direction: column;
        gap: 0.8rem;
        width: min(26rem, 100%);
      }
      input {
        width: 100%;
        box-sizing: border-box;
      }
    `,
  ];
  declare message: string;
  declare busy: boolean;

  constructor() {
    super();
    this.message = "";
    this.busy = false;
  }

  override render() {
    return html`
      <form class="card" @submit=${this.#submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to siem</h1>
        ${this.message ? html`<p class="banner" role="alert">${this.message}</p>` : ""}
        <label>API token
          <input id="token" name="token" type="password" autocomplete="current-password" required minlength="1"
            ?disabled=${this.busy} autofocus>
        </label>
        <p class="muted">The admin token is in <code>data/admin-token</code> on the server. It is kept in this tab only.</p>
        <button class="primary" type="submit" ?disabled=${this.busy}>Sign in</button>
      </form>
    `;
  }

  #submit(event: Event): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>("#token")!;
    const token = input.value.trim();
    if (!token) return;
    this.dispatchEvent(new CustomEvent("siem-sign-in", { detail: { token }, bubbles: true, composed: true }));
  }
}
customElements.define("siem-sign-in", SiemSignIn);
