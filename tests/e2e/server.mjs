// A tiny static server for the e2e test: serves `root` under `subpath` on 127.0.0.1 and an
// ephemeral port, so links that assume the site sits at the server root fail with 404.

import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".pdf": "application/pdf",
};

export function serve(root, subpath) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const file = url.pathname.startsWith(subpath)
      ? path.join(root, decodeURIComponent(url.pathname.slice(subpath.length)))
      : null;
    // Only regular files inside `root`; no directory listings or index fallbacks.
    const inside = file && (file + path.sep).startsWith(root + path.sep) && file !== root;
    if (!inside || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("no encontrado\n");
      return;
    }
    const type = TYPES[path.extname(file)] ?? "application/octet-stream";
    res.writeHead(200, { "content-type": type, "cache-control": "no-store" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const close = () => {
        server.close();
        server.closeAllConnections();
      };
      resolve({ port: server.address().port, close });
    });
  });
}
