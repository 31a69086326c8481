/** `<siem-hunting>`: placeholder until the hunting page is built; it shows no data rather than fake results. */
import { html, LitElement } from "lit";
import { sharedStyles } from "./shared_styles.ts";

export class SiemHunting extends LitElement {
  static override styles = [sharedStyles];

  override render() {
    return html`
      <h1>Hunting</h1>
      <section class="card">
        <p>The hunting page (KQL editor, results table and charts) is not built yet.</p>
        <p
          class="muted">Until then, run queries with <code>POST /api/v1/query</code> or any Kusto client against the
        Log Analytics query API, as the README describes.</p>
      </section>
    `;
  }
}
customElements.define("siem-hunting", SiemHunting);
