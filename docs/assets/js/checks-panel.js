// Wires every check widget on the page: collects facts, asks the Python runtime
// (in a module worker) for findings and draws them. Nothing leaves the browser.
import { pageRuntime } from "./runtime-client.js";
import { collect, prepare } from "./facts.js";
import { clearFindings, renderFindings, showDetails } from "./findings-view.js";
import { setupBackgroundPanel } from "./background-test.js";

const configNode = document.getElementById("__help");
const panels = [...document.querySelectorAll(".ck-panel")];
// For report.js: the runtime, and each panel's last judged facts, to save or share a report.
export const shared = { runtime: null, facts: new Map() };

function playTestSound() {
  const Ctx = window.AudioContext || window.webkitAudioContext;
  if (!Ctx) return;
  const ctx = new Ctx();
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.frequency.value = 880;
  gain.gain.setValueAtTime(0.2, ctx.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.6);
  osc.connect(gain).connect(ctx.destination);
  osc.start();
  osc.stop(ctx.currentTime + 0.6);
  osc.onended = () => ctx.close();
}

async function sendTestNotification(strings) {
  if (!("Notification" in window)) return;
  if (Notification.permission === "default") await Notification.requestPermission();
  // Android Chrome has no Notification constructor (it needs a service worker): it throws.
  if (Notification.permission === "granted") new Notification(strings.ask.notify_title, { body: strings.ask.notify_body, tag: "help-test" });
}

