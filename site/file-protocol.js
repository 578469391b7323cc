// A classic script (not a module) on every exported page: browsers do not run module scripts
// from file://, so an export opened from disk would stay blank. Here, from file:// only, the
// page says why and how to serve it. Served over http(s) this does nothing.
(function () {
  "use strict";
  if (location.protocol !== "file:") return;
  // The export's root is where the loader is (pyinterface.js, or ../pyinterface.js on a multi-app site).
  var loader = document.querySelector('script[type="module"][src$="pyinterface.js"]');
  var root = new URL(".", loader ? loader.src : location.href);
  var folder = decodeURIComponent(root.pathname).replace(/\/$/, "");
  var message = document.createElement("div");
  message.setAttribute("role", "alert");
  message.className = "pyi-file-protocol";
  var lines = [
    "This page runs Python in your browser, and browsers do not run its scripts from a file:// address.",
    "Serve it over http instead: run `pyinterface serve app.py` next to your app, or serve this export with " +
      "`python -m http.server -d " + folder + "` and open the address it prints.",
    "Or make a single-file export, which opens straight from disk: " +
      "`pyinterface export app.py --single-file app.html`.",
  ];
  lines.forEach(function (text) {
    var paragraph = document.createElement("p");
    paragraph.textContent = text;
    message.appendChild(paragraph);
  });
  document.body.insertBefore(message, document.body.firstChild);
})();
