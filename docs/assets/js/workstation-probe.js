// The workstation probe. The agent runs it in the workstation's own tab (as a bookmarklet,
// or pasted into the developer console), because notification permission, autoplay and
// tab state are kept per site: only that tab knows its own.
//
// It loads nothing and sends nothing. It reads the facts below, makes one HEAD request to
// its own server to read that server's clock, and opens the help site's checks page with
// the facts in the URL fragment (after "#"), which the browser never sends to a server.
// No page content, cookies, storage values or addresses with paths leave it.
//
// The build (hooks/workstation_probe.py) minifies this file and fills in HELP_CHECKS_URL
// (the checks page in the page's language) and HELP_COPY_PROMPT.
// Shape of the facts: schemas/facts.schema.json, "workstation".
(async () => {
  const nav = navigator;
  const doc = document;
  const perf = performance;
  const origin = location.origin;
  const round = Math.round;
  const conn = nav.connection;
  // First the state of the tab as the agent left it, before anything below changes it:
  // opening the help site takes the focus and uses up the click. A fact whose API this
  // browser lacks stays undefined and is left out (the checks then say they cannot tell).
  const facts = {
    v: 1,
    origin,
    secure_context: isSecureContext,
    at: Date.now(),
    // Sounds stay blocked until someone clicks the tab after it loaded.
    has_been_active: nav.userActivation?.hasBeenActive,
    // True when the click on the bookmarklet itself may have counted as that click.
    is_active: nav.userActivation?.isActive,
    autoplay_policy: nav.getAutoplayPolicy?.("mediaelement"),
    visibility: doc.visibilityState,
    has_focus: doc.hasFocus(),
    was_discarded: doc.wasDiscarded,
    since_load_ms: round(perf.now()),
    navigation_type: perf.getEntriesByType("navigation")[0]?.type,
    permission: self.Notification?.permission,
    online: nav.onLine,
    connection: conn && { effectiveType: conn.effectiveType, rtt: conn.rtt, downlink: conn.downlink, saveData: conn.saveData },
    user_agent: nav.userAgent,
  };
  // A read that may fail or wait: on failure its fact is null, and the probe goes on.
  const read = async (key, get) => {
    try {
      facts[key] = (await get()) ?? null;
    } catch {
      facts[key] = null;
    }
  };
  // Per host only: how many resources, how many failed; no paths, no query strings.
  // Hosts with failures first, should the list be cut.
  read("resources", () => {
    const hosts = {};
    for (const entry of perf.getEntriesByType("resource")) {
      const host = new URL(entry.name).host;
      if (!host) continue;
      const row = (hosts[host] ||= { host, count: 0, failed: 0, no_status: 0 });
      row.count++;
      if (entry.responseStatus >= 400) row.failed++;
      else if (!entry.responseStatus) row.no_status++;
    }
    return Object.values(hosts)
      .sort((a, b) => b.failed - a.failed)
      .slice(0, 40);
  });
  // A pop-up is allowed only while the click still counts: open the tab now, fill it in below.
  let tab = null;
  let registration;
  try {
    tab = open("", "_blank");
    tab.opener = null;
  } catch {}
  try {
    await read("permission_query", async () => (await nav.permissions.query({ name: "notifications" })).state);
    await read("service_worker", async () => !!(registration = await nav.serviceWorker.getRegistration()));
    await read("push_subscribed", async () => !!(await registration.pushManager.getSubscription()));
    // The server's clock: offset = server − this computer, against the middle of the round
    // trip (the Date header has whole seconds, hence + 500 ms). This page's own address (its
    // path, without the query), so the request stays on this server; a redirect is not
    // followed. No answer within 4 s leaves the clock unread.
    await read("clock", async () => {
      const wall = Date.now();
      const start = perf.now();
      const response = await Promise.race([
        fetch(origin + location.pathname, { method: "HEAD", cache: "no-store", credentials: "omit", redirect: "manual" }),
        new Promise((done) => setTimeout(done, 4000)),
      ]);
      const rtt = perf.now() - start;
      const server = Date.parse(response.headers.get("Date"));
      return { offset_ms: server ? round(server + 500 - wall - rtt / 2) : null, rtt_ms: round(rtt) };
    });
  } finally {
    // base64 of the UTF-8 JSON, made URL-safe: "+" and "/" become "-" and "_".
    const code = btoa(unescape(encodeURIComponent(JSON.stringify(facts))))
      .replace(/\+/g, "-")
      .replace(/\//g, "_");
    // A blocked pop-up gives no tab: then the agent copies the code into the checks page.
    if (tab) tab.location.href = "HELP_CHECKS_URL#probe=" + code;
    else prompt("HELP_COPY_PROMPT", code);
  }
})();
