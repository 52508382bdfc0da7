// Prueba de extremo a extremo del sitio público generado por `ssme build`.
//
// Uso: node e2e.mjs <carpeta del sitio> <carpeta de artefactos>
//
// Sirve el sitio por HTTP en 127.0.0.1 bajo una subruta (/publicado/sitio/), lo recorre desde
// index.html siguiendo todo enlace interno y abre cada página en Chromium headless (el de
// Debian, /usr/bin/chromium): sin errores de consola, sin peticiones fallidas ni fuera de
// 127.0.0.1, todo enlace y recurso responde 200, captura de pantalla de cada página y axe-core
// sin infracciones graves. Después abre index.html desde file:// y pasa el Nu HTML Checker
// (vnu) por todos los .html. Sale con código 1 y un informe si algo falla.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { chromium } from "playwright-core";

import { serve } from "./server.mjs";
import { lowContrastLabels } from "./svg-contrast.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const [siteArg, artifactsArg] = process.argv.slice(2);
if (!siteArg || !artifactsArg) {
  console.error("uso: node e2e.mjs <carpeta del sitio> <carpeta de artefactos>");
  process.exit(2);
}
const site = path.resolve(siteArg);
const artifacts = path.resolve(artifactsArg);
const SUBPATH = "/publicado/sitio/";
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
// Flags this machine needs (closed network, no sandbox); Playwright adds --headless and a
// fresh temporary profile (--user-data-dir) itself.
const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const TABS = 2;
const AXE_IMPACTS = new Set(["serious", "critical"]);

const failures = [];
const fail = (where, what) => failures.push(`${where}: ${what}`);
const started = Date.now();

fs.rmSync(artifacts, { recursive: true, force: true });
fs.mkdirSync(path.join(artifacts, "capturas"), { recursive: true });

const server = await serve(site, SUBPATH);
const origin = `http://127.0.0.1:${server.port}`;
const base = `${origin}${SUBPATH}`;
const rel = (url) => (url.startsWith(base) ? url.slice(base.length) : url);

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: CHROMIUM_FLAGS,
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
// Nothing may leave 127.0.0.1: such requests are recorded and aborted.
await context.route("**/*", (route) => {
  const url = new URL(route.request().url());
  const local = url.origin === origin || url.protocol === "data:" || url.protocol === "file:";
  if (local) return route.continue();
  return route.abort("blockedbyclient");
});

const axeSource = fs.readFileSync(path.join(here, "node_modules/axe-core/axe.min.js"), "utf8");
const pages = new Map(); // ruta relativa → { ids }
const assets = new Map(); // ruta relativa → página que lo enlaza
const fragments = []; // { from, target, id }
const queue = ["index.html"];
let axeChecked = 0;
const axeAll = []; // every violation, of any impact, for the report
const timings = {};

// Breadth-first, a few tabs at a time (the machine has two cores).
while (queue.length > 0) {
  const wave = [...new Set(queue.splice(0, queue.length))].filter((p) => !pages.has(p));
  for (let i = 0; i < wave.length; i += TABS) {
    const batch = wave.slice(i, i + TABS);
    for (const page of batch) pages.set(page, { ids: new Set() });
    const results = await Promise.all(batch.map(visit));
    batch.forEach((page, j) => {
      if (!results[j]) return;
      pages.get(page).ids = new Set(results[j].ids);
      for (const link of results[j].links) classify(page, link);
    });
  }
}

// Assets and downloads (CSS, CSV, images…) must answer 200 over HTTP too.
for (const [asset, from] of assets) {
  const res = await fetch(base + asset);
  const body = await res.arrayBuffer();
  if (res.status !== 200) fail(from, `el recurso ${asset} responde ${res.status}`);
  else if (body.byteLength === 0) fail(from, `el recurso ${asset} está vacío`);
}
for (const { from, target, id } of fragments) {
  const ids = pages.get(target)?.ids;
  if (ids && !ids.has(decodeURIComponent(id))) {
    fail(from, `el enlace ${target}#${id} apunta a un id que no existe`);
  }
}

await checkFileUrl();
await browser.close();
server.close();
const vnuErrors = validateHtml();

const report = {
  sitio: site,
  servido_en: base,
  paginas: [...pages.keys()],
  recursos: [...assets.keys()],
  paginas_con_axe: axeChecked,
  axe_todas: axeAll,
  tiempos: timings,
  errores_vnu: vnuErrors,
  fallos: failures,
  segundos: (Date.now() - started) / 1000,
};
fs.writeFileSync(path.join(artifacts, "informe.json"), JSON.stringify(report, null, 2) + "\n");
console.log(
  `${pages.size} páginas y ${assets.size} recursos revisados en ${report.segundos.toFixed(1)} s; ` +
    `capturas en ${path.join(artifacts, "capturas")}`,
);
if (failures.length > 0) {
  console.log(`\n${failures.length} fallo(s):`);
  for (const f of failures) console.log(`- ${f}`);
  process.exit(1);
}
console.log("Sin fallos.");
process.exit(0);

