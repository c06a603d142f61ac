// `node:path`: the POSIX half of Node 20's lib/path.js, ported function by function so that
// every edge ("" and ".", trailing and doubled slashes, ".." above the root, dotfiles) comes
// out as Node's does. The playground's server runs as on Linux (process.platform "linux",
// the file /app/server.js), so `path` is `path.posix`, as on Linux. `path.win32` is a stub
// whose functions say so: Windows paths (drive letters, UNC shares, device names) are another
// thousand lines that a server here has no use for. `matchesGlob` (experimental in Node 20,
// built on minimatch) is left out.
//
// Ported from Node.js lib/path.js, Copyright Joyent, Inc. and other Node contributors, under
// the MIT license (https://github.com/nodejs/node/blob/v20.x/LICENSE).

import { nodeError, validateObject, validateString } from "./errors.mjs";

const SLASH = 47; // "/"
const DOT = 46; // "."

/** Resolves "." and ".." segments of `path`; ".." above the start is kept when `allowAboveRoot`. */
function normalizeString(path, allowAboveRoot) {
  let res = "";
  let lastSegmentLength = 0;
  let lastSlash = -1;
  let dots = 0;
  let code = 0;
  for (let i = 0; i <= path.length; ++i) {
    if (i < path.length) code = path.charCodeAt(i);
    else if (code === SLASH) break;
    else code = SLASH;

    if (code === SLASH) {
      if (lastSlash === i - 1 || dots === 1) {
        // An empty segment or ".": nothing to add.
      } else if (dots === 2) {
        if (res.length < 2 || lastSegmentLength !== 2 || res.charCodeAt(res.length - 1) !== DOT || res.charCodeAt(res.length - 2) !== DOT) {
          if (res.length > 2) {
            const lastSlashIndex = res.lastIndexOf("/");
            if (lastSlashIndex === -1) {
              res = "";
              lastSegmentLength = 0;
            } else {
              res = res.slice(0, lastSlashIndex);
              lastSegmentLength = res.length - 1 - res.lastIndexOf("/");
            }
            lastSlash = i;
            dots = 0;
            continue;
          } else if (res.length !== 0) {
            res = "";
            lastSegmentLength = 0;
            lastSlash = i;
            dots = 0;
            continue;
          }
        }
        if (allowAboveRoot) {
          res += res.length > 0 ? "/.." : "..";
          lastSegmentLength = 2;
        }
      } else {
        if (res.length > 0) res += `/${path.slice(lastSlash + 1, i)}`;
        else res = path.slice(lastSlash + 1, i);
        lastSegmentLength = i - lastSlash - 1;
      }
      lastSlash = i;
      dots = 0;
    } else if (code === DOT && dots !== -1) {
      ++dots;
    } else {
      dots = -1;
    }
  }
  return res;
}

function formatExt(ext) {
  return ext ? `${ext[0] === "." ? "" : "."}${ext}` : "";
}

/** `path.format`, bound to its separator as Node binds it (its name is "bound _format"). */
function _format(sep, pathObject) {
  validateObject(pathObject, "pathObject");
  const dir = pathObject.dir || pathObject.root;
  const base = pathObject.base || `${pathObject.name || ""}${formatExt(pathObject.ext)}`;
  if (!dir) return base;
  return dir === pathObject.root ? `${dir}${base}` : `${dir}${sep}${base}`;
}

/**
 * Where `name` ends and its extension starts, scanning back from the end of `path` down to
 * `start` as Node's extname and parse do: `{ startDot, startPart, end, noExt }`, `noExt` when
 * the last segment has no extension (no dot, a leading dot only, or "..").
 */
function scanLastSegment(path, start) {
  let startDot = -1;
  let startPart = 0;
  let end = -1;
  let matchedSlash = true;
  // The characters before the first dot after the last separator: 0 none yet, 1 dots only,
  // -1 something else (so the dot starts an extension).
  let preDotState = 0;
  for (let i = path.length - 1; i >= start; --i) {
    const code = path.charCodeAt(i);
    if (code === SLASH) {
      // A separator that ends the segment, not one of the trailing ones.
      if (!matchedSlash) {
        startPart = i + 1;
        break;
      }
      continue;
    }
    if (end === -1) {
      matchedSlash = false;
      end = i + 1;
    }
    if (code === DOT) {
      if (startDot === -1) startDot = i;
      else if (preDotState !== 1) preDotState = 1;
    } else if (startDot !== -1) {
      preDotState = -1;
    }
  }
  const noExt = startDot === -1 || end === -1 || preDotState === 0 || (preDotState === 1 && startDot === end - 1 && startDot === startPart + 1);
  return { startDot, startPart, end, noExt };
}

