// Module worker: loads Pyodide from the site itself, unpacks checks/ and runs it.
// Protocol: {id, type: "init" | "run" | "call" | "log-chunk", ...} -> exactly one {id, type: "ready" | "result" | "error"}.
// "call" ({fn, args}) answers checks.call_json's envelope, {result} or {error}, as its result.
// "log-chunk" ({handle, bytes: ArrayBuffer, transferred}) feeds a session log opened by the call
// "session_log.start" (checks.api.log_feed) and answers the same kind of envelope with its progress.

let booting = null;
let runJson = null;
let callJson = null;
let logFeed = null;
let py = null;

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

// Pure-Python packages some calls need, unpacked next to checks/ only when such a call first comes:
// segno for the QR code, tzdata for the working hours (Pyodide's core has no time zones). The
// package's address comes with the call (its argument named here, taken out of the arguments) and
// must be this site's.
const EXTRAS = { "qr.svg": "segno_zip", "admin.hours": "tzdata_zip" };
const extras = new Map();

function loadExtra(arg, zipUrl) {
  if (!extras.has(arg)) {
    extras.set(arg, (async () => {
      const url = new URL(String(zipUrl), self.location.href);
      if (url.origin !== self.location.origin) throw new Error(`${arg} must be on this site`);
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
      py.unpackArchive(await response.arrayBuffer(), "zip", { extractDir: "/home/pyodide/app" });
      py.runPython("import importlib; importlib.invalidate_caches()"); // the directory was listed before
    })().catch((err) => {
      extras.delete(arg); // let a later call try again
      throw err;
    }));
  }
  return extras.get(arg);
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
    logFeed = pyodide.pyimport("checks.api").log_feed;
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
      const extra = EXTRAS[msg.fn];
      if (extra) {
        const { [extra]: zipUrl, ...rest } = args;
        await loadExtra(extra, zipUrl);
        args = rest;
      }
      reply("result", { result: JSON.parse(callJson(String(msg.fn), JSON.stringify(args))) });
    } else if (msg.type === "log-chunk") {
      if (!logFeed) throw new Error("runtime not initialised");
      if (!(msg.bytes instanceof ArrayBuffer)) throw new Error("log-chunk needs an ArrayBuffer");
      const chunk = py.toPy(new Uint8Array(msg.bytes)); // a memoryview over a copy in Python's memory
      try {
        reply("result", { result: JSON.parse(logFeed(msg.handle, chunk)) });
      } finally {
        chunk.destroy();
      }
    } else {
      reply("error", { error: `unknown message type ${msg.type}` });
    }
  } catch (err) {
    reply("error", { error: String((err && err.message) || err).split("\n").slice(-2).join(" ").slice(0, 300) });
  }
};