/** Opens one page: console, requests, screenshot, axe; returns its links and ids. */
async function visit(page) {
  const tab = await context.newPage();
  const where = page;
  tab.on("console", (msg) => {
    if (msg.type() === "error") fail(where, `error de consola: ${msg.text()}`);
  });
  tab.on("pageerror", (err) => fail(where, `error de la página: ${err.message}`));
  tab.on("requestfailed", (req) => {
    const url = req.url();
    const why = req.failure()?.errorText ?? "";
    if (new URL(url).origin !== origin) fail(where, `petición fuera de 127.0.0.1: ${url}`);
    else fail(where, `petición fallida ${rel(url)} (${why})`);
  });
  tab.on("response", (res) => {
    if (res.status() !== 200) fail(where, `${rel(res.url())} responde ${res.status()}`);
  });
  let found = null;
  const t0 = Date.now();
  try {
    const res = await tab.goto(base + page, { waitUntil: "load" });
    if (res && res.status() === 200) {
      timings[page] = { carga: Date.now() - t0 };
      const shot = path.join(artifacts, "capturas", page.replaceAll("/", "__") + ".png");
      await tab.screenshot({ path: shot, fullPage: true });
      timings[page].captura = Date.now() - t0;
      await axe(tab, where);
      timings[page].axe = Date.now() - t0;
      for (const label of await tab.evaluate(lowContrastLabels)) {
        fail(where, `contraste insuficiente en un gráfico: ${label}`);
      }
      timings[page].contraste = Date.now() - t0;
      found = await tab.evaluate(() => ({
        ids: [...document.querySelectorAll("[id]")].map((e) => e.id),
        links: [
          ...[...document.querySelectorAll("a[href], link[href]")].map((e) => e.href),
          ...[...document.querySelectorAll("img[src], script[src], source[src]")].map((e) => e.src),
        ],
      }));
    }
  } catch (err) {
    fail(where, `no se pudo abrir: ${err.message}`);
  }
  await tab.close();
  return found;
}

/** Sorts one link of `from`: HTML pages are crawled, other internal files fetched. */
function classify(from, link) {
  const url = new URL(link);
  if (url.protocol === "mailto:") return;
  if (url.origin !== origin) {
    fail(from, `enlace o recurso fuera del sitio: ${link}`);
    return;
  }
  if (!url.pathname.startsWith(SUBPATH)) {
    fail(from, `enlace que se sale de la subruta ${SUBPATH}: ${url.pathname}`);
    return;
  }
  const target = decodeURIComponent(url.pathname.slice(SUBPATH.length));
  if (target === "" || target.endsWith("/")) {
    fail(from, `enlace a una carpeta (${url.pathname}): no funciona desde file://`);
  } else if (target.endsWith(".html")) {
    if (url.hash) fragments.push({ from, target, id: url.hash.slice(1) });
    if (!pages.has(target)) queue.push(target);
  } else if (!assets.has(target)) {
    assets.set(target, from);
  }
}

async function axe(tab, where) {
  await tab.addScriptTag({ content: axeSource });
  const violations = await tab.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
      count: v.nodes.length,
    }));
  });
  axeChecked += 1;
  for (const v of violations) axeAll.push({ pagina: where, ...v });
  for (const v of violations.filter((v) => AXE_IMPACTS.has(v.impact))) {
    fail(where, `axe ${v.impact} ${v.id} (${v.help}) en ${v.count} nodo(s): ${v.nodes.join(" | ")}`);
  }
}

/** index.html opened from disk must load with its stylesheet, as over HTTP. */
async function checkFileUrl() {
  const styles = async (tab) =>
    tab.evaluate(() => {
      const pick = (sel, props) => {
        const el = document.querySelector(sel);
        if (!el) return null;
        const cs = getComputedStyle(el);
        return props.map((p) => `${sel} ${p}=${cs.getPropertyValue(p)}`);
      };
      return [
        pick("body", ["font-family", "line-height", "margin-top"]),
        pick("header", ["background-color", "padding-top"]),
        pick("main", ["max-width"]),
        pick("h1", ["color", "font-size"]),
      ].flat();
    });
  const http = await context.newPage();
  await http.goto(base + "index.html", { waitUntil: "load" });
  const expected = await styles(http);
  await http.close();

  const tab = await context.newPage();
  const where = "file://index.html";
  const problems = [];
  tab.on("requestfailed", (req) => problems.push(`petición fallida ${req.url()}`));
  tab.on("console", (msg) => msg.type() === "error" && problems.push(msg.text()));
  await tab.goto(pathToFileURL(path.join(site, "index.html")).href, { waitUntil: "load" });
  const sheets = await tab.evaluate(() => document.styleSheets.length);
  const got = await styles(tab);
  await tab.screenshot({ path: path.join(artifacts, "capturas", "file__index.html.png"), fullPage: true });
  await tab.close();
  for (const p of problems) fail(where, p);
  if (sheets === 0) fail(where, "no se cargó ninguna hoja de estilo");
  const differ = got.filter((s, i) => s !== expected[i]);
  if (differ.length > 0) fail(where, `el estilo no coincide con el servido por HTTP: ${differ.join("; ")}`);
}

/** Nu HTML Checker over every .html file of the site; returns the number of errors. */
function validateHtml() {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith(".html")) files.push(p);
    }
  };
  walk(site);
  files.sort();
  const jar = path.join(here, "node_modules/vnu-jar/build/dist/vnu.jar");
  const run = spawnSync("java", ["-jar", jar, "--errors-only", "--format", "json", ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) {
    fail("vnu", `no se pudo ejecutar java: ${run.error.message}`);
    return 0;
  }
  let messages;
  try {
    messages = JSON.parse(run.stderr).messages;
  } catch {
    fail("vnu", `salida inesperada (código ${run.status}): ${run.stderr.slice(0, 2000)}`);
    return 0;
  }
  const errors = messages.filter((m) => m.type === "error" || m.type === "non-document-error");
  for (const m of errors) {
    const file = m.url ? path.relative(site, fileURLToPath(m.url)) : "vnu";
    fail(`vnu ${file}:${m.lastLine ?? "?"}`, m.message);
  }
  if (errors.length === 0 && run.status !== 0) fail("vnu", `terminó con código ${run.status}`);
  return errors.length;
}
