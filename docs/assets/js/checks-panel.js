// Wires every check widget on the page: collects facts, asks the Python runtime
// (in a module worker) for findings and draws them. Nothing leaves the browser.
import { ChecksRuntime } from "./runtime-client.js";
import { collect } from "./facts.js";
import { renderFindings } from "./findings-view.js";

const configNode = document.getElementById("__help");
const panels = [...document.querySelectorAll(".ck-panel")];

function fail(panel, message) {
  const status = panel.querySelector(".ck-status");
  status.textContent = message;
  status.classList.add("ck-error");
  panel.querySelector(".ck-run").disabled = false;
}

function playTestSound() {
  const Ctx = window.AudioContext || window.webkitAudioContext;
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
  if (Notification.permission === "granted") new Notification(strings.ask.notify_title, { body: strings.ask.notify_body, tag: "help-test" });
}

function setup(config) {
  const { strings } = config;
  const base = new URL(config.runtime.root, document.baseURI);
  let active = null; // the panel whose status line shows the runtime's progress
  const runtime = new ChecksRuntime({
    workerUrl: new URL("checks-worker.js", import.meta.url),
    pyodideUrl: new URL(config.runtime.pyodide, base).href,
    checksZipUrl: new URL(config.runtime.checks_zip, base).href,
    onProgress: (stage) => {
      if (active && strings.progress[stage]) active.querySelector(".ck-status").textContent = strings.progress[stage];
    },
  });
  const answers = { saw_notification: null, heard_sound: null, os_dnd_on: null };

  async function run(panel) {
    const button = panel.querySelector(".ck-run");
    const status = panel.querySelector(".ck-status");
    status.classList.remove("ck-error");
    button.disabled = true;
    panel.setAttribute("aria-busy", "true");
    try {
      active = panel;
      status.textContent = runtime.isReady ? strings.progress.collecting : strings.progress.loading;
      // Facts and runtime load in parallel: the network probes hide part of the start-up.
      const [facts] = await Promise.all([collect([panel.dataset.checks], config.settings, answers), runtime.start()]);
      status.textContent = strings.progress.analysing;
      const result = await runtime.run(facts, config.settings);
      renderFindings(panel, result, config);
      panel.dataset.ran = "1";
      status.textContent = strings.progress.done;
      button.textContent = strings.panel.rerun;
      button.disabled = false;
    } catch (err) {
      const reason = String(err && err.message || err);
      fail(panel, err && err.kind === "timeout" ? strings.error.timeout : strings.error.runtime.replace("{reason}", reason));
    } finally {
      panel.removeAttribute("aria-busy");
    }
  }

  for (const panel of panels) {
    panel.querySelector(".ck-fallback").hidden = true;
    panel.querySelector(".ck-controls").hidden = false;
    panel.querySelector(".ck-run").addEventListener("click", () => run(panel));
    for (const ask of panel.querySelectorAll(".ck-ask")) {
      const key = ask.dataset.ask;
      const question = ask.querySelector(".ck-question");
      ask.querySelector(".ck-try")?.addEventListener("click", async () => {
        if (key === "heard_sound") playTestSound();
        else await sendTestNotification(strings);
        question.hidden = false;
        question.querySelector("input").focus();
      });
      question.addEventListener("change", (event) => {
        const value = event.target.value;
        answers[key] = value === "yes" ? true : value === "no" ? false : null;
        if (panel.dataset.ran) run(panel); // fold the answer into the findings at once
      });
    }
  }

  // Warm the runtime once the page is idle, unless the user asked to save data.
  const conn = navigator.connection;
  if (!(conn && (conn.saveData || /2g/.test(conn.effectiveType || "")))) {
    const warm = () => runtime.start().catch(() => { /* reported on click */ });
    const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 1500));
    window.addEventListener("load", () => idle(warm, { timeout: 4000 }), { once: true });
    if (document.readyState === "complete") idle(warm, { timeout: 4000 });
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
