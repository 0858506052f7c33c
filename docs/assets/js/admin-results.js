// The admin checks' last results, kept in this browser (localStorage "help.admin.v1") for the report
// and the support request. One entry per check: {at, findings} (findings as the Python gives them,
// scope "team"), never the pasted text or the file: only what was judged.
const KEY = "help.admin.v1";
export const ADMIN_CHECKS = ["version", "hours", "rules", "session_log"];

export function loadAdminResults() {
  try {
    const data = JSON.parse(localStorage.getItem(KEY));
    if (!data || data.v !== 1 || typeof data.checks !== "object" || data.checks === null) return {};
    const out = {};
    for (const key of ADMIN_CHECKS) {
      const entry = data.checks[key];
      if (entry && typeof entry.at === "string" && Array.isArray(entry.findings)) out[key] = entry;
    }
    return out;
  } catch {
    return {}; // corrupt or unreadable storage: as if no admin check had run
  }
}

export function saveAdminResult(key, findings) {
  if (!ADMIN_CHECKS.includes(key)) throw new Error(`unknown admin check ${key}`);
  const checks = { ...loadAdminResults(), [key]: { at: new Date().toISOString(), findings } };
  try { localStorage.setItem(KEY, JSON.stringify({ v: 1, checks })); } catch { /* storage off: the result stays on screen */ }
}

export function clearAdminResults() {
  try { localStorage.removeItem(KEY); } catch { /* nothing stored */ }
}
