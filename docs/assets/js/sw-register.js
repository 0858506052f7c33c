// Offline support (hooks/service_worker.py writes the notice and sw.js): registers the
// Workbox service worker, and when a newer build's worker is waiting shows "a new version
// is available" with a Reload button. The waiting worker takes over only on that click, and
// the page reloads once it controls: an open page never mixes two builds.
const notice = document.querySelector(".help-sw-update");

// The deployment turned the service worker off. The build's sw.js then removes an older
// worker by itself (hooks/service_worker.py); this also covers one that has not checked yet.
async function unregisterAll(scope) {
  for (const reg of await navigator.serviceWorker.getRegistrations()) {
    if (reg.scope === scope) await reg.unregister();
  }
  for (const key of await caches.keys()) {
    if (key.startsWith("help-")) await caches.delete(key);
  }
}

// On a page with checks the runtime loads first: the precache (16 MB, the runtime again among
// it) would otherwise compete with it for the network and the CPU right when the agent waits.
function runtimeSettled(limitMs = 30000) {
  const panels = [...document.querySelectorAll(".ck-panel")];
  const settled = () => !panels.length || panels.some((panel) => panel.dataset.runtime);
  return new Promise((done) => {
    if (settled()) return done();
    const observer = new MutationObserver(() => settled() && finish());
    const timer = setTimeout(() => finish(), limitMs); // saving data: the runtime waits for a click
    const finish = () => {
      observer.disconnect();
      clearTimeout(timer);
      done();
    };
    for (const panel of panels) observer.observe(panel, { attributes: true, attributeFilter: ["data-runtime"] });
  });
}

async function register(swUrl, scope) {
  await runtimeSettled();
  const { Workbox } = await import("./workbox-window.prod.mjs");
  const wb = new Workbox(swUrl, { scope });
  const button = notice.querySelector("button");
  wb.addEventListener("waiting", () => {
    notice.hidden = false;
  });
  button.addEventListener("click", () => {
    button.disabled = true;
    wb.addEventListener("controlling", () => location.reload());
    wb.messageSkipWaiting();
  });
  await wb.register();
}

// file: has no origin to cache for (and no service workers); the notice element is the
// build's say-so, absent on pages not finished by the build.
if (notice && location.protocol !== "file:" && "serviceWorker" in navigator) {
  const scope = new URL(notice.dataset.scope, location.href).href;
  const sw = notice.dataset.sw;
  (sw ? register(new URL(sw, location.href).href, scope) : unregisterAll(scope)).catch((err) => {
    // Offline support is a bonus: the page works without it.
    console.warn("service worker:", err);
  });
}
