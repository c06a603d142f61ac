// `node:crypto`: the parts learners reach for — `randomUUID`, `randomBytes`, `randomInt`,
// `createHash` (with `copy()`), `createHmac`, `timingSafeEqual`, `pbkdf2`, `scrypt` — with
// Node's error codes and messages. Digests and key derivation are the runtime's (`crypto.rs`);
// randomness is the JS engine's `getRandomValues`. Node's other names (ciphers, signatures,
// key pairs) are stand-ins that say the playground lacks them.

import { Buffer } from "./buffer.mjs";
import { invalidArgType, lacking, nodeError as codedError, specificType, validateFunction, validateInt32, validateInteger, validateString } from "../node-errors.mjs";

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

/** Node's crypto functions and classes the playground does not have: stand-ins that say so. */
const LACKING =
  "Certificate Cipher Cipheriv Decipher Decipheriv DiffieHellman DiffieHellmanGroup ECDH KeyObject Sign Verify X509Certificate checkPrime checkPrimeSync " +
  "createCipher createCipheriv createDecipher createDecipheriv createDiffieHellman createDiffieHellmanGroup createECDH createPrivateKey createPublicKey " +
  "createSecretKey createSign createVerify diffieHellman generateKey generateKeyPair generateKeyPairSync generateKeySync generatePrime generatePrimeSync " +
  "getCipherInfo getCiphers getCurves getDiffieHellman hash hkdf hkdfSync privateDecrypt privateEncrypt publicDecrypt publicEncrypt randomFill randomFillSync " +
  "secureHeapUsed setEngine setFips sign verify";

/** Node's `getArrayBufferOrView`: a password or salt as bytes (a string as UTF-8). */
function keyMaterial(value, name) {
  if (typeof value === "string") return Buffer.from(value, "utf8");
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw invalidArgType(name, ["string", "ArrayBuffer", "Buffer", "TypedArray", "DataView"], value);
}

const SCRYPT_DEFAULTS = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 };

/**
 * scrypt's options as Node reads them: `N`/`cost`, `r`/`blockSize`, `p`/`parallelization`
 * (one name of each pair), `maxmem`; 0 means the default.
 */
function scryptOptions(options) {
  let { N, r, p, maxmem } = SCRYPT_DEFAULTS;
  if (!options || options === SCRYPT_DEFAULTS) return { N, r, p, maxmem };
  const pick = (short, long, value) => {
    const hasShort = options[short] !== undefined;
    if (hasShort) validateInteger((value = options[short]), short, 0, 4294967295);
    if (options[long] !== undefined) {
      if (hasShort) throw nodeError(Error, "ERR_CRYPTO_SCRYPT_INVALID_PARAMETER", "Invalid scrypt parameter");
      validateInteger((value = options[long]), long, 0, 4294967295);
    }
    return value;
  };
  N = pick("N", "cost", N);
  r = pick("r", "blockSize", r);
  p = pick("p", "parallelization", p);
  if (options.maxmem !== undefined) validateInteger((maxmem = options.maxmem), "maxmem", 0);
  return { N: N || SCRYPT_DEFAULTS.N, r: r || SCRYPT_DEFAULTS.r, p: p || SCRYPT_DEFAULTS.p, maxmem: maxmem || SCRYPT_DEFAULTS.maxmem };
}

/**
 * OpenSSL's checks on scrypt's parameters (EVP_PBE_scrypt): N a power of two above 1, then
 * the limits on r * p and N, and the memory it needs (128 * r * (N + 2 + p)) within maxmem.
 */
function checkScryptParams({ N, r, p, maxmem }) {
  const invalid = (detail) => nodeError(RangeError, "ERR_CRYPTO_INVALID_SCRYPT_PARAMS", `Invalid scrypt params${detail ? ": error:030000AC:digital envelope routines::memory limit exceeded" : ""}`);
  if (N < 2 || !Number.isInteger(Math.log2(N))) throw invalid(false);
  const blockLength = p * 128 * r;
  const tableLength = 32 * r * (N + 2) * 4;
  if (p > Math.floor((2 ** 30 - 1) / r) || (16 * r <= 63 && N >= 2 ** (16 * r)) || blockLength > 2147483647 || blockLength + tableLength > maxmem) throw invalid(true);
}

