// pyinterface's browser entry: <script type="module" src=".../pyinterface.js"> (an export's
// loader, which re-exports this module) defines <pyinterface-app>, on the export's own origin
// or any other. Everything else lives in its own module; this file only registers the element
// and re-exports what embedding pages may use. Several bridges on one page (apps from several
// export folders) register the element once and share one worker (client.mjs).

import { PyinterfaceAppElement } from "./element.mjs";

if (!customElements.get("pyinterface-app")) customElements.define("pyinterface-app", PyinterfaceAppElement);

export { PyinterfaceAppElement } from "./element.mjs";
export { mount } from "./mount.mjs";
export { registerRenderer } from "./components/index.mjs";
export { PROTOCOL_VERSION } from "./protocol.mjs";
