// pyinterface's browser entry: <script type="module" src="pyinterface/pyinterface.mjs">
// defines <pyinterface-app>. Everything else lives in its own module; this file only
// registers the element and re-exports what embedding pages may use.

import { PyinterfaceAppElement } from "./element.mjs";

if (!customElements.get("pyinterface-app")) customElements.define("pyinterface-app", PyinterfaceAppElement);

export { PyinterfaceAppElement } from "./element.mjs";
export { registerRenderer } from "./components/index.mjs";
export { PROTOCOL_VERSION } from "./protocol.mjs";
