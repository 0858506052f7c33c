// Draws findings. Status is shown as text and icon, never by colour alone. Text goes in
// with textContent only: nothing from the facts or findings is ever parsed as HTML.

const ICON = { ok: "✔", warn: "!", fail: "✖", unknown: "?" };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) if (child != null && child !== "") node.append(child);
  return node;
}

// A counted phrase: table[key + "_one"] when the language calls n singular (English 1; Chinese
// has no singular form), else table[key]; {n} replaced.
export function counted(table, key, n, lang) {
  const form = new Intl.PluralRules(lang === "zh" ? "zh" : "en").select(n);
  const phrase = (form === "one" && table[`${key}_one`]) || table[key];
  return phrase.replace("{n}", String(n));
}

function item(f, config) {
  const { lang, strings, steps } = config;
  const colon = lang === "zh" ? "：" : ": "; // full-width in Chinese
  const step = steps[f.step];
  const link = step ? el("a", { href: step.url, class: "ck-step" }, `${strings.panel.see_step}${colon}${step.title}`) : null;
  const fix = f.fix && f.fix[lang] ? el("p", { class: "ck-fix" }, el("strong", {}, `${strings.panel.fix}${colon}`), f.fix[lang]) : null;
  // What the finding is about: this browser, this help page's tab, the workstation tab, the settings.
  const scope = strings.scope[f.scope] ? el("span", { class: "ck-scope" }, strings.scope[f.scope]) : null;
  return el(
    "li",
    { class: `ck-finding ck-${f.status}`, "data-finding": f.id, "data-status": f.status, "data-scope": f.scope || "" },
    el("span", { class: "ck-badge", "aria-hidden": "true" }, ICON[f.status] || "?"),
    el("span", { class: "ck-label" }, strings.status[f.status] + colon),
    el("strong", { class: "ck-finding-title" }, f.title[lang]),
    scope ? " " : null,
    scope,
    el("p", { class: "ck-message" }, f.message[lang]),
    fix,
    link,
  );
}

// result: {findings, summary} from checks.run_json; a null summary draws none.
export function renderFindings(panel, result, config) {
  const { lang, strings } = config;
  const items = result.findings.map((f) => item(f, config));
  const having = (...statuses) => items.filter((li) => statuses.includes(li.dataset.status));
  // Problems and warnings first; then what could not be judged, in view and under its own
  // heading; passed checks fold away so the next step is obvious. When one problem makes the
  // rest moot (offline), the Python says so and what could not be judged folds away too.
  const unknown = having("unknown");
  const passed = having("ok");
  const foldUnknown = Boolean(result.summary && result.summary.fold_unknowns);
  const group = !unknown.length
    ? null
    : foldUnknown
      ? el("li", { class: "ck-group ck-unknowns ck-folded" },
          el("details", {}, el("summary", {}, strings.panel.unknown_folded.replace("{n}", unknown.length)), el("ul", { class: "ck-findings" }, ...unknown)))
      : el("li", { class: "ck-group ck-unknowns" },
          el("p", { class: "ck-group-title" }, strings.panel.unknown.replace("{n}", unknown.length)),
          el("ul", { class: "ck-findings" }, ...unknown));
  const fold = passed.length
    ? el("li", { class: "ck-group ck-passed" },
        el("details", {}, el("summary", {}, counted(strings.panel, "passed", passed.length, lang)), el("ul", { class: "ck-findings" }, ...passed)))
    : null;
  panel.querySelector(".ck-findings").replaceChildren(...having("fail", "warn"), ...[group, fold].filter(Boolean));
  const summary = panel.querySelector(".ck-summary");
  summary.textContent = result.summary ? result.summary.text[lang] : "";
  summary.dataset.problems = String(result.summary ? result.summary.problems : "");
  summary.dataset.warnings = String(result.summary ? result.summary.warnings : "");
  summary.hidden = !result.summary;
  requestLink(panel, config).hidden = !result.summary;
}

// Every result leads on to the support request builder, which picks up this run.
function requestLink(panel, config) {
  let line = panel.querySelector(".ck-request");
  if (!line) {
    const href = `${config.runtime.root}${config.lang === "zh" ? "" : `${config.lang}/`}request.html`;
    line = el("p", { class: "ck-request" }, el("a", { href }, config.strings.panel.request_link));
    panel.querySelector(".ck-findings").after(line);
  }
  return line;
}

export function clearFindings(panel) {
  panel.querySelector(".ck-findings").replaceChildren();
  const request = panel.querySelector(".ck-request");
  if (request) request.hidden = true;
  const summary = panel.querySelector(".ck-summary");
  summary.textContent = "";
  summary.hidden = true;
}

// The collapsed "Technical details": the facts that were judged (or collected when the
// checks could not run) and the error, as text for an engineer to copy.
export function showDetails(panel, facts, error = null) {
  const details = panel.querySelector(".ck-tech");
  details.querySelector(".ck-facts").textContent = facts ? JSON.stringify(facts, null, 2) : "";
  const line = details.querySelector(".ck-tech-error");
  line.textContent = error || "";
  line.hidden = !error;
  details.hidden = !(facts || error);
}
