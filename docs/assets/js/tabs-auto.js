// Opens the operating-system and browser tabs on the reader's own, so the steps shown first are
// the ones that apply. A choice the reader made wins: Material's linked tabs keep it in
// localStorage ("__tabs", most recent first) and restore it before this module runs; a tab named
// in the address (#__tabbed_…) wins too. Picking a tab here is not saved as the reader's choice.

const TABS_KEY = "__tabs";

/** The reader's OS tab labels, best first ("Windows 11" before "Windows"). */
export function osLabels(platform, userAgent, touchPoints, windowsMajor) {
  const p = (platform || "").toLowerCase();
  const ua = userAgent || "";
  if (p === "android" || /Android/.test(ua)) return ["Android"];
  // iPadOS asks for desktop pages with a Mac user agent; a Mac has no touch screen.
  if (p === "ios" || /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && touchPoints > 1)) return ["iOS"];
  if (p === "windows" || /Windows/.test(ua)) {
    // Windows 11 reports platformVersion 13 or later; the user agent string cannot tell.
    if (windowsMajor === null) return ["Windows"];
    return [windowsMajor >= 13 ? "Windows 11" : "Windows 10", "Windows"];
  }
  if (p === "macos" || /Mac OS X|Macintosh/.test(ua)) return ["macOS"];
  return [];
}

/** The reader's browser tab label, or null for one the pages have no tab for. */
export function browserLabel(brands, userAgent) {
  const names = (brands || []).map((b) => b.brand);
  if (names.includes("Microsoft Edge")) return "Edge";
  if (names.includes("Google Chrome")) return "Chrome";
  const ua = userAgent || "";
  if (/Edg(e|A|iOS)?\//.test(ua)) return "Edge";
  if (/Firefox\/|FxiOS\//.test(ua)) return "Firefox";
  if (/OPR\/|SamsungBrowser\//.test(ua)) return null;
  // Every Chromium says "Chrome/" in its user agent; the "Chromium" brand alone proves nothing.
  if (/Chrome\/|CriOS\//.test(ua)) return "Chrome";
  if (/Safari\//.test(ua)) return "Safari";
  return null;
}

async function windowsMajor(uaData) {
  if (!uaData || typeof uaData.getHighEntropyValues !== "function") return null;
  try {
    const { platformVersion } = await uaData.getHighEntropyValues(["platformVersion"]);
    const major = parseInt(platformVersion, 10);
    return Number.isFinite(major) && platformVersion ? major : null;
  } catch {
    return null;
  }
}

export async function readerLabels(nav = navigator) {
  const uaData = nav.userAgentData;
  // A Chromium whose user agent was overridden reports an empty platform: read the string then.
  const platform = uaData && uaData.platform ? uaData.platform : "";
  const windows = platform === "Windows" || (!platform && /Windows/.test(nav.userAgent));
  const major = windows && platform ? await windowsMajor(uaData) : null;
  const labels = osLabels(platform, nav.userAgent, nav.maxTouchPoints || 0, major);
  const browser = browserLabel(uaData ? uaData.brands : [], nav.userAgent);
  return browser ? [...labels, browser] : labels;
}

function savedChoice() {
  try {
    const saved = globalThis.__md_get ? globalThis.__md_get(TABS_KEY) : null;
    return Array.isArray(saved) ? saved : [];
  } catch {
    return [];
  }
}

function labelsOf(set) {
  return [...set.querySelectorAll(":scope > .tabbed-labels > label")].map((label) => ({
    text: label.innerText.trim() || label.textContent.trim(),
    input: document.getElementById(label.htmlFor),
  }));
}

export function openReaderTabs(wanted) {
  if (!wanted.length) return;
  const saved = savedChoice();
  const hash = decodeURIComponent(location.hash.slice(1));
  // Material saves a tab change as the reader's choice: put back what was there before.
  const storageKey = globalThis.__md_scope ? `${globalThis.__md_scope.pathname}.${TABS_KEY}` : null;
  let before = null;
  try {
    before = storageKey ? localStorage.getItem(storageKey) : null;
  } catch {
    /* storage blocked: nothing to save or restore */
  }
  for (const set of document.querySelectorAll(".tabbed-set")) {
    const tabs = labelsOf(set);
    if (tabs.some((tab) => saved.includes(tab.text))) continue;
    if (hash && tabs.some((tab) => tab.input && tab.input.id === hash)) continue;
    const pick = wanted.map((label) => tabs.find((tab) => tab.text === label)).find(Boolean);
    if (!pick || !pick.input || pick.input.checked) continue;
    pick.input.checked = true;
    pick.input.dispatchEvent(new Event("change"));
  }
  if (!storageKey) return;
  try {
    if (before === null) localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, before);
  } catch {
    /* storage blocked */
  }
}

if (typeof document !== "undefined" && document.querySelector(".tabbed-set")) {
  readerLabels().then(openReaderTabs, () => {});
}
