// Prueba de extremo a extremo del sitio público generado por `ssme build`.
//
// Uso: node e2e.mjs <carpeta del sitio> <carpeta de artefactos> [carpetas de fichas…]
//
// Sirve el sitio por HTTP en 127.0.0.1 bajo una subruta (/publicado/sitio/), lo recorre desde
// index.html siguiendo todo enlace interno y abre cada página en Chromium headless (el de
// Debian, /usr/bin/chromium): sin errores de consola, sin peticiones fallidas ni fuera de
// 127.0.0.1, todo enlace y recurso responde 200, captura de pantalla de cada página y axe-core
// sin infracciones graves. Después abre index.html desde file:// y pasa el Nu HTML Checker
// (vnu) por todos los .html. Cada página, y cada ficha privada y su índice (abiertos desde
// file://), se revisa a 390 px (un teléfono) y a 1.366 px: el documento no es más ancho que la
// ventana y ningún texto de gráfico ni de tabla se ve por debajo de 11 px; una captura por
// página y ancho. Sale con código 1 y un informe si algo falla.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { chromium } from "playwright-core";

import { serve } from "./server.mjs";
import { lowContrastLabels } from "./svg-contrast.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const [siteArg, artifactsArg, ...cardDirs] = process.argv.slice(2);
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
// A phone and a common laptop; the smallest text any chart or table may show, in CSS px.
const WIDTHS = [390, 1366];
const MIN_TEXT_PX = 11;
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
const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
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
const layouts = {}; // página → { ancho: { documento, texto_minimo } }

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
const cards = await checkCards();
await browser.close();
server.close();
const vnuErrors = validateHtml();

const report = {
  sitio: site,
  servido_en: base,
  paginas: [...pages.keys()],
  recursos: [...assets.keys()],
  paginas_con_axe: axeChecked,
  fichas: cards,
  diseno: layouts,
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
      await checkLayout(tab, page, where);
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

/**
 * At each width: a full-page screenshot, the document no wider than the viewport, and no chart
 * or table text rendered under MIN_TEXT_PX. Closed <details> are opened for the measure (after
 * the screenshot), so the data tables behind "Ver los datos" are measured too. Leaves the tab
 * at the widest width with its <details> as they were.
 */
async function checkLayout(tab, name, where) {
  layouts[name] = {};
  for (const width of WIDTHS) {
    await tab.setViewportSize({ width, height: 900 });
    const shot = path.join(artifacts, "capturas", `${name.replaceAll("/", "__")}@${width}.png`);
    await tab.screenshot({ path: shot, fullPage: true });
    const m = await tab.evaluate(measureLayout);
    layouts[name][width] = { documento: m.width, texto_minimo: m.smallest };
    if (m.width > width) fail(where, `a ${width} px el documento mide ${m.width} px de ancho`);
    for (const t of m.small) {
      fail(where, `a ${width} px un texto de ${t.what} se ve de ${t.px} px (< ${MIN_TEXT_PX}): «${t.text}»`);
    }
  }
}

/** Runs in the page: document width, and chart/table texts smaller than the minimum. */
function measureLayout() {
  const MIN = 11;
  const closed = [...document.querySelectorAll("details:not([open])")];
  closed.forEach((d) => (d.open = true));
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const hidden = (el) => el.closest(".solo-lector, [aria-hidden='true'] > title, title, desc");
  const sizes = [];
  for (const t of document.querySelectorAll("svg text")) {
    if (!visible(t) || hidden(t) || !t.textContent.trim()) continue;
    const ctm = t.getScreenCTM();
    if (!ctm) continue;
    // The computed font size is in the SVG's user units; the CTM scales them to CSS px.
    const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b);
    sizes.push({ what: "gráfico", px, text: t.textContent.trim() });
  }
  for (const el of document.querySelectorAll("table, table *")) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !visible(el) || el.closest(".solo-lector")) continue;
    const px = parseFloat(getComputedStyle(el).fontSize);
    sizes.push({ what: "tabla", px, text: el.textContent.trim().slice(0, 60) });
  }
  closed.forEach((d) => (d.open = false));
  const small = sizes
    .filter((s) => s.px < MIN - 0.01)
    .slice(0, 5)
    .map((s) => ({ ...s, px: Math.round(s.px * 100) / 100 }));
  const smallest = sizes.reduce((m, s) => Math.min(m, s.px), Infinity);
  return {
    width: document.documentElement.scrollWidth,
    smallest: Number.isFinite(smallest) ? Math.round(smallest * 100) / 100 : null,
    small,
  };
}

/** Every private card and its index, from file:// as the analyst opens them. */
async function checkCards() {
  const seen = [];
  for (const dir of cardDirs) {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".html")).sort();
    if (!files.includes("index.html")) fail(dir, "no hay índice de fichas (index.html)");
    const label = path.basename(path.dirname(path.resolve(dir)));
    for (let i = 0; i < files.length; i += TABS) {
      await Promise.all(
        files.slice(i, i + TABS).map(async (file) => {
          const name = `${label}/fichas/${file}`;
          const tab = await context.newPage();
          tab.on("console", (msg) => msg.type() === "error" && fail(name, `error de consola: ${msg.text()}`));
          tab.on("pageerror", (err) => fail(name, `error de la página: ${err.message}`));
          try {
            await tab.goto(pathToFileURL(path.join(dir, file)).href, { waitUntil: "load" });
            await checkLayout(tab, name, name);
          } catch (err) {
            fail(name, `no se pudo abrir: ${err.message}`);
          }
          await tab.close();
          seen.push(name);
        }),
      );
    }
  }
  return seen.sort();
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
