// Writes <site>/sw.js with Workbox's generateSW (called by hooks/service_worker.py after the
// site is finished). Usage: node scripts/service_worker.mjs <site dir>
// Prints one JSON line: {count, size, warnings} (what was precached).
import { generateSW } from "workbox-build";

const site = process.argv[2];
if (!site) {
  console.error("usage: node scripts/service_worker.mjs <site dir>");
  process.exit(2);
}

const { count, size, warnings } = await generateSW({
  globDirectory: site,
  // Everything a page may need offline, both languages: pages, search index, theme and site
  // assets, the Pyodide runtime and the checks archive, the checklist PDFs.
  globPatterns: ["**/*.{html,css,js,mjs,json,wasm,zip,svg,png,ico,webmanifest,xml,txt,pdf,woff,woff2}"],
  // .gz files are written after this for the server's gzip_static, never fetched by a page;
  // the sitemaps carry each build's date and are only read by the language switcher.
  globIgnores: ["**/*.gz", "sw.js", "**/*.map", "**/sitemap.xml"],
  swDest: `${site}/sw.js`,
  // The runtime goes inside sw.js: no workbox-*.js beside it, nothing from a CDN.
  inlineWorkboxRuntime: true,
  mode: "production",
  sourcemap: false,
  // The Pyodide wasm alone is ~10 MB.
  maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
  cacheId: "help",
  cleanupOutdatedCaches: true,
  // A new worker waits until the page asks (the "new version" notice): an open page never
  // gets assets from another build. The first one takes over at once: its cache is this build.
  skipWaiting: false,
  clientsClaim: true,
  // "/" and "/en/" are index.html; "?h=term" is the theme's search highlight.
  directoryIndex: "index.html",
  ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, /^h$/],
});
console.log(JSON.stringify({ count, size, warnings }));
