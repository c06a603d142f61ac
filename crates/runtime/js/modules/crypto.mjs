// `node:crypto`: the parts learners reach for — `randomUUID`, `randomBytes`, `randomInt`,
// `createHash` (with `copy()`), `createHmac`, `timingSafeEqual` — with Node's error codes and
// messages. Digests are the runtime's (`crypto.rs`); randomness is the JS engine's
// `getRandomValues`.

import { Buffer } from "./buffer.mjs";
import { nodeError as codedError, specificType } from "../node-errors.mjs";

/** A Node-style error: `TypeError [ERR_X]: message` in its stack, `code` set (when given). */
export function nodeError(Ctor, code, message) {
  return code ? codedError(Ctor, code, message) : new Ctor(message);
}

const received = (v) => ` Received ${specificType(v)}`;

/** The bytes of `data` as `update(data, encoding)` reads them. */
export function bytesOf(data, encoding, name = "data") {
  if (typeof data === "string") return Buffer.from(data, encoding);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "${name}" argument must be of type string or an instance of Buffer, TypedArray, or DataView.${received(data)}`);
}

/** How a Hash reads the bytes fed to it so far, for `copy()`. */
const kFed = Symbol("fed");

function randomFill(bytes) {
  for (let i = 0; i < bytes.length; i += 65536) globalThis.crypto.getRandomValues(bytes.subarray(i, i + 65536));
  return bytes;
}

/** `crypto.getHashes()` in Node 20 (OpenSSL 3): the playground lists those it computes. */
const NODE_HASHES =
  "RSA-MD5 RSA-RIPEMD160 RSA-SHA1 RSA-SHA1-2 RSA-SHA224 RSA-SHA256 RSA-SHA3-224 RSA-SHA3-256 RSA-SHA3-384 RSA-SHA3-512 RSA-SHA384 RSA-SHA512 RSA-SHA512/224 RSA-SHA512/256 RSA-SM3 blake2b512 blake2s256 " +
  "id-rsassa-pkcs1-v1_5-with-sha3-224 id-rsassa-pkcs1-v1_5-with-sha3-256 id-rsassa-pkcs1-v1_5-with-sha3-384 id-rsassa-pkcs1-v1_5-with-sha3-512 md5 md5-sha1 md5WithRSAEncryption ripemd ripemd160 ripemd160WithRSA rmd160 " +
  "sha1 sha1WithRSAEncryption sha224 sha224WithRSAEncryption sha256 sha256WithRSAEncryption sha3-224 sha3-256 sha3-384 sha3-512 sha384 sha384WithRSAEncryption sha512 sha512-224 sha512-224WithRSAEncryption " +
  "sha512-256 sha512-256WithRSAEncryption sha512WithRSAEncryption shake128 shake256 sm3 sm3WithRSAEncryption ssl3-md5 ssl3-sha1";

/** The `crypto` module for one program. */
export function createCrypto(wasm) {
  /** Bytes fed to `update()`, digested once at `digest()`. */
  class Digest {
    #chunks = [];
    #done = false;
    #compute;

    constructor(compute) {
      this.#compute = compute;
    }

    update(data, encoding) {
      if (this.#done) throw nodeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
      this.#chunks.push(Uint8Array.from(bytesOf(data, encoding)));
      return this;
    }

    digest(encoding) {
      if (this.#done) throw nodeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
      this.#done = true;
      const out = Buffer.from(this.#compute(Buffer.concat(this.#chunks)));
      return encoding === undefined || encoding === "buffer" ? out : out.toString(encoding);
    }

    /** The bytes fed so far, or null once digested (for `Hash#copy`). */
    [kFed]() {
      return this.#done ? null : this.#chunks;
    }
  }

  class Hash extends Digest {
    #algorithm;

    constructor(algorithm) {
      super((bytes) => wasm.cryptoHash(algorithm, bytes));
      this.#algorithm = algorithm;
    }

    /** A new Hash that has been fed the same bytes so far. */
    copy() {
      const fed = this[kFed]();
      if (fed === null) throw nodeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
      const twin = new Hash(this.#algorithm);
      for (const chunk of fed) twin.update(chunk);
      return twin;
    }
  }
  class Hmac extends Digest {}

  const knows = (algorithm) => wasm.cryptoHash(algorithm, new Uint8Array(0)) !== undefined;

  function createHash(algorithm) {
    if (typeof algorithm !== "string") throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "algorithm" argument must be of type string.${received(algorithm)}`);
    if (!knows(algorithm)) throw new Error("Digest method not supported");
    return new Hash(algorithm);
  }

  function createHmac(algorithm, key) {
    if (typeof algorithm !== "string") throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "hmac" argument must be of type string.${received(algorithm)}`);
    if (typeof key !== "string" && !ArrayBuffer.isView(key) && !(key instanceof ArrayBuffer)) {
      throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "key" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey.${received(key)}`);
    }
    if (!knows(algorithm)) throw nodeError(TypeError, "ERR_CRYPTO_INVALID_DIGEST", `Invalid digest: ${algorithm}`);
    const keyBytes = Uint8Array.from(bytesOf(key, "utf8", "key"));
    return new Hmac((bytes) => wasm.cryptoHmac(algorithm, keyBytes, bytes));
  }

  function randomBytes(size, callback) {
    if (typeof size !== "number") throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "size" argument must be of type number.${received(size)}`);
    if (!(size >= 0 && size <= 2147483647)) throw nodeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "size" is out of range. It must be >= 0 && <= 2147483647. Received ${size}`);
    const buf = randomFill(Buffer.alloc(size));
    if (typeof callback === "function") {
      queueMicrotask(() => callback(null, buf));
      return undefined;
    }
    return buf;
  }

  function randomUUID() {
    const b = randomFill(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** `randomInt([min,] max)`: uniform in `[min, max)`, without modulo bias. */
  function randomInt(min, max, callback) {
    if (max === undefined || typeof max === "function") [min, max, callback] = [0, min, max];
    if (!Number.isSafeInteger(min)) throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "min" argument must be a safe integer.${received(min)}`);
    if (!Number.isSafeInteger(max)) throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "max" argument must be a safe integer.${received(max)}`);
    if (max <= min) throw nodeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "max" is out of range. It must be greater than the value of "min" (${min}). Received ${max}`);
    const range = max - min;
    const limit = 2 ** 48 - (2 ** 48 % range);
    let n;
    do {
      const b = randomFill(new Uint8Array(6));
      n = b.reduce((acc, x) => acc * 256 + x, 0);
    } while (n >= limit);
    const value = min + (n % range);
    if (typeof callback === "function") return void queueMicrotask(() => callback(null, value));
    return value;
  }

  function timingSafeEqual(buf1, buf2) {
    const view = (b, name) => {
      if (b instanceof ArrayBuffer) return new Uint8Array(b);
      if (ArrayBuffer.isView(b)) return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
      throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "${name}" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.`);
    };
    const a = view(buf1, "buf1");
    const b = view(buf2, "buf2");
    if (a.length !== b.length) throw nodeError(RangeError, "ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH", "Input buffers must have the same byte length");
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
    return diff === 0;
  }

  const getHashes = () => NODE_HASHES.split(" ").filter(knows);

  const crypto = {
    createHash,
    createHmac,
    randomBytes,
    randomUUID,
    randomInt,
    timingSafeEqual,
    getHashes,
    getRandomValues: (array) => globalThis.crypto.getRandomValues(array),
    webcrypto: globalThis.crypto,
    subtle: globalThis.crypto?.subtle,
    Hash,
    Hmac,
  };
  return { default: crypto, ...crypto };
}
