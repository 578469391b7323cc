// Registers the export's offline service worker (service-worker.js at the export's root, beside
// pyinterface.js). Only the pages of an export made with `pyinterface export --offline` load this
// module (their index.html has its script tag); the loader, which other sites embed, never
// registers anything, so an embed never installs a service worker on someone else's page.
//
// Registration waits until every app on the page has started (or failed): the service worker then
// downloads the export for offline use without competing with the first visit's own downloads
// (most of it comes from the HTTP cache the visit just filled).

/** The export's root: this module lives in its pyinterface/ folder. */
const ROOT = new URL("../", import.meta.url);

async function pageSettled() {
  if (document.readyState === "loading") {
    await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
  }
  const apps = [...document.querySelectorAll("pyinterface-app")];
  if (!apps.length) return;
  await customElements.whenDefined("pyinterface-app");
  await Promise.allSettled(apps.map((app) => app.ready));
}

/** Register (or refresh) the offline service worker; never throws: offline use is a bonus. */
export async function registerOffline() {
  if (!("serviceWorker" in navigator)) return null;
  await pageSettled();
  // On a revisit this finds the registration as it is; whether the export changed is the
  // browser's own check of service-worker.js on each navigation (offline it fails, and the
  // cached version keeps serving).
  try {
    return await navigator.serviceWorker.register(new URL("service-worker.js", ROOT), { scope: ROOT.href });
  } catch (err) {
    console.warn(`pyinterface: this page will not work offline: cannot register ${new URL("service-worker.js", ROOT)} (${err.message}).`);
    return null;
  }
}

registerOffline();
