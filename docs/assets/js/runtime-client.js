// Talks to the Pyodide worker: typed messages, each with an id and exactly one reply.
// A run that hangs is stopped by terminating the worker; the next call starts a new one.

const INIT_TIMEOUT_MS = 180000; // 6 MB on a slow link
const RUN_TIMEOUT_MS = 15000;

export class RuntimeError extends Error {
  constructor(kind, reason) {
    super(reason);
    this.kind = kind; // "runtime" | "timeout" | "call"
  }
}

// The page's one runtime (one worker, one Pyodide) for every module on it: the check widgets, the
// report, the admin checks, the request builder. Started on first use.
let pageWide = null;
export function pageRuntime(config) {
  if (!pageWide) {
    const base = new URL(config.runtime.root, document.baseURI);
    pageWide = new ChecksRuntime({
      workerUrl: new URL("checks-worker.js", import.meta.url),
      pyodideUrl: new URL(config.runtime.pyodide, base).href,
      checksZipUrl: new URL(config.runtime.checks_zip, base).href,
    });
  }
  return pageWide;
}

export class ChecksRuntime {
  constructor({ workerUrl, pyodideUrl, checksZipUrl }) {
    Object.assign(this, { workerUrl, pyodideUrl, checksZipUrl });
    this.pending = new Map();
    this.nextId = 1;
    this.ready = null;
    this.isReady = false;
  }

  start() {
    if (!this.ready) {
      const ready = this.#request("init", { pyodideUrl: this.pyodideUrl, checksZipUrl: this.checksZipUrl }, INIT_TIMEOUT_MS)
        .then(() => { this.isReady = true; })
        .catch((err) => {
          if (this.ready === ready) this.#reset(); // a newer start may already be under way
          throw err;
        });
      this.ready = ready;
    }
    return this.ready;
  }

  async run(facts, settings, only = null) {
    await this.start();
    try {
      return await this.#request("run", { facts, settings, only }, RUN_TIMEOUT_MS);
    } catch (err) {
      // A runtime that failed once is not trusted again: fail whatever else waits on it,
      // and let the next run start a fresh worker.
      this.#failAll(err);
      throw err;
    }
  }

  // One checks.call_json function (request.render, report.judge, ...): its result, or a
  // RuntimeError("call") whose message is the Python side's, in the page's language.
  async call(fn, args = {}) {
    await this.start();
    let envelope;
    try {
      envelope = await this.#request("call", { fn, args }, RUN_TIMEOUT_MS);
    } catch (err) {
      this.#failAll(err);
      throw err;
    }
    return this.#unwrap(envelope);
  }

  // One chunk of a session log opened with call("session_log.start"): its progress ({bytes, rows,
  // stopped, headers, columns}). The ArrayBuffer is transferred to the worker, not copied: it is
  // empty here afterwards. Errors as call's.
  async logChunk(handle, buffer) {
    await this.start();
    let envelope;
    try {
      envelope = await this.#request("log-chunk", { handle, bytes: buffer }, RUN_TIMEOUT_MS, [buffer]);
    } catch (err) {
      this.#failAll(err);
      throw err;
    }
    return this.#unwrap(envelope);
  }

  #unwrap(envelope) {
    if (envelope && "result" in envelope) return envelope.result;
    const error = (envelope && envelope.error) || {};
    const lang = document.documentElement.lang.startsWith("en") ? "en" : "zh";
    const message = (error.message && error.message[lang]) || String(error.detail || "call failed");
    const out = new RuntimeError("call", message);
    out.code = error.code;
    out.detail = error.detail;
    throw out;
  }

  #spawn() {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerUrl, { type: "module" });
    worker.onmessage = ({ data }) => {
      if (!data || typeof data.type !== "string") return;
      const entry = this.pending.get(data.id);
      if (!entry) return;
      this.pending.delete(data.id);
      clearTimeout(entry.timer);
      if (data.type === "error") entry.reject(new RuntimeError("runtime", data.error));
      else entry.resolve(data.result ?? null);
    };
    // A worker that cannot even load (missing file, no module workers) only fires "error".
    worker.onerror = (event) => {
      event.preventDefault();
      this.#failAll(new RuntimeError("runtime", event.message || "worker failed to start"));
    };
    this.worker = worker;
    return worker;
  }

  #request(type, body, timeoutMs, transfer = []) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.#failAll(new RuntimeError("timeout", `${type} timed out`));
        reject(new RuntimeError("timeout", `${type} timed out`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      try {
        this.#spawn().postMessage({ id, type, ...body }, transfer);
      } catch (err) {
        this.pending.delete(id);
        clearTimeout(timer);
        reject(new RuntimeError("runtime", String(err && err.message || err)));
      }
    });
  }

  #failAll(error) {
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(error);
    }
    this.pending.clear();
    this.#reset();
  }

  #reset() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.ready = null;
    this.isReady = false;
  }
}