/**
 * The `crypto` module for one program; `later(fn)` runs `fn` as the program's next
 * immediate, as Node calls back when a key derivation it ran off the thread is done.
 */
export function createCrypto(wasm, { later = (fn) => setTimeout(fn, 0) } = {}) {
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
  class Hmac extends Digest {
    /** A second `digest()` gives nothing, where a Hash's throws: Node's (OpenSSL's) Hmac does. */
    digest(encoding) {
      if (this[kFed]() !== null) return super.digest(encoding);
      const out = Buffer.alloc(0);
      return encoding === undefined || encoding === "buffer" ? out : out.toString(encoding);
    }
  }

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

  /**
   * `pbkdf2Sync`'s and `pbkdf2`'s checks, in Node's order (`checkCallback` between the
   * arguments' and the digest's), and the derivation itself.
   */
  function pbkdf2Derive(password, salt, iterations, keylen, digest, checkCallback = () => {}) {
    validateString(digest, "digest");
    const pass = keyMaterial(password, "password");
    const saltBytes = keyMaterial(salt, "salt");
    validateInt32(iterations, "iterations", 1);
    validateInt32(keylen, "keylen", 0);
    checkCallback();
    if (!knows(digest)) throw nodeError(TypeError, "ERR_CRYPTO_INVALID_DIGEST", `Invalid digest: ${digest}`);
    return Buffer.from(wasm.cryptoPbkdf2(digest, pass, saltBytes, iterations, keylen));
  }

  function pbkdf2Sync(password, salt, iterations, keylen, digest) {
    return pbkdf2Derive(password, salt, iterations, keylen, digest);
  }

  function pbkdf2(password, salt, iterations, keylen, digest, callback) {
    if (typeof digest === "function") [digest, callback] = [undefined, digest];
    const key = pbkdf2Derive(password, salt, iterations, keylen, digest, () => validateFunction(callback, "callback"));
    later(() => callback(null, key));
  }

  /** `scryptSync`'s and `scrypt`'s checks, in Node's order, and the derivation itself. */
  function scryptDerive(password, salt, keylen, options, checkCallback = () => {}) {
    const pass = keyMaterial(password, "password");
    const saltBytes = keyMaterial(salt, "salt");
    validateInt32(keylen, "keylen", 0);
    const params = scryptOptions(options);
    checkCallback();
    checkScryptParams(params);
    const key = wasm.cryptoScrypt(pass, saltBytes, params.N, params.r, params.p, keylen);
    if (key === undefined) throw new RangeError(`The playground could not allocate the ${Math.ceil((128 * params.r * params.N) / 2 ** 20)} MiB that scrypt needs with N=${params.N} and r=${params.r}.`);
    return Buffer.from(key);
  }

  function scryptSync(password, salt, keylen, options = SCRYPT_DEFAULTS) {
    return scryptDerive(password, salt, keylen, options);
  }

  function scrypt(password, salt, keylen, options, callback = SCRYPT_DEFAULTS) {
    if (callback === SCRYPT_DEFAULTS) [options, callback] = [SCRYPT_DEFAULTS, options];
    const key = scryptDerive(password, salt, keylen, options, () => validateFunction(callback, "callback"));
    later(() => callback(null, key));
  }

  const crypto = {
    createHash,
    createHmac,
    randomBytes,
    // Node's deprecated names for randomBytes: the same function.
    rng: randomBytes,
    prng: randomBytes,
    pseudoRandomBytes: randomBytes,
    randomUUID,
    randomInt,
    timingSafeEqual,
    getHashes,
    getFips: () => 0,
    pbkdf2,
    pbkdf2Sync,
    scrypt,
    scryptSync,
    getRandomValues: (array) => globalThis.crypto.getRandomValues(array),
    webcrypto: globalThis.crypto,
    subtle: globalThis.crypto?.subtle,
    Hash,
    Hmac,
    ...Object.fromEntries(LACKING.split(" ").map((name) => [name, lacking("crypto", name)])),
  };
  return { default: crypto, ...crypto };
}
