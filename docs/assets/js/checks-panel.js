// Wires every check widget on the page: collects facts, asks the Python runtime
// (in a module worker) for findings and draws them. Nothing leaves the browser.
import { ChecksRuntime } from "./runtime-client.js";
import { collect, prepare } from "./facts.js";
import { clearFindings, renderFindings } from "./findings-view.js";

const configNode = document.getElementById("__help");
const panels = [...document.querySelectorAll(".ck-panel")];

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
  const { strings } = config;
  prepare(panels.map((panel) => panel.dataset.checks));
  const base = new URL(config.runtime.root, document.baseURI);
  const runtime = new ChecksRuntime({
    workerUrl: new URL("checks-worker.js", import.meta.url),
    pyodideUrl: new URL(config.runtime.pyodide, base).href,
    checksZipUrl: new URL(config.runtime.checks_zip, base).href,
  });
  const answers = { saw_notification: null, heard_sound: null, os_dnd_on: null };
  // Per panel: a run in flight, and whether another must follow it (a click or an
  // answer arrived meanwhile). Runs never overlap, so the newest facts always win.
  const state = new Map(panels.map((panel) => [panel, { running: false, again: false }]));

  async function run(panel) {
    const s = state.get(panel);
    if (s.running) {
      s.again = true;
      return;
    }
    s.running = true;
    const status = panel.querySelector(".ck-status");
    status.classList.remove("ck-error");
    panel.setAttribute("aria-busy", "true");
    try {
      do {
        s.again = false;
        status.textContent = runtime.isReady ? strings.progress.collecting : strings.progress.loading;
        // Facts and runtime load in parallel: the network probes hide part of the start-up.
        const [facts] = await Promise.all([collect([panel.dataset.checks], config.settings, answers), runtime.start()]);
        status.textContent = strings.progress.analysing;
        const result = await runtime.run(facts, config.settings);
        if (s.again) continue; // stale: newer input arrived while this one ran
        renderFindings(panel, result, config);
        panel.dataset.ran = "1";
        // The live region reads the outcome, not just "finished".
        status.textContent = `${strings.progress.done} ${result.summary.text[config.lang]}`;
        panel.querySelector(".ck-run").textContent = strings.panel.rerun;
      } while (s.again);
    } catch (err) {
      const reason = String((err && err.message) || err);
      clearFindings(panel); // old results must not look current under an error
      status.textContent = err && err.kind === "timeout" ? strings.error.timeout : strings.error.runtime.replace("{reason}", reason);
      status.classList.add("ck-error");
    } finally {
      s.running = false;
      s.again = false;
      panel.removeAttribute("aria-busy");
    }
  }

  for (const panel of panels) {
    panel.querySelector(".ck-fallback").hidden = true;
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
        // Fold the answer into the findings at once (or into the run in flight).
        if (panel.dataset.ran || state.get(panel).running) run(panel);
      });
    }
  }

  // Warm the runtime once the page is idle, unless the user asked to save data.
  const conn = navigator.connection;
  if (!(conn && (conn.saveData || /2g/.test(conn.effectiveType || "")))) {
    const warm = () =>
      runtime.start().then(
        () => panels.forEach((panel) => { panel.dataset.runtime = "ready"; }),
        () => { /* reported when the user runs a check */ },
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
