// The admin checks: each `.adm` container on a page (the checks page, and the admin blocks of the
// guide's sections, hooks/render_guide.py admin_checks()) draws the parts its data-parts names:
// version, hours, rules (checks.call_json "admin.*" in the worker) and session_log (drawn by
// admin-session-log.js, imported only when a page shows it). What the admin enters stays in this
// browser, and is only ever set as value or textContent.
import { pageRuntime } from "./runtime-client.js";
import { counted, renderFindings } from "./findings-view.js";
import { saveAdminResult } from "./admin-results.js";
import { hoursPart } from "./admin-hours.js";

const config = JSON.parse(document.getElementById("__help").textContent);
const t = config.strings.admin;
const lang = config.lang;
const ALL_PARTS = ["version", "hours", "rules", "session_log"];

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) if (child != null) node.append(child);
  return node;
}

// The page's one runtime, shared with the check widgets and the report (runtime-client.js).
const getRuntime = () => pageRuntime(config);

function select(id, options) {
  return el("select", { id }, ...options.map(([value, label]) => el("option", { value }, label)));
}

// The frame every part shares: a section with its heading, the form, and a live region holding
// the state line, the input's errors and the findings.
function frame(key, ids, level, title, fields) {
  const form = el(
    "form",
    { class: "adm-form" },
    ...fields,
    el("p", {}, el("button", { type: "submit", class: "md-button md-button--primary adm-check" }, t.check)),
  );
  const results = el(
    "div",
    { class: "adm-results", "aria-live": "polite" },
    el("p", { class: "adm-state" }),
    el("p", { class: "ck-summary", hidden: "" }),
    el("ul", { class: "adm-errors", "aria-label": t.errors, hidden: "" }),
    el("ul", { class: "ck-findings", "aria-label": config.strings.panel.results }),
  );
  const titleId = ids(`${key}-title`);
  const section = el(
    "section",
    { class: "adm-part", "data-admin": key, "aria-labelledby": titleId },
    el(`h${level}`, { id: titleId }, title),
    form,
    results,
  );
  return { section, form, results };
}

// A part of a text area and a select (the version, the rules).
function textPart(key, ids, level, { title, textLabel, selectLabel, options }) {
  const text = el("textarea", { id: ids(`${key}-text`), rows: "6", spellcheck: "false", autocomplete: "off" });
  const choice = select(ids(`${key}-select`), options);
  const p = frame(key, ids, level, title, [
    el("p", {}, el("label", { for: text.id }, textLabel), el("br"), text),
    el("p", {}, el("label", { for: choice.id }, selectLabel), " ", choice),
  ]);
  return { ...p, text, choice };
}

// What the rules field takes, before it: where the rules come from, the site's channels by name and
// code (checks.admin.rules takes either), and a folded example in each format.
function rulesHelp(p, ids, channels) {
  const hint = el("p", { id: ids("rules-hint"), class: "adm-hint" }, t.rules_hint);
  const sep = lang === "zh" ? "、" : ", ";
  const named = (channels || []).filter((c) => c && c.id && c[lang]).map((c) => (lang === "zh" ? `${c[lang]}（${c.id}）` : `${c[lang]} (${c.id})`));
  const list = named.length ? el("p", { id: ids("rules-channels"), class: "adm-hint" }, t.rules_channels + named.join(sep)) : null;
  p.text.setAttribute("aria-describedby", [hint.id, list && list.id].filter(Boolean).join(" "));
  const sample = (name, key) => [el("p", {}, el("strong", {}, name)), el("pre", {}, el("code", {}, t[key].trim()))];
  const example = el(
    "details",
    { class: "adm-example" },
    el("summary", {}, t.rules_example),
    ...sample("JSON", "rules_example_json"),
    ...sample("YAML", "rules_example_yaml"),
    ...sample("CSV", "rules_example_csv"),
    el("p", {}, t.rules_example_note),
  );
  const field = p.text.closest("p");
  field.before(hint, ...(list ? [list] : []));
  field.after(example);
}

