// The help site's side of the workstation probe (workstation-probe.js runs in the
// workstation's own tab). It takes the probe's code from "#probe=<code>" in the address
// or from the paste box, checks it thoroughly, and only then hands the facts to the
// "workstation" panel: facts.js asks currentHandover() when the panel runs. Nothing from
// a code is ever inserted as HTML, only shown as text.
// It also wires the probe blocks: the copy button, and a click on the bookmarklet here.

// A probe's code is base64url of UTF-8 JSON: 1–3 KB, more on a tab that loaded from many
// hosts. Anything longer is not from the probe and is not even decoded.
export const MAX_CODE_LENGTH = 8192;

let current = null;

// The facts of the last valid code, or null before there is one.
export function currentHandover() {
  return current;
}

function isOrigin(value) {
  if (typeof value !== "string" || value.length > 300) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value;
  } catch {
    return false;
  }
}

// A code, or the whole address that carried it, to {facts} or {error, length}.
// The errors name strings in [probe] of strings.toml (err_<error>).
export function readProbeCode(input) {
  let text = String(input ?? "");
  if (text.length > 2 * MAX_CODE_LENGTH) return { error: "too_long", length: text.length };
  // The whole address, or "probe=<code>", and line breaks picked up while copying.
  text = text.replace(/^[^#]*#/, "").replace(/^probe=/, "").replace(/\s+/g, "");
  if (!text) return { error: "empty" };
  if (text.length > MAX_CODE_LENGTH) return { error: "too_long", length: text.length };
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(text)) return { error: "not_code" };
  let facts;
  try {
    const base64 = text.replace(/=+$/, "").replace(/-/g, "+").replace(/_/g, "/");
    if (base64.length % 4 === 1) return { error: "damaged" }; // cut off mid-character
    const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    facts = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return { error: "damaged" }; // not base64, not UTF-8, or not JSON: a cut-off code ends here
  }
  if (!facts || typeof facts !== "object" || Array.isArray(facts)) return { error: "not_probe" };
  if (facts.v !== 1) return { error: typeof facts.v === "number" ? "version" : "not_probe" };
  // The banner names the origin: it must be one, or the code is not the probe's.
  if (!isOrigin(facts.origin)) return { error: "not_probe" };
  return { facts };
}

// Filled in without any special meaning for "$" in the values.
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));

const STALE_MS = 30 * 60 * 1000;

function bannerText(facts, t, lang) {
  const at = typeof facts.at === "number" && Number.isFinite(facts.at) ? new Date(facts.at) : null;
  const time = at && !Number.isNaN(at.getTime())
    ? new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "medium" }).format(at)
    : t.unknown_time;
  let text = fill(t.banner, { origin: facts.origin, time });
  const age = at ? Date.now() - at.getTime() : 0;
  if (age > STALE_MS) text += " " + fill(t.stale, { minutes: Math.round(age / 60000) });
  return text;
}

function errorText(result, t) {
  return fill(t[`err_${result.error}`] || t.err_damaged, { n: result.length });
}

// Read at once, before anything else looks at the address: the code leaves it here, so
// it stays neither in the history nor in a link someone copies from the address bar.
function takeFromAddress() {
  if (!location.hash.startsWith("#probe=")) return null;
  const code = location.hash.slice("#probe=".length);
  history.replaceState(history.state, "", location.pathname + location.search);
  return code;
}
const codeFromAddress = takeFromAddress();

// The probe reports to the checks page under site_url. Served from another address (a
// deployment that forgot to set site_url), it would report to a page that is not there:
// point it at this copy of the site instead, as the hreflang links are.
function rebaseProbe(block) {
  const built = block.dataset.checksUrl;
  const served = new URL("checks.html", location.href).href;
  if (!built || built === served || location.protocol === "file:") return;
  const inJs = (url) => JSON.stringify(url).slice(1, -1);
  const field = block.querySelector(".ws-console-code");
  field.value = field.value.split(inJs(built)).join(inJs(served));
  block.querySelector(".ws-bookmarklet").href = `javascript:${encodeURIComponent(field.value)}`;
  const source = block.querySelector(".ws-source code");
  if (source) source.textContent = source.textContent.split(inJs(built)).join(inJs(served));
}

function setupProbeBlocks() {
  for (const block of document.querySelectorAll(".ws-probe")) {
    rebaseProbe(block);
    const status = block.querySelector(".ws-probe-status");
    const say = (text) => {
      status.textContent = text;
    };
    // On this site the bookmarklet would probe the help site, not the workstation.
    block.querySelector(".ws-bookmarklet").addEventListener("click", (event) => {
      event.preventDefault();
      say(block.dataset.clickedHere);
    });
    const field = block.querySelector(".ws-console-code");
    const copy = block.querySelector(".ws-copy");
    copy.hidden = false;
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(field.value);
        say(block.dataset.copied);
      } catch {
        // No clipboard access (an http:// intranet page, or refused): select it for Ctrl+C.
        field.focus();
        field.select();
        let copied = false;
        try {
          copied = document.execCommand("copy");
        } catch {
          /* not supported */
        }
        say(copied ? block.dataset.copied : block.dataset.copyFailed);
      }
    });
  }
}

function setupPanel(panel, config) {
  const t = config.strings.probe;
  const box = panel.querySelector(".ws-handover");
  const banner = box.querySelector(".ws-banner");
  const message = box.querySelector(".ws-message");
  const input = box.querySelector(".ws-paste-input");
  // checks-panel.js shows the panel's controls once the checks can run here; if they stay
  // hidden, the panel's own text says why, and there is nothing to hand over to.
  const controls = panel.querySelector(".ck-controls");
  if (controls.hidden) return;
  // New facts come from the probe, not from a run button: the same facts judged again
  // would say the same.
  controls.hidden = true;
  box.hidden = false;

  function take(code, fromAddress) {
    const result = readProbeCode(code);
    if (result.error) {
      // The findings on screen, if any, stay those of the earlier code the banner names.
      message.textContent = (fromAddress ? t.from_address : "") + errorText(result, t);
      return false;
    }
    current = result.facts;
    message.textContent = "";
    banner.textContent = bannerText(current, t, config.lang);
    banner.hidden = false;
    panel.dispatchEvent(new Event("ck-run"));
    return true;
  }

  box.querySelector(".ws-paste-run").addEventListener("click", () => {
    if (take(input.value, false)) input.value = "";
  });

  if (codeFromAddress !== null) {
    take(codeFromAddress, true);
    // The agent came here for this panel: show it, and let a screen reader start at it.
    panel.scrollIntoView({ block: "start" });
    (banner.hidden ? message : banner).focus({ preventScroll: true });
  }
}

function init() {
  setupProbeBlocks();
  const panel = document.querySelector('.ck-panel[data-checks="workstation"]');
  const configNode = document.getElementById("__help");
  if (panel && configNode) setupPanel(panel, JSON.parse(configNode.textContent));
}

// Module scripts run once the page is parsed. The workstation panel is set up by
// checks-panel.js, a module that runs after this one: wait for it (the same module the page
// loads, not a second copy), then hand over at once, so the runtime starts loading as early
// as it can. Without that panel there is nothing to wait for.
const panelScript = document.querySelector('.ck-panel[data-checks="workstation"]')
  ? import("./checks-panel.js").catch(() => { /* the panel's own text says the checks cannot run */ })
  : Promise.resolve();
panelScript.then(init);
