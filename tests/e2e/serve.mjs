// A tiny static server that serves a built site under a URL sub-path, the way a project site is
// published (https://<user>.github.io/docs/playground/), so the tests catch absolute-path bugs.
//
//   node tests/e2e/serve.mjs <dir> [--base /docs/playground/] [--port 0]

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

/**
 * Answers with the request's Cookie header, or with a JS module when asked `?module`;
 * `<path>/last` answers with the Cookie header the previous probe request carried.
 */
export const PROBE_COOKIE_PATH = "/__probe/cookie";

export const MIME_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".webmanifest": "application/manifest+json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".xml": "application/xml",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
};

/**
 * Serves `root` at `http://127.0.0.1:<port><base>`. A directory URL serves its index.html; a
 * missing file is a 404 (with the site's own 404.html as body when it has one, as GitHub Pages
 * does). Every answer carries `Cache-Control: no-store` so a rebuilt dist is never served stale.
 *
 * @param {string} root directory to serve
 * @param {{ base?: string, port?: number, host?: string }} [opts]
 * @returns {Promise<{ url: string, origin: string, port: number, close: () => Promise<void> }>}
 */
export async function serve(root, { base = "/docs/playground/", port = 0, host = "127.0.0.1" } = {}) {
  const rootDir = resolve(root);
  const prefix = `/${base.replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/");

  let lastProbeCookie = "(no request)";
  const server = createServer(async (req, res) => {
    const send = (status, headers, body) => {
      res.writeHead(status, { "cache-control": "no-store", ...headers });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") {
      return send(405, { allow: "GET, HEAD", "content-type": "text/plain" }, "method not allowed\n");
    }
    const pathname = new URL(req.url, "http://x").pathname;
    // For the sandbox tests: which cookies a request carried, so a test can prove that code in
    // the worker cannot send the page's cookies. Outside the site's prefix, so no file shadows it.
    if (pathname === PROBE_COOKIE_PATH) {
      lastProbeCookie = req.headers.cookie ?? "(no cookie)";
      const module = new URL(req.url, "http://x").searchParams.has("module");
      const type = module ? "text/javascript" : "text/plain; charset=utf-8";
      return send(200, { "content-type": type }, module ? "export default 1;" : lastProbeCookie);
    }
    if (pathname === `${PROBE_COOKIE_PATH}/last`) {
      return send(200, { "content-type": "text/plain; charset=utf-8" }, lastProbeCookie);
    }
    if (pathname === prefix.slice(0, -1)) {
      return send(301, { location: prefix }, "");
    }
    const file = pathname.startsWith(prefix) ? await resolveFile(rootDir, pathname.slice(prefix.length)) : null;
    if (file === "directory") {
      return send(301, { location: `${pathname}/` }, "");
    }
    if (!file) {
      const page404 = await resolveFile(rootDir, "404.html");
      if (page404 && page404 !== "directory") return stream(req, res, 404, page404);
      return send(404, { "content-type": "text/plain; charset=utf-8" }, `not found: ${pathname}\n`);
    }
    stream(req, res, 200, file);
  });

  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, ok);
  });
  const actualPort = server.address().port;
  const origin = `http://${host}:${actualPort}`;
  return {
    url: origin + prefix,
    origin,
    port: actualPort,
    close: () => new Promise((ok) => {
      server.close(() => ok());
      server.closeAllConnections();
    }),
  };
}

/** The file for a URL path inside `rootDir`, "directory" for a directory without its slash, or null. */
async function resolveFile(rootDir, relative) {
  let decoded;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const wantsIndex = decoded === "" || decoded.endsWith("/");
  const path = resolve(rootDir, `.${sep}${decoded}`, wantsIndex ? "index.html" : "");
  if (path !== rootDir && !path.startsWith(rootDir + sep)) return null;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return wantsIndex ? null : "directory";
    return info.isFile() ? { path, size: info.size } : null;
  } catch {
    return null;
  }
}

function stream(req, res, status, file) {
  res.writeHead(status, {
    "content-type": MIME_TYPES[extname(file.path).toLowerCase()] ?? "application/octet-stream",
    "content-length": file.size,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  if (req.method === "HEAD") return res.end();
  createReadStream(file.path).on("error", () => res.destroy()).pipe(res);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { base: { type: "string", default: "/docs/playground/" }, port: { type: "string", default: "0" } },
  });
  if (positionals.length !== 1) {
    console.error("usage: node tests/e2e/serve.mjs <dir> [--base /docs/playground/] [--port 0]");
    process.exit(2);
  }
  const site = await serve(positionals[0], { base: values.base, port: Number(values.port) });
  console.log(`serving ${resolve(positionals[0])} at ${site.url}`);
}
