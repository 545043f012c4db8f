// Builds queries/report_assets/: the vendored libraries, the offline base map, the page source and the
// licence notices that queries/report.py inlines into one self-contained HTML file.
// Run after `npm ci` in report/:  node build.mjs   (output is committed, so pip users need no Node).
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const out = join(here, "..", "queries", "report_assets");
mkdirSync(out, { recursive: true });

// file in the bundle -> [npm package, path inside the package]
const VENDORED = {
  "vis-timeline-graph2d.min.js": ["vis-timeline", "standalone/umd/vis-timeline-graph2d.min.js"],
  "vis-timeline-graph2d.min.css": ["vis-timeline", "styles/vis-timeline-graph2d.min.css"],
  "cytoscape.min.js": ["cytoscape", "dist/cytoscape.min.js"],
  "leaflet.js": ["leaflet", "dist/leaflet.js"],
  "leaflet.css": ["leaflet", "dist/leaflet.css"],
  "topojson-client.min.js": ["topojson-client", "dist/topojson-client.min.js"],
  "countries-110m.json": ["world-atlas", "countries-110m.json"],
};
const PAGE = ["template.html", "report.css", "report.js", "head.js"];

const lock = JSON.parse(readFileSync(join(here, "package-lock.json"), "utf8"));
const sha256 = (buf) => createHash("sha256").update(buf).digest("hex");
const manifest = { built_from: "report/package-lock.json", files: {} };

// The page inlines every file inside <script>/<style>; a closing tag in a library would end the element
// early, so refuse to build rather than ship a page that breaks.
function checkInlineSafe(name, text) {
  const bad = name.endsWith(".css") ? /<\/style/i : /<\/script|<!--/i;
  if (bad.test(text)) throw new Error(`${name} contains ${bad}; cannot be inlined safely`);
}

for (const [name, [pkg, rel]] of Object.entries(VENDORED)) {
  let text = readFileSync(join(modules, pkg, rel), "utf8");
  if (name === "leaflet.css") {
    // The report uses no image markers or layer control; dropping the image urls keeps the page from
    // ever asking for a file that is not inlined (a failed request is a console error offline).
    text = text.replace(/url\(images\/[^)]*\)/g, "none");
  }
  checkInlineSafe(name, text);
  writeFileSync(join(out, name), text);
  const version = lock.packages[`node_modules/${pkg}`].version;
  manifest.files[name] = { package: pkg, version, source: rel, sha256: sha256(text) };
}
for (const name of PAGE) {
  const text = readFileSync(join(here, "src", name), "utf8");
  if (name !== "template.html") checkInlineSafe(name, text);
  copyFileSync(join(here, "src", name), join(out, name));
  manifest.files[name] = { package: "conflictgraph", source: `report/src/${name}`, sha256: sha256(text) };
}

// Licence notices of every package installed for the bundle (the standalone vis-timeline build carries
// its dependencies, so all of them are shipped), in lockfile order.
const notices = [
  "Third-party software inlined into conflictgraph HTML reports.",
  "Built by report/build.mjs from the npm packages pinned in report/package-lock.json.",
  "Base map: Natural Earth 1:110m Admin 0 countries (public domain, naturalearthdata.com),",
  "redistributed as TopoJSON by the world-atlas package (ISC licence below).",
  "",
];
for (const [key, meta] of Object.entries(lock.packages)) {
  if (!key.startsWith("node_modules/") || meta.dev) continue;
  const pkg = key.slice("node_modules/".length);
  const dir = join(modules, pkg);
  if (!existsSync(dir)) continue;
  const files = readdirSync(dir).filter((f) => /^(licen[cs]e|notice)/i.test(f)).sort();
  notices.push("=".repeat(78), `${pkg} ${meta.version} — licence: ${meta.license ?? "see below"}`, "=".repeat(78));
  if (files.length === 0) notices.push("(the package ships no licence file; its package.json declares the licence above)");
  for (const f of files) notices.push(`--- ${f} ---`, readFileSync(join(dir, f), "utf8").trim(), "");
}
writeFileSync(join(out, "THIRD_PARTY_LICENSES.txt"), notices.join("\n") + "\n");
writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`wrote ${Object.keys(manifest.files).length} files + THIRD_PARTY_LICENSES.txt to ${out}`);
