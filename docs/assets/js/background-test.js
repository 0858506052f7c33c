// The background test: the agent leaves this tab hidden for a chosen time while a 1 s
// timer records what the browser lets it do. Timer throttling, freezing and discarding
// are browser policy, so they hold for the workstation's tab too. It measures only:
// checks/background judges. Shape of the facts: schemas/facts.schema.json, "background".

const KEY = "help-background-test";
const TICK_MS = 1000;
const FACT_KEYS = ["planned_ms", "elapsed_ms", "hidden_ms", "ticks", "hidden_ticks", "max_gap_ms", "froze", "discarded", "completed"];

// The test in progress or the last one finished in this tab. Kept in sessionStorage, which
// outlives a discard and reload of the tab (the timer does not).
let test = null;
let timer = null;
let onChange = () => {};

const hidden = () => document.visibilityState === "hidden";

function load() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY));
  } catch {
    return null;
  }
}

function save() {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(test));
  } catch { /* storage blocked: the test still runs, it just cannot notice a discard */ }
}

// The facts for checks/background; on any page of the site, from this tab's saved test.
export function backgroundFacts() {
  const current = test || load();
  if (!current || typeof current !== "object") return { completed: false };
  const facts = Object.fromEntries(FACT_KEYS.map((key) => [key, current[key] ?? null]));
  if (!current.completed) facts.elapsed_ms = Date.now() - current.started_at;
  return facts;
}

function tick() {
  const now = Date.now();
  test.ticks += 1;
  if (hidden()) {
    test.hidden_ticks += 1;
    test.max_gap_ms = Math.max(test.max_gap_ms, now - test.last_tick);
  }
  test.last_tick = now;
  save();
  if (!hidden() && now - test.started_at >= test.planned_ms) finish();
}

function visibilityChanged() {
  if (!test || test.completed || test.left) return;
  const now = Date.now();
  if (hidden()) {
    test.hidden_since = now;
  } else if (test.hidden_since != null) {
    // The gap up to this moment was spent hidden: a timer held back for a minute shows here
    // even when the agent returns before it fires.
    test.max_gap_ms = Math.max(test.max_gap_ms, now - test.last_tick);
    test.hidden_ms += now - test.hidden_since;
    test.hidden_since = null;
  }
  test.last_tick = now;
  save();
  if (!hidden() && now - test.started_at >= test.planned_ms) finish();
  else onChange("visibility");
}

function start(minutes) {
  const now = Date.now();
  test = {
    planned_ms: minutes * 60000, started_at: now, elapsed_ms: 0, hidden_ms: 0, ticks: 0, hidden_ticks: 0,
    max_gap_ms: 0, froze: false, discarded: false, completed: false, hidden_since: hidden() ? now : null, last_tick: now,
  };
  save();
  clearInterval(timer);
  timer = setInterval(tick, TICK_MS);
  onChange("started");
}

// Ends the test: when the tab is visible again after the chosen time, or the agent stops it.
function finish(event = "finished") {
  if (!test || test.completed) return;
  const now = Date.now();
  clearInterval(timer);
  if (test.hidden_since != null) test.hidden_ms += now - test.hidden_since;
  test.hidden_since = null;
  test.elapsed_ms = now - test.started_at;
  test.completed = true;
  save();
  onChange(event);
}

// Reads a test saved by an earlier load of this tab. A test still running when the page
// loaded again was cut short: by the browser, if it says the tab was discarded or the
// tab was hidden when last seen (nobody reloads a hidden tab); otherwise by the agent.
function resume() {
  const saved = load();
  if (!saved || typeof saved !== "object" || saved.completed) return;
  test = saved;
  if (document.wasDiscarded || (saved.hidden_since != null && !saved.left)) {
    test.discarded = true;
    finish("discarded");
  } else {
    interrupted();
  }
}

function interrupted() {
  clearInterval(timer);
  test = null;
  try { sessionStorage.removeItem(KEY); } catch { /* nothing was saved then */ }
  onChange("interrupted");
}

// listener(event): "started" | "visibility" | "finished" | "discarded" | "interrupted".
function watch(listener) {
  onChange = listener;
  document.addEventListener("visibilitychange", visibilityChanged);
  // Chrome freezes hidden tabs (no timers at all) before it discards them; freeze is the
  // last event such a page gets, so record it at once.
  document.addEventListener("freeze", () => {
    if (test && !test.completed) {
      test.froze = true;
      save();
    }
  });
  // Leaving or reloading the page fires pagehide while still visible (then visibilitychange):
  // that is the agent, not the browser, ending the test.
  window.addEventListener("pagehide", () => {
    if (test && !test.completed && !hidden()) {
      test.left = true;
      save();
    }
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && test && test.left && !test.completed) interrupted();
  });
  resume();
}

function duration(ms, t) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s >= 60 && s % 60 === 0) return t.minutes.replace("{n}", s / 60);
  return (s >= 60 ? t.duration_min : t.duration_s).replace("{m}", Math.floor(s / 60)).replace("{s}", s % 60);
}

// Wires the panel's controls. judge() runs checks/background on the facts.
export function setupBackgroundPanel(panel, strings, judge) {
  const t = strings.background;
  const box = panel.querySelector(".ck-bg");
  const minutes = box.querySelector(".ck-bg-minutes");
  const startButton = box.querySelector(".ck-bg-start");
  const stopButton = box.querySelector(".ck-bg-stop");
  const say = (text) => { box.querySelector(".ck-bg-state").textContent = text; };
  box.hidden = false;
  const running = (on) => {
    // Focus follows the button that replaces the one just used, never drops to <body>.
    const from = on ? startButton : stopButton;
    const focused = document.activeElement === from;
    startButton.hidden = on;
    stopButton.hidden = !on;
    minutes.disabled = on;
    if (focused) (on ? stopButton : startButton).focus();
  };
  startButton.addEventListener("click", () => start(Number(minutes.value)));
  stopButton.addEventListener("click", () => finish());
  watch((event) => {
    if (event === "interrupted") {
      say(t.interrupted);
      return;
    }
    const now = backgroundState();
    if (event === "started") {
      running(true);
      say(t.running.replace("{planned}", duration(now.planned_ms, t)));
    } else if (event === "visibility" && !hidden() && !now.completed) {
      say(t.early.replace("{elapsed}", duration(now.elapsed_ms, t)).replace("{left}", duration(now.planned_ms - now.elapsed_ms, t)));
    } else if (event === "finished" || event === "discarded") {
      running(false);
      say(event === "discarded" ? t.discarded : t.finished);
      judge();
    }
  });
}

function backgroundState() {
  const now = Date.now();
  return {
    completed: test.completed,
    planned_ms: test.planned_ms,
    elapsed_ms: test.completed ? test.elapsed_ms : now - test.started_at,
  };
}
