// Module worker: loads Pyodide from the site itself, unpacks checks/ and runs it.
// Protocol: {id, type: "init" | "run" | "call", ...} -> exactly one {id, type: "ready" | "result" | "error"}.
// "call" ({fn, args}) answers checks.call_json's envelope, {result} or {error}, as its result.

let booting = null;
let runJson = null;
let callJson = null;
let py = null;
let segno = null;

// Pyodide never settles when one of its files fails to download (a 404 wasm just logs
// a warning), so watch the worker's own fetches and fail the start-up at once.
let reportFetchFailure = () => {};
const realFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  const name = String((input && input.url) || input).split("?")[0].split("/").pop();
  try {
    const response = await realFetch(input, init);
    if (!response.ok) reportFetchFailure(new Error(`${name}: HTTP ${response.status}`));
    return response;
  } catch (err) {
    reportFetchFailure(new Error(`${name}: ${(err && err.message) || err}`));
    throw err;
  }
};

// segno (the QR code's library) is unpacked next to checks/ only when a QR code is first asked for.
// Its address comes with the call ("segno_zip", taken out of the arguments) and must be this site's.
function loadSegno(zipUrl) {
  segno ??= (async () => {
    const url = new URL(String(zipUrl), self.location.href);
    if (url.origin !== self.location.origin) throw new Error("segno_zip must be on this site");
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
    py.unpackArchive(await response.arrayBuffer(), "zip", { extractDir: "/home/pyodide/app" });
    py.runPython("import importlib; importlib.invalidate_caches()"); // the directory was listed before
  })().catch((err) => {
    segno = null;
    throw err;
  });
  return segno;
}

function boot({ pyodideUrl, checksZipUrl }) {
  booting ??= (async () => {
    const { loadPyodide } = await import(new URL("pyodide.mjs", pyodideUrl).href);
    const failed = new Promise((_, reject) => { reportFetchFailure = reject; });
    const pyodide = await Promise.race([loadPyodide({ indexURL: pyodideUrl, packageBaseUrl: pyodideUrl }), failed]);
    const response = await fetch(checksZipUrl);
    if (!response.ok) throw new Error(`${checksZipUrl}: HTTP ${response.status}`);
    pyodide.unpackArchive(await response.arrayBuffer(), "zip", { extractDir: "/home/pyodide/app" });
    pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/app')");
    py = pyodide;
    const checks = pyodide.pyimport("checks");
    runJson = checks.run_json;
    callJson = checks.call_json;
    reportFetchFailure = () => {};
  })().catch((err) => {
    booting = null; // let a later click try again
    throw err;
  });
  return booting;
}

self.onmessage = async ({ data: msg }) => {
  if (!msg || typeof msg.id !== "number" || typeof msg.type !== "string") return;
  const reply = (type, extra = {}) => self.postMessage({ id: msg.id, type, ...extra });
  try {
    if (msg.type === "init") {
      await boot(msg);
      reply("ready");
    } else if (msg.type === "run") {
      if (!runJson) throw new Error("runtime not initialised");
      const out = runJson(JSON.stringify(msg.facts), JSON.stringify(msg.settings), JSON.stringify(msg.only));
      reply("result", { result: JSON.parse(out) });
    } else if (msg.type === "call") {
      if (!callJson) throw new Error("runtime not initialised");
      let args = msg.args ?? {};
      if (msg.fn === "qr.svg") {
        const { segno_zip: zipUrl, ...rest } = args;
        await loadSegno(zipUrl);
        args = rest;
      }
      reply("result", { result: JSON.parse(callJson(String(msg.fn), JSON.stringify(args))) });
    } else {
      reply("error", { error: `unknown message type ${msg.type}` });
    }
  } catch (err) {
    reply("error", { error: String((err && err.message) || err).split("\n").slice(-2).join(" ").slice(0, 300) });
  }
};
