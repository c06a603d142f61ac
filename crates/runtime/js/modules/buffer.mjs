// `Buffer` for learner code: Node's own where it exists (the Node package), otherwise a small
// `Uint8Array` subclass with the basics learners use — `from`, `alloc`, `concat`, `byteLength`,
// `isBuffer` and `toString('utf8'|'hex'|'base64'|'base64url'|'latin1')` — decoding as leniently
// as Node does (hex stops at the first bad pair, base64 skips stray characters and stops at `=`).

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_VALUE = new Map([...B64].map((c, i) => [c, i]).concat([["-", 62], ["_", 63]]));

function normalize(encoding) {
  const e = String(encoding ?? "utf8").toLowerCase();
  if (e === "utf8" || e === "utf-8") return "utf8";
  if (e === "binary") return "latin1";
  if (["hex", "base64", "base64url", "latin1", "ascii"].includes(e)) return e;
  throw new TypeError(`Unknown encoding: ${encoding}`);
}

function encode(string, encoding) {
  switch (normalize(encoding)) {
    case "utf8":
      return new TextEncoder().encode(string);
    case "hex": {
      const out = [];
      for (let i = 0; i + 1 < string.length; i += 2) {
        const byte = parseInt(string.slice(i, i + 2), 16);
        if (!/^[0-9a-f]{2}$/i.test(string.slice(i, i + 2))) break;
        out.push(byte);
      }
      return Uint8Array.from(out);
    }
    case "base64":
    case "base64url": {
      const out = [];
      let bits = 0;
      let acc = 0;
      for (const c of string) {
        if (c === "=") break;
        const v = B64_VALUE.get(c);
        if (v === undefined) continue;
        acc = (acc << 6) | v;
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          out.push((acc >> bits) & 0xff);
        }
      }
      return Uint8Array.from(out);
    }
    default:
      return Uint8Array.from(string, (c) => c.charCodeAt(0) & 0xff);
  }
}

function decode(bytes, encoding) {
  switch (normalize(encoding)) {
    case "utf8":
      return new TextDecoder().decode(bytes);
    case "hex":
      return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    case "base64":
    case "base64url": {
      let out = "";
      for (let i = 0; i < bytes.length; i += 3) {
        const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
        const chars = [18, 12, 6, 0].map((s) => B64[(n >> s) & 63]);
        const kept = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
        out += chars.slice(0, kept).join("") + "=".repeat(4 - kept);
      }
      return encoding === "base64url" ? out.replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_") : out;
    }
    case "ascii":
      return String.fromCharCode(...Array.from(bytes, (b) => b & 0x7f));
    default:
      return Array.from(bytes, (b) => String.fromCharCode(b)).join("");
  }
}

/** The playground's `Buffer` where the JS engine has none (Web Workers). */
export class PlaygroundBuffer extends Uint8Array {
  static from(value, encodingOrOffset, length) {
    if (typeof value === "string") return PlaygroundBuffer.#wrap(encode(value, encodingOrOffset));
    if (value instanceof ArrayBuffer) return new PlaygroundBuffer(value, encodingOrOffset ?? 0, length ?? value.byteLength - (encodingOrOffset ?? 0));
    if (ArrayBuffer.isView(value)) return PlaygroundBuffer.#wrap(new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice());
    if (value && value.type === "Buffer" && Array.isArray(value.data)) return PlaygroundBuffer.#wrap(Uint8Array.from(value.data));
    if (Array.isArray(value) || (value && typeof value.length === "number")) return PlaygroundBuffer.#wrap(Uint8Array.from(value, (v) => Number(v) & 0xff));
    throw new TypeError(`The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received ${value === null ? "null" : typeof value}`);
  }

