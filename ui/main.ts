/**
 * @module
 * The web UI's entry point, bundled for the browser (`deno bundle --platform browser`) and served by
 * `runtime/http/ui_routes.ts`. It only defines the custom elements; `index.html` places `<siem-app>`.
 */
import "./components/siem_app.ts";
