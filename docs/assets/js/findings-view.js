// Draws findings. Status is shown as text and icon, never by colour alone.

const ICON = { ok: "✔", warn: "!", fail: "✖", unknown: "?" };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) if (child != null && child !== "") node.append(child);
  return node;
}

export function renderFindings(panel, result, config) {
  const { lang, strings, steps } = config;
  const list = panel.querySelector(".ck-findings");
  const items = result.findings.map((f) => {
    const step = steps[f.step];
    const link = step ? el("a", { href: step.url, class: "ck-step" }, `${strings.panel.see_step}: ${step.title}`) : null;
    const fix = f.fix && f.fix[lang] ? el("p", { class: "ck-fix" }, el("strong", {}, `${strings.panel.fix}: `), f.fix[lang]) : null;
    return el(
      "li",
      { class: `ck-finding ck-${f.status}`, "data-finding": f.id, "data-status": f.status },
      el("span", { class: "ck-badge", "aria-hidden": "true" }, ICON[f.status] || "?"),
      el("span", { class: "ck-label" }, strings.status[f.status] + (lang === "zh" ? "：" : ": ")),
      el("strong", { class: "ck-finding-title" }, f.title[lang]),
      el("p", { class: "ck-message" }, f.message[lang]),
      fix,
      link,
    );
  });
  // Problems stay in view; passed checks fold away so the next step is obvious.
  const passed = items.filter((li) => li.dataset.status === "ok");
  const rest = items.filter((li) => li.dataset.status !== "ok");
  const fold = passed.length
    ? el("li", { class: "ck-passed" },
        el("details", {}, el("summary", {}, strings.panel.passed.replace("{n}", passed.length)), el("ul", { class: "ck-findings" }, ...passed)))
    : null;
  list.replaceChildren(...rest, ...(fold ? [fold] : []));
  const summary = panel.querySelector(".ck-summary");
  summary.textContent = result.summary.text[lang];
  summary.dataset.problems = String(result.summary.problems);
  summary.hidden = false;
}

export function clearFindings(panel) {
  panel.querySelector(".ck-findings").replaceChildren();
  const summary = panel.querySelector(".ck-summary");
  summary.textContent = "";
  summary.hidden = true;
}