  static #wrap(bytes) {
    return new PlaygroundBuffer(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  static alloc(size, fill = 0, encoding) {
    const buf = new PlaygroundBuffer(size);
    if (typeof fill === "string") {
      const pattern = encode(fill, encoding);
      if (pattern.length) for (let i = 0; i < size; i++) buf[i] = pattern[i % pattern.length];
    } else if (fill) buf.fill(fill);
    return buf;
  }

  static allocUnsafe(size) {
    return new PlaygroundBuffer(size);
  }

  static isBuffer(value) {
    return value instanceof PlaygroundBuffer;
  }

  static isEncoding(encoding) {
    try {
      return typeof encoding === "string" && !!normalize(encoding);
    } catch {
      return false;
    }
  }

  static byteLength(value, encoding) {
    return typeof value === "string" ? encode(value, encoding).length : value.byteLength;
  }

  static concat(list, totalLength) {
    const total = totalLength ?? list.reduce((n, b) => n + b.length, 0);
    const out = PlaygroundBuffer.alloc(total);
    let at = 0;
    for (const b of list) {
      if (at >= total) break;
      out.set(b.subarray(0, total - at), at);
      at += Math.min(b.length, total - at);
    }
    return out;
  }

  static compare(a, b) {
    return a.compare(b);
  }

  toString(encoding = "utf8", start = 0, end = this.length) {
    return decode(this.subarray(start, end), encoding);
  }

  toJSON() {
    return { type: "Buffer", data: Array.from(this) };
  }

  equals(other) {
    return this.compare(other) === 0;
  }

  compare(other) {
    for (let i = 0; i < Math.min(this.length, other.length); i++) {
      if (this[i] !== other[i]) return this[i] < other[i] ? -1 : 1;
    }
    return Math.sign(this.length - other.length);
  }

  /** Node's `slice` shares memory, like `subarray`. */
  slice(start, end) {
    return this.subarray(start, end);
  }

  /** Node's `indexOf`: a string (in `encoding`), a Buffer or a byte, from `byteOffset`. */
  indexOf(value, byteOffset = 0, encoding) {
    return search(this, value, byteOffset, encoding, false);
  }

  lastIndexOf(value, byteOffset = this.length, encoding) {
    return search(this, value, byteOffset, encoding, true);
  }

  includes(value, byteOffset = 0, encoding) {
    return this.indexOf(value, byteOffset, encoding) !== -1;
  }

  write(string, offset = 0, length, encoding) {
    const bytes = encode(string, typeof length === "string" ? length : encoding);
    const n = Math.min(bytes.length, this.length - offset, typeof length === "number" ? length : Infinity);
    this.set(bytes.subarray(0, n), offset);
    return n;
  }
}

/** The bytes `value` stands for in a search: a string's encoding, a buffer's bytes, or a byte. */
function needle(value, encoding) {
  if (typeof value === "string") return encode(value, encoding);
  if (typeof value === "number") return Uint8Array.of(value & 0xff);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError(`The "value" argument must be one of type number or string or an instance of Buffer or Uint8Array. Received ${value === null ? "null" : typeof value}`);
}

/** `buf.indexOf` / `buf.lastIndexOf`: where the bytes of `value` first (or last) start. */
function search(buf, value, byteOffset, encoding, last) {
  if (typeof byteOffset === "string") [encoding, byteOffset] = [byteOffset, last ? buf.length : 0];
  const bytes = needle(value, encoding);
  let from = Number(byteOffset) || 0;
  if (from < 0) from = Math.max(0, buf.length + from);
  if (bytes.length === 0) return Math.min(from, buf.length);
  const matches = (at) => bytes.every((b, i) => buf[at + i] === b);
  if (last) {
    for (let at = Math.min(from, buf.length - bytes.length); at >= 0; at--) if (matches(at)) return at;
  } else {
    for (let at = from; at <= buf.length - bytes.length; at++) if (matches(at)) return at;
  }
  return -1;
}

/** Node's fixed-width integer readers and writers (`readUInt16BE`, `writeInt32LE`, ...). */
for (const [name, bytes, signed] of [["UInt8", 1, false], ["Int8", 1, true], ["UInt16", 2, false], ["Int16", 2, true], ["UInt32", 4, false], ["Int32", 4, true]]) {
  const get = `get${signed ? "Int" : "Uint"}${bytes * 8}`;
  const set = `set${signed ? "Int" : "Uint"}${bytes * 8}`;
  for (const end of bytes === 1 ? [""] : ["LE", "BE"]) {
    const view = (buf, offset) => {
      if (!Number.isInteger(offset) || offset < 0 || offset + bytes > buf.length) {
        throw new RangeError(`The value of "offset" is out of range. It must be >= 0 and <= ${buf.length - bytes}. Received ${offset}`);
      }
      return new DataView(buf.buffer, buf.byteOffset + offset, bytes);
    };
    const read = function (offset = 0) {
      return view(this, offset)[get](0, end === "LE");
    };
    const write = function (value, offset = 0) {
      view(this, offset)[set](0, value, end === "LE");
      return offset + bytes;
    };
    for (const n of [name, name.replace("UInt", "Uint")]) {
      PlaygroundBuffer.prototype[`read${n}${end}`] = read;
      PlaygroundBuffer.prototype[`write${n}${end}`] = write;
    }
  }
}

/** What learner code sees as `Buffer`. */
export const Buffer = globalThis.Buffer ?? PlaygroundBuffer;

/** The `buffer` module. */
export function createBufferModule() {
  return { default: { Buffer }, Buffer };
}
