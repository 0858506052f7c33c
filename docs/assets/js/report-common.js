// What report.js (the checks page) and compare.js (the compare page) share: building
// elements from text only, the banner's "whose device, when", and the share code.
// Nothing from a report is ever parsed as HTML.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) if (child != null && child !== "") node.append(child);
  return node;
}

// Filled in without any special meaning for "$" in the values.
export const fill = (template, values) => template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));

// The saving computer's own time, in its own zone when this browser knows it, with its UTC offset.
export function timeText(about, t, lang) {
  const at = about && typeof about.at === "string" ? new Date(about.at) : null;
  if (!at || Number.isNaN(at.getTime())) return t.unknown;
  const offset = /([+-]\d{2}:\d{2})$/.exec(about.at);
  try {
    const when = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short", timeZone: about.zone || undefined }).format(at);
    return offset ? `${when} (UTC${offset[1]})` : when;
  } catch {
    return about.at; // a zone this browser does not know: the ISO time with its offset says it all
  }
}

export function whoText(about, t, lang) {
  if (about && about.device === false) return t.admin_only; // the admin checks' results alone
  const browser = (about && about.browser && about.browser[lang]) || t.unknown;
  const who = fill(t.who, { browser, os: (about && about.os) || t.unknown });
  const ws = about && about.workstation;
  if (!ws) return who;
  const wsBrowser = (ws.browser && ws.browser[lang]) || t.unknown;
  return `${who}${lang === "zh" ? "；" : "; "}${fill(t.workstation, { origin: ws.origin || t.unknown, browser: wsBrowser })}`;
}

// A report's share code: its compact JSON, raw-deflated, base64url without padding
// (checks/report/document.py reads the same, and encodes alike).
export async function shareCode(report) {
  const stream = new Blob([JSON.stringify(report)]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function unavailable(config) {
  if (location.protocol === "file:") return config.strings.report.unavailable;
  if (typeof WebAssembly !== "object" || typeof Worker !== "function" || typeof CompressionStream !== "function") return config.strings.report.unavailable;
  return null;
}

export const segnoZipUrl = (config) => new URL(config.runtime.segno_zip, new URL(config.runtime.root, document.baseURI)).href;
