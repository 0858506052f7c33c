// The working-hours part of the admin checks (admin-checks.js draws the frame and wires it):
// weekdays, windows, holidays and two time zones, judged by checks.admin.hours in the worker, which
// unpacks tzdata for this call only (its zip's address goes with the call as tzdata_zip).

// Zones offered in the lists (any IANA name or UTC+8 can be typed).
const ZONES = [
  "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Tokyo", "Asia/Seoul",
  "Asia/Kolkata", "Asia/Dubai", "Europe/London", "Europe/Berlin", "Europe/Paris", "Europe/Moscow",
  "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo",
  "Australia/Sydney", "Pacific/Auckland", "UTC",
];

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) if (child != null) node.append(child);
  return node;
}

export function browserZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch {
    return "";
  }
}

export function hoursPart({ config, ids, level, frame, wire }) {
  const t = config.strings.admin;
  const serviceZone = config.settings.service_timezone || "";
  const zonesId = ids("hours-zones");
  const days = t.hours_day_names.map((name, i) => {
    const box = el("input", { type: "checkbox", id: ids(`hours-day-${i + 1}`), value: String(i + 1) });
    box.checked = i < 5; // Monday to Friday, the usual schedule
    return { box, label: el("label", { for: box.id, class: "adm-day" }, box, " ", name) };
  });
  const windows = el("input", { type: "text", id: ids("hours-windows"), spellcheck: "false", autocomplete: "off" });
  windows.value = "09:00-18:00";
  const holidays = el("textarea", { id: ids("hours-holidays"), rows: "3", spellcheck: "false", autocomplete: "off" });
  const zone = el("input", { type: "text", id: ids("hours-zone"), list: zonesId, spellcheck: "false", autocomplete: "off" });
  zone.value = serviceZone;
  const adminZone = el("input", { type: "text", id: ids("hours-admin-zone"), list: zonesId, spellcheck: "false", autocomplete: "off" });
  adminZone.value = browserZone();
  const zones = el("datalist", { id: zonesId }, ...[...new Set([serviceZone, adminZone.value, ...ZONES])].filter(Boolean).map((z) => el("option", { value: z })));
  const field = (input, label) => el("p", {}, el("label", { for: input.id }, label), el("br"), input);
  const p = frame("hours", ids, level, t.hours_title, [
    el("fieldset", { class: "adm-days" }, el("legend", {}, t.hours_days), ...days.map((d) => d.label)),
    field(windows, t.hours_windows),
    field(holidays, t.hours_holidays),
    field(zone, t.hours_zone),
    field(adminZone, t.hours_admin_zone),
    zones,
  ]);
  // Open or not, and until when, said first and in words: the finding saying so may be folded
  // with what passed. The "until" is the finding's own sentence (checks.admin.hours).
  const now = el("p", { class: "adm-hours-now", hidden: "" });
  p.results.querySelector(".adm-state").after(now);
  p.drawn = (result) => {
    const open = result && result.open;
    now.hidden = open == null;
    now.dataset.open = String(open);
    const until = (result && result.until && result.until[config.lang]) || "";
    const gap = config.lang === "zh" || !until ? "" : " ";
    now.textContent = open == null ? "" : `${open ? t.hours_now_open : t.hours_now_closed}${gap}${until}`;
  };
  const root = new URL(config.runtime.root, document.baseURI);
  wire(
    p,
    "hours",
    "admin.hours",
    () => ({
      schedule: {
        weekdays: days.filter((d) => d.box.checked).map((d) => Number(d.box.value)),
        windows: windows.value,
        holidays: holidays.value,
        time_zone: zone.value.trim() || null,
      },
      now_utc_iso: new Date().toISOString(),
      settings: config.settings,
      admin_zone: adminZone.value.trim() || null,
      tzdata_zip: new URL(config.runtime.tzdata_zip, root).href,
    }),
    // The input's mistakes come inside one finding: drawn as the list, like the other parts'.
    (result) => {
      const findings = result.findings || [];
      const input = findings.find((f) => f.id === "working-hours-input");
      return input ? { findings: [], errors: input.data.errors || [] } : { findings, errors: [] };
    },
  );
  return p.section;
}
