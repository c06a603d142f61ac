// App settings as Express 5 keeps them: `app.set()` compiles the settings that have a derived
// function (`etag fn`, `query parser fn`), and a mounted app's settings inherit from its
// parent's through the prototype chain.

import { parseQuerySimple } from "./request.mjs";

/** Marks the built-in ETag generators so `res.send` can let the engine compute them. */
export const weakETag = Object.assign(() => undefined, { kind: "weak" });
export const strongETag = Object.assign(() => undefined, { kind: "strong" });

/** `compileETag` of Express's utils. */
export function compileETag(val) {
  if (typeof val === "function") return val;
  switch (val) {
    case true:
    case "weak":
      return weakETag;
    case false:
      return undefined;
    case "strong":
      return strongETag;
    default:
      throw new TypeError(`unknown value for etag function: ${val}`);
  }
}

/** `compileQueryParser`: the simple parser is Node's querystring, extended is `qs`. */
export function compileQueryParser(val, extended) {
  if (typeof val === "function") return val;
  switch (val) {
    case true:
    case "simple":
      return parseQuerySimple;
    case false:
      return undefined;
    case "extended":
      return extended;
    default:
      throw new TypeError(`unknown value for query parser function: ${val}`);
  }
}

/** Express 5's `defaultConfiguration`, in its order. */
export function defaultSettings(app, env) {
  app.enable("x-powered-by");
  app.set("etag", "weak");
  app.set("env", env);
  app.set("query parser", "simple");
  app.set("subdomain offset", 2);
  app.set("trust proxy", false);
  app.set("view", View);
  app.set("views", "/app/views");
  app.set("jsonp callback name", "callback");
  if (env === "production") app.enable("view cache");
}

/** Named ranges of `proxy-addr`. */
const NAMED_RANGES = {
  linklocal: ["169.254.0.0/16", "fe80::/10"],
  loopback: ["127.0.0.1/8", "::1/128"],
  uniquelocal: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
};

/** Parses an IPv4 or IPv6 address into 16 bytes (IPv4 as IPv4-mapped IPv6), or null. */
function ipBytes(addr) {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(addr)) {
    const parts = addr.split(".").map(Number);
    if (parts.some((p) => p > 255)) return null;
    return [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...parts];
  }
  if (!addr.includes(":")) return null;
  let head = addr;
  let v4 = [];
  const m = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(addr);
  if (m) {
    const b = ipBytes(m[2]);
    if (!b) return null;
    v4 = b.slice(12);
    head = m[1] + "0:0";
  }
  const [l, r] = head.split("::");
  const groups = (s) => (s ? s.split(":").filter((g) => g !== "") : []);
  const left = groups(l);
  const right = head.includes("::") ? groups(r) : [];
  const fill = 8 - left.length - right.length;
  if (fill < 0 || (!head.includes("::") && fill !== 0)) return null;
  const words = [...left, ...Array(fill).fill("0"), ...right].map((g) => parseInt(g, 16));
  const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
  if (v4.length) bytes.splice(12, 4, ...v4);
  return bytes;
}

function subnet(spec) {
  const [addr, bitsText] = spec.split("/");
  const bytes = ipBytes(addr);
  if (!bytes) throw new TypeError(`invalid IP address: ${addr}`);
  const v4 = /^\d+\.\d+\.\d+\.\d+$/.test(addr);
  let bits = bitsText === undefined ? 128 : Number(bitsText) + (v4 ? 96 : 0);
  if (bitsText !== undefined && v4 && bitsText.includes(".")) {
    const mask = ipBytes(bitsText).slice(12);
    bits = 96 + mask.reduce((n, b) => n + b.toString(2).replace(/0/g, "").length, 0);
  }
  return { bytes, bits };
}

function inSubnet(addrBytes, { bytes, bits }) {
  for (let i = 0; i < 16; i++) {
    const take = Math.max(0, Math.min(8, bits - i * 8));
    const mask = (0xff << (8 - take)) & 0xff;
    if ((addrBytes[i] & mask) !== (bytes[i] & mask)) return false;
  }
  return true;
}

/** `compileTrust` of Express (with `proxy-addr`'s `compile` for address lists). */
export function compileTrust(val) {
  if (typeof val === "function") return val;
  if (val === true) return () => true;
  if (typeof val === "number") return (a, i) => i < val;
  let list = typeof val === "string" ? val.split(",").map((v) => v.trim()) : val || [];
  list = list.flatMap((v) => NAMED_RANGES[v] ?? [v]);
  const subnets = list.map(subnet);
  if (subnets.length === 0) return () => false;
  return (addr) => {
    const b = ipBytes(addr);
    return !!b && subnets.some((s) => inSubnet(b, s));
  };
}

/** The view engine is not part of the playground: rendering says so plainly. */
export class View {
  constructor(name) {
    throw new Error(`Failed to lookup view "${name}": the playground has no views folder or template engine; send HTML with res.send() instead.`);
  }
}
