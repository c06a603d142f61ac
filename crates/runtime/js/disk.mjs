// Files for a server that has no disk: `res.sendFile`, `res.download` and `express.static`
// behave as they do in Node when the file is not there. The checks `send` makes before it
// looks (a path that climbs out of its root is 403, a dotfile 404, a malformed one 400) are
// its own, and every lookup then fails as `fs.stat` fails: ENOENT, a 404 that Express passes
// to the callback or to `next(err)`, and that `express.static` falls through on. A playground
// note says once why nothing is ever found.

import { createError } from "./http-errors.mjs";
import { ioTurn } from "./scheduler.mjs";

/** send's UP_PATH_REGEXP: a `..` segment. */
const UP_PATH = /(?:^|[\\/])\.\.(?:[\\/]|$)/;

/** Node's error for a path `fs.stat` cannot find: libuv's, with no JavaScript frames. */
export function missingFile(path) {
  const message = `ENOENT: no such file or directory, stat '${path}'`;
  const err = new Error(message);
  Object.assign(err, { errno: -2, code: "ENOENT", syscall: "stat", path });
  Object.defineProperty(err, "stack", { value: `Error: ${message}`, configurable: true, writable: true });
  return err;
}

/**
 * send's `SendStream.pipe(res)` up to the first `fs.stat`, for `path` (URL-encoded, as send
 * gets it) under `opts.root`: calls `fail(err)` with the error send emits, at once for the
 * checks, on a later I/O turn for the lookup that finds nothing.
 */
export function sendStream(program, path, opts, fail) {
  const { wasm } = program;
  const posix = program.path;
  const error = (status, err) => fail(err ? createError(wasm, status, err, { expose: false }) : createError(wasm, status));
  let decoded;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return error(400);
  }
  if (decoded.includes("\0")) return error(400);
  const root = opts.root ? posix.resolve(opts.root) : null;
  let parts;
  if (root !== null) {
    if (decoded) decoded = posix.normalize(`./${decoded}`);
    if (UP_PATH.test(decoded)) return error(403);
    parts = decoded.split("/");
    decoded = posix.normalize(posix.join(root, decoded));
  } else {
    if (UP_PATH.test(decoded)) return error(403);
    parts = posix.normalize(decoded).split("/");
    decoded = posix.resolve(decoded);
  }
  if (parts.some((p) => p.length > 1 && p[0] === ".")) {
    const dotfiles = opts.dotfiles ?? "ignore";
    if (dotfiles === "deny") return error(403);
    if (dotfiles !== "allow") return error(404);
  }
  // With a trailing slash send looks for the index file (index.html by default) instead.
  const index = opts.index === undefined ? ["index.html"] : [].concat(opts.index || []);
  const looked = index.length && path.endsWith("/") ? posix.join(decoded, index[index.length - 1]) : decoded;
  program.host.note("the playground has no disk, so no file is ever found: res.sendFile, res.download and express.static answer as Node does for a missing file. Send the content from a route instead.");
  ioTurn().then(() => {
    if (!program.stopped) error(404, missingFile(looked));
  });
}

/**
 * serve-static's `serveStatic(root, options)`: its argument checks, and a middleware that
 * passes on what is not GET or HEAD (or answers 405), then asks `send` for the file, which is
 * never found: with `fallthrough` (the default) the request goes on to the next handler.
 */
export function serveStatic(program, root, options) {
  if (!root) throw new TypeError("root path required");
  if (typeof root !== "string") throw new TypeError("root path must be a string");
  const opts = Object.create(options || null);
  const fallthrough = opts.fallthrough !== false;
  if (opts.setHeaders && typeof opts.setHeaders !== "function") throw new TypeError("option setHeaders must be function");
  opts.root = program.path.resolve(root);
  return function serveStatic(req, res, next) {
    if (req.method !== "GET" && req.method !== "HEAD") {
      if (fallthrough) return next();
      res.statusCode = 405;
      res.setHeader("Allow", "GET, HEAD");
      res.setHeader("Content-Length", "0");
      res.end();
      return;
    }
    const forwardError = !fallthrough;
    let path = pathname(req.url);
    // A mount point asked for without its slash: send redirects a directory there.
    if (path === "/" && !pathname(req.originalUrl).endsWith("/")) path = "";
    sendStream(program, path, opts, (err) => {
      if (forwardError || !(err.statusCode < 500)) return next(err);
      next();
    });
  };
}

/** parseurl's pathname: the URL up to `?` or `#`. */
function pathname(url) {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}