/** The stub `path.win32`: every function says the playground runs as on Linux. */
function win32Stub(posix) {
  const names = ["resolve", "normalize", "isAbsolute", "join", "relative", "toNamespacedPath", "dirname", "basename", "extname", "format", "parse"];
  const win32 = { sep: "\\", delimiter: ";", win32: null, posix };
  for (const name of names) {
    win32[name] = {
      [name]() {
        throw nodeError(
          Error,
          "ERR_PLAYGROUND_UNSUPPORTED",
          `The playground does not provide path.win32.${name}(): your server runs as on Linux (process.platform is "linux"), where path is path.posix; use path.${name}().`,
        );
      },
    }[name];
  }
  win32.win32 = win32;
  win32._makeLong = win32.toNamespacedPath;
  return win32;
}

/** The `path` module of a program whose `process.cwd()` is `cwd()` (read at each resolve). */
export function createPath(cwd) {
  const posix = {
    resolve(...args) {
      let resolvedPath = "";
      let resolvedAbsolute = false;
      for (let i = args.length - 1; i >= 0 && !resolvedAbsolute; i--) {
        const path = args[i];
        validateString(path, `paths[${i}]`);
        if (path.length === 0) continue;
        resolvedPath = `${path}/${resolvedPath}`;
        resolvedAbsolute = path.charCodeAt(0) === SLASH;
      }
      if (!resolvedAbsolute) {
        const dir = cwd();
        resolvedPath = `${dir}/${resolvedPath}`;
        resolvedAbsolute = dir.charCodeAt(0) === SLASH;
      }
      resolvedPath = normalizeString(resolvedPath, !resolvedAbsolute);
      if (resolvedAbsolute) return `/${resolvedPath}`;
      return resolvedPath.length > 0 ? resolvedPath : ".";
    },

    normalize(path) {
      validateString(path, "path");
      if (path.length === 0) return ".";
      const isAbsolute = path.charCodeAt(0) === SLASH;
      const trailingSeparator = path.charCodeAt(path.length - 1) === SLASH;
      path = normalizeString(path, !isAbsolute);
      if (path.length === 0) {
        if (isAbsolute) return "/";
        return trailingSeparator ? "./" : ".";
      }
      if (trailingSeparator) path += "/";
      return isAbsolute ? `/${path}` : path;
    },

    isAbsolute(path) {
      validateString(path, "path");
      return path.length > 0 && path.charCodeAt(0) === SLASH;
    },

    join(...args) {
      if (args.length === 0) return ".";
      const path = [];
      for (const arg of args) {
        validateString(arg, "path");
        if (arg.length > 0) path.push(arg);
      }
      if (path.length === 0) return ".";
      return posix.normalize(path.join("/"));
    },

    relative(from, to) {
      validateString(from, "from");
      validateString(to, "to");
      if (from === to) return "";
      from = posix.resolve(from);
      to = posix.resolve(to);
      if (from === to) return "";

      // Both start with "/": compare what follows.
      const fromStart = 1;
      const fromEnd = from.length;
      const fromLen = fromEnd - fromStart;
      const toStart = 1;
      const toLen = to.length - toStart;

      // The longest common path from the root.
      const length = fromLen < toLen ? fromLen : toLen;
      let lastCommonSep = -1;
      let i = 0;
      for (; i < length; i++) {
        const fromCode = from.charCodeAt(fromStart + i);
        if (fromCode !== to.charCodeAt(toStart + i)) break;
        else if (fromCode === SLASH) lastCommonSep = i;
      }
      if (i === length) {
        if (toLen > length) {
          // `from` is the base of `to` ("/foo/bar" and "/foo/bar/baz"), or the root.
          if (to.charCodeAt(toStart + i) === SLASH) return to.slice(toStart + i + 1);
          if (i === 0) return to.slice(toStart + i);
        } else if (fromLen > length) {
          // `to` is the base of `from` ("/foo/bar/baz" and "/foo/bar"), or the root.
          if (from.charCodeAt(fromStart + i) === SLASH) lastCommonSep = i;
          else if (i === 0) lastCommonSep = 0;
        }
      }

      // One ".." per segment of `from` after the common part, then the rest of `to`.
      let out = "";
      for (i = fromStart + lastCommonSep + 1; i <= fromEnd; ++i) {
        if (i === fromEnd || from.charCodeAt(i) === SLASH) out += out.length === 0 ? ".." : "/..";
      }
      return `${out}${to.slice(toStart + lastCommonSep)}`;
    },

    /** Nothing to do on POSIX. */
    toNamespacedPath(path) {
      return path;
    },

    dirname(path) {
      validateString(path, "path");
      if (path.length === 0) return ".";
      const hasRoot = path.charCodeAt(0) === SLASH;
      let end = -1;
      let matchedSlash = true;
      for (let i = path.length - 1; i >= 1; --i) {
        if (path.charCodeAt(i) === SLASH) {
          if (!matchedSlash) {
            end = i;
            break;
          }
        } else {
          matchedSlash = false;
        }
      }
      if (end === -1) return hasRoot ? "/" : ".";
      if (hasRoot && end === 1) return "//";
      return path.slice(0, end);
    },

    basename(path, suffix) {
      if (suffix !== undefined) validateString(suffix, "suffix");
      validateString(path, "path");
      if (suffix !== undefined && suffix.length > 0 && suffix.length <= path.length) return basenameWithout(path, suffix);
      let start = 0;
      let end = -1;
      let matchedSlash = true;
      for (let i = path.length - 1; i >= 0; --i) {
        if (path.charCodeAt(i) === SLASH) {
          if (!matchedSlash) {
            start = i + 1;
            break;
          }
        } else if (end === -1) {
          matchedSlash = false;
          end = i + 1;
        }
      }
      if (end === -1) return "";
      return path.slice(start, end);
    },

    extname(path) {
      validateString(path, "path");
      const { startDot, end, noExt } = scanLastSegment(path, 0);
      return noExt ? "" : path.slice(startDot, end);
    },

    format: _format.bind(null, "/"),

    parse(path) {
      validateString(path, "path");
      const ret = { root: "", dir: "", base: "", ext: "", name: "" };
      if (path.length === 0) return ret;
      const isAbsolute = path.charCodeAt(0) === SLASH;
      if (isAbsolute) ret.root = "/";
      const { startDot, startPart, end, noExt } = scanLastSegment(path, isAbsolute ? 1 : 0);
      if (end !== -1) {
        const start = startPart === 0 && isAbsolute ? 1 : startPart;
        if (noExt) {
          ret.base = ret.name = path.slice(start, end);
        } else {
          ret.name = path.slice(start, startDot);
          ret.base = path.slice(start, end);
          ret.ext = path.slice(startDot, end);
        }
      }
      if (startPart > 0) ret.dir = path.slice(0, startPart - 1);
      else if (isAbsolute) ret.dir = "/";
      return ret;
    },

    sep: "/",
    delimiter: ":",
    win32: null,
    posix: null,
  };
  posix.posix = posix;
  posix.win32 = win32Stub(posix);
  // Legacy internal API, documented as deprecated (DEP0080).
  posix._makeLong = posix.toNamespacedPath;
  return posix;
}

/** `basename(path, suffix)` for a non-empty `suffix` no longer than `path`. */
function basenameWithout(path, suffix) {
  if (suffix === path) return "";
  let start = 0;
  let end = -1;
  let matchedSlash = true;
  let extIdx = suffix.length - 1;
  let firstNonSlashEnd = -1;
  for (let i = path.length - 1; i >= 0; --i) {
    const code = path.charCodeAt(i);
    if (code === SLASH) {
      if (!matchedSlash) {
        start = i + 1;
        break;
      }
    } else {
      if (firstNonSlashEnd === -1) {
        // The end of the name, should the suffix not match.
        matchedSlash = false;
        firstNonSlashEnd = i + 1;
      }
      if (extIdx >= 0) {
        if (code === suffix.charCodeAt(extIdx)) {
          // The whole suffix matched: the name ends where it starts.
          if (--extIdx === -1) end = i;
        } else {
          // A mismatch: the name is the whole segment.
          extIdx = -1;
          end = firstNonSlashEnd;
        }
      }
    }
  }
  if (start === end) end = firstNonSlashEnd;
  else if (end === -1) end = path.length;
  return path.slice(start, end);
}