function show(p, findings, errors) {
  const state = p.results.querySelector(".adm-state");
  const list = p.results.querySelector(".adm-errors");
  list.replaceChildren(...errors.map((e) => el("li", {}, e.message[lang])));
  list.hidden = !errors.length;
  renderFindings(p.section, { findings, summary: null }, config);
  state.textContent = errors.length && !findings.length
    ? counted(t, "errors_done", errors.length, lang)
    : counted(t, "done", findings.length, lang);
}

// On submit: the call's findings and errors drawn (read by `read`, default {findings, errors})
// and the findings kept for the report and the request.
function wire(p, key, fn, args, read = (result) => result) {
  p.form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const state = p.results.querySelector(".adm-state");
    const button = p.form.querySelector(".adm-check");
    button.disabled = true;
    const rt = getRuntime();
    state.textContent = rt.isReady ? t.checking : t.loading;
    try {
      const result = await rt.call(fn, args());
      const { findings = [], errors = [] } = read(result) || {};
      show(p, findings, errors);
      if (p.drawn) p.drawn(result);
      if (findings.length) saveAdminResult(key, findings);
    } catch (err) {
      show(p, [], []);
      if (p.drawn) p.drawn(null);
      state.textContent = err && err.kind === "call" && err.message ? `${t.failed} ${err.message}` : t.failed;
    } finally {
      button.disabled = false;
    }
  });
}

const PARTS = {
  version(ids, level) {
    const p = textPart("version", ids, level, {
      title: t.version_title,
      textLabel: t.version_text,
      selectLabel: t.platform,
      options: [["desktop", t.platform_desktop], ["mobile", t.platform_mobile], ["web", t.platform_web]],
    });
    wire(p, "version", "admin.version", () => ({ text_in: p.text.value, platform: p.choice.value, settings: config.settings }));
    return p.section;
  },
  hours(ids, level) {
    return hoursPart({ config, ids, level, frame, wire });
  },
  rules(ids, level) {
    const p = textPart("rules", ids, level, {
      title: t.rules_title,
      textLabel: t.rules_text,
      selectLabel: t.format,
      options: [["", t.format_auto], ["json", "JSON"], ["yaml", "YAML"], ["csv", "CSV"]],
    });
    const channels = (config.settings.support && config.settings.support.channels) || null;
    rulesHelp(p, ids, channels);
    wire(p, "rules", "admin.rules", () => ({ text: p.text.value, fmt: p.choice.value || null, channels }));
    return p.section;
  },
  // Drawn by admin-session-log.js (its own module, loaded only here): a missing or broken module
  // costs this part only, with a message in its place.
  session_log(ids, level) {
    const slot = el("div", { class: "adm-slot", "data-admin-slot": "session_log" });
    import("./admin-session-log.js")
      .then(({ sessionLogPart }) => {
        const section = sessionLogPart(config, getRuntime, { level, ids });
        if (!(section instanceof HTMLElement)) throw new Error("sessionLogPart returned no element");
        slot.replaceWith(section);
      })
      .catch((err) => {
        console.warn("admin-session-log.js:", err); // not an error: the other parts work
        const titleId = ids("session_log-title");
        slot.replaceWith(
          el(
            "section",
            { class: "adm-part adm-unavailable", "data-admin": "session_log", "aria-labelledby": titleId },
            el(`h${level}`, { id: titleId }, t.session_log_title),
            el("p", { class: "adm-state", role: "status" }, t.session_log_unavailable),
          ),
        );
      });
    return slot;
  },
};

// Ids stay unique with several containers on a page: the first keeps "adm-…", the next "adm2-…".
document.querySelectorAll(".adm").forEach((root, index) => {
  const prefix = index ? `adm${index + 1}` : "adm";
  const ids = (name) => `${prefix}-${name}`;
  const level = Math.min(Math.max(Number(root.dataset.level) || 3, 2), 6);
  const wanted = (root.dataset.parts || ALL_PARTS.join(" ")).split(/\s+/).filter((key) => key in PARTS);
  const sections = wanted.map((key) => PARTS[key](ids, level));
  const fallback = root.querySelector(".adm-fallback");
  if (fallback) fallback.remove();
  root.append(...sections);
});