function setup(config) {
  const { strings, lang } = config;
  prepare(panels.map((panel) => panel.dataset.checks));
  const runtime = pageRuntime(config);
  shared.runtime = runtime;
  const answers = { saw_notification: null, heard_sound: null, os_dnd_on: null };
  // Per panel: a run in flight, what must follow it ("collect": new facts; "judge": the same
  // facts with the newest answers), and the facts last collected. Runs never overlap, so the
  // newest input always wins.
  const state = new Map(panels.map((panel) => [panel, { running: false, again: null, facts: null }]));
  // A fetch that fails while the browser is offline fails because of it, even if the
  // browser is back online by the time the error arrives.
  let offlineEvents = 0;
  window.addEventListener("offline", () => { offlineEvents += 1; });

  // When the checks cannot load offline, what needs no Python is still said: the browser
  // reports itself offline (the same finding the Python check would give).
  function offlineResult() {
    const t = strings.offline;
    const both = (text) => ({ [lang]: text });
    return {
      findings: [{ id: "conn-online", status: "fail", scope: "browser", step: "net-online", title: both(t.title), message: both(t.message), fix: both(t.fix) }],
      summary: null,
    };
  }

  async function run(panel, how = "collect") {
    const s = state.get(panel);
    if (s.running) {
      if (s.again !== "collect") s.again = how;
      return;
    }
    s.running = true;
    const status = panel.querySelector(".ck-status");
    const progress = panel.querySelector(".ck-progress");
    status.classList.remove("ck-error");
    panel.setAttribute("aria-busy", "true");
    let facts = null;
    let loading = !runtime.isReady;
    const offlineBefore = offlineEvents;
    try {
      let next = how;
      do {
        s.again = null;
        if (next === "judge" && s.facts) {
          // An answer is judged with the facts already collected: no new network probes. Only
          // the help tab's own notification facts are read again, with the answers (the test
          // notification may just have asked for permission).
          facts = s.facts.notifications ? { ...s.facts, ...(await collect(["notifications"], config.settings, answers)) } : s.facts;
        } else {
          progress.textContent = runtime.isReady ? strings.progress.collecting : strings.progress.loading;
          // Facts and runtime load in parallel: the network probes hide part of the start-up.
          // Both settle before going on, so the facts are there to show if the runtime failed.
          const [collected, started] = await Promise.allSettled([collect([panel.dataset.checks], config.settings, answers), runtime.start()]);
          facts = collected.value ?? null;
          if (started.status === "rejected") throw started.reason;
          loading = false;
        }
        s.facts = facts;
        progress.textContent = strings.progress.analysing;
        const result = await runtime.run(facts, config.settings);
        next = s.again;
        if (next) continue; // stale: newer input arrived while this one ran
        renderFindings(panel, result, config);
        showDetails(panel, facts);
        panel.dataset.ran = "1";
        shared.facts.set(panel.dataset.checks, facts);
        try { localStorage.setItem("help.lastrun.v1", JSON.stringify({ v: 1, at: new Date().toISOString(), facts, findings: result.findings })); } catch { /* storage off: the request form is filled by hand */ }
        // The live region holds the outcome once: "finished" and the summary after it.
        progress.textContent = strings.progress.done;
        panel.querySelector(".ck-run").textContent = strings.panel.rerun;
      } while (s.again);
    } catch (err) {
      const offline = !navigator.onLine || offlineEvents !== offlineBefore || facts?.connectivity?.online === false;
      clearFindings(panel); // old results must not look current under an error
      // The browser's own words (often English) go to the technical details, never alone on screen.
      showDetails(panel, facts, String((err && err.message) || err));
      if (offline && loading) {
        progress.textContent = strings.error.offline;
        renderFindings(panel, offlineResult(), config);
      } else {
        progress.textContent = err && err.kind === "timeout" ? strings.error.timeout : strings.error.runtime;
      }
      status.classList.add("ck-error");
    } finally {
      s.running = false;
      s.again = null;
      panel.removeAttribute("aria-busy");
    }
  }

  for (const panel of panels) {
    panel.querySelector(".ck-fallback").hidden = true;
    // Other modules ask for a run with this event (the background test when it ends).
    panel.addEventListener("ck-run", () => run(panel));
    if (panel.dataset.checks === "background") {
      setupBackgroundPanel(panel, strings, () => panel.dispatchEvent(new Event("ck-run")));
      continue; // its own start button runs it; the result is judged when the test ends
    }
    panel.querySelector(".ck-controls").hidden = false;
    // The button stays enabled (focus must not drop to <body>); a click during a run queues one more.
    panel.querySelector(".ck-run").addEventListener("click", () => run(panel));
    for (const ask of panel.querySelectorAll(".ck-ask")) {
      const key = ask.dataset.ask;
      const question = ask.querySelector(".ck-question");
      ask.querySelector(".ck-try")?.addEventListener("click", async () => {
        try {
          if (key === "heard_sound") playTestSound();
          else await sendTestNotification(strings);
        } catch {
          /* the test could not show; the question below still records what happened */
        } finally {
          question.hidden = false;
          question.querySelector("input").focus();
        }
      });
      question.addEventListener("change", (event) => {
        const value = event.target.value;
        answers[key] = value === "yes" ? true : value === "no" ? false : null;
        // Judge again at once with the facts already collected; before any run, collect first.
        run(panel, state.get(panel).facts ? "judge" : "collect");
      });
    }
  }

  // Warm the runtime once the page is idle, unless the user asked to save data.
  const conn = navigator.connection;
  if (!(conn && (conn.saveData || /2g/.test(conn.effectiveType || "")))) {
    const warm = () =>
      runtime.start().then(
        () => panels.forEach((panel) => { panel.dataset.runtime = "ready"; }),
        () => panels.forEach((panel) => { panel.dataset.runtime = "failed"; }), // reported when a check runs
      );
    const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 1500));
    if (document.readyState === "complete") idle(warm, { timeout: 4000 });
    else window.addEventListener("load", () => idle(warm, { timeout: 4000 }), { once: true });
  }
}

function main() {
  if (!panels.length || !configNode) return;
  const config = JSON.parse(configNode.textContent);
  const { strings } = config;
  const unavailable =
    location.protocol === "file:" ? strings.error.file
    : typeof WebAssembly !== "object" || typeof Worker !== "function" ? strings.error.unsupported
    : null;
  if (unavailable) {
    for (const panel of panels) {
      panel.querySelector(".ck-fallback").textContent = unavailable;
      panel.classList.add("ck-unavailable");
    }
    return;
  }
  setup(config);
}

main();
