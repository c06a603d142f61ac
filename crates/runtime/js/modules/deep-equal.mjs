// `util.isDeepStrictEqual`: the strict half of Node 20's lib/internal/util/comparisons.js (also
// `assert.deepStrictEqual`'s rule), with Node's names so the two read side by side. Values are
// equal when they have the same prototype and type tag, the same own enumerable keys (symbols
// too) with deep-equal values, and for Map/Set the same entries in any order. NaN equals NaN,
// 0 and -0 differ, a Date compares its time, a RegExp its source, flags and lastIndex.

import { brand, getter, hasRegExpSource, isArrayBuffer, isDate, isMap, isSet, typedArrayTag } from "../brands.mjs";

const kNoIterator = 0;
const kIsArray = 1;
const kIsSet = 2;
const kIsMap = 3;

const { getPrototypeOf, keys: objectKeys } = Object;
const isEnumerable = (o, k) => Object.prototype.propertyIsEnumerable.call(o, k);
const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const tagOf = (v) => Object.prototype.toString.call(v);

// ---- What Node asks V8, as brand checks (a built-in getter or method throws on other objects).

const isRegExp = hasRegExpSource;
const isSharedArrayBuffer = typeof SharedArrayBuffer === "function" ? brand(getter(SharedArrayBuffer.prototype, "byteLength")) : () => false;
const isAnyArrayBuffer = (v) => isArrayBuffer(v) || isSharedArrayBuffer(v);
const isNativeError = (v) => v instanceof Error || tagOf(v) === "[object Error]";
const BOXED = [Number, String, Boolean, BigInt, Symbol].map((C) => ({ is: brand(C.prototype.valueOf), valueOf: C.prototype.valueOf }));
const boxedKind = (v) => BOXED.find((b) => b.is(v));
/** Node's `isURL`: what a WHATWG URL looks like, without reaching into its internals. */
const isURL = (v) => Boolean(v?.href && v.protocol && v.auth === undefined && v.path === undefined);

/** Own enumerable keys (symbols included) that are not array indices. */
function ownNonIndexKeys(value) {
  return Reflect.ownKeys(value).filter((k) => isEnumerable(value, k) && !(typeof k === "string" && isIndex(k)));
}
const isIndex = (k) => /^(0|[1-9]\d*)$/.test(k) && Number(k) < 2 ** 32 - 1;

function sameBytes(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a.buffer ?? a, a.byteOffset ?? 0, a.byteLength);
  const y = new Uint8Array(b.buffer ?? b, b.byteOffset ?? 0, b.byteLength);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function areSimilarRegExps(a, b) {
  return a.source === b.source && a.flags === b.flags && a.lastIndex === b.lastIndex;
}

function isEqualBoxedPrimitive(val1, val2) {
  const kind = boxedKind(val1);
  return kind.is(val2) && Object.is(kind.valueOf.call(val1), kind.valueOf.call(val2));
}

/** An error's own non-enumerable message, name, cause and errors must match too. */
function areSimilarErrors(val1, val2, memos) {
  for (const key of ["message", "name", "cause", "errors"]) {
    const enumerable = isEnumerable(val1, key);
    if (enumerable !== isEnumerable(val2, key)) return false;
    if (enumerable) continue;
    if (key === "message" || key === "name" ? val1[key] !== val2[key] : !innerDeepEqual(val1[key], val2[key], memos)) return false;
  }
  return true;
}

function innerDeepEqual(val1, val2, memos) {
  if (val1 === val2) return val1 !== 0 || Object.is(val1, val2);
  if (typeof val1 === "number") return Number.isNaN(val1) && Number.isNaN(val2);
  if (typeof val2 !== "object" || typeof val1 !== "object" || val1 === null || val2 === null || getPrototypeOf(val1) !== getPrototypeOf(val2)) {
    return false;
  }
  if (tagOf(val1) !== tagOf(val2)) return false;

  if (Array.isArray(val1)) {
    if (!Array.isArray(val2) || val1.length !== val2.length) return false;
    const keys1 = ownNonIndexKeys(val1);
    if (keys1.length !== ownNonIndexKeys(val2).length) return false;
    return keyCheck(val1, val2, memos, kIsArray, keys1);
  } else if (tagOf(val1) === "[object Object]") {
    return keyCheck(val1, val2, memos, kNoIterator);
  } else if (isDate(val1)) {
    if (!isDate(val2) || val1.getTime() !== val2.getTime()) return false;
  } else if (isRegExp(val1)) {
    if (!isRegExp(val2) || !areSimilarRegExps(val1, val2)) return false;
  } else if (ArrayBuffer.isView(val1)) {
    if (typedArrayTag.call(val1) !== typedArrayTag.call(val2) || !sameBytes(val1, val2)) return false;
    const keys1 = ownNonIndexKeys(val1);
    if (keys1.length !== ownNonIndexKeys(val2).length) return false;
    return keyCheck(val1, val2, memos, kNoIterator, keys1);
  } else if (isSet(val1)) {
    if (!isSet(val2) || val1.size !== val2.size) return false;
    return keyCheck(val1, val2, memos, kIsSet);
  } else if (isMap(val1)) {
    if (!isMap(val2) || val1.size !== val2.size) return false;
    return keyCheck(val1, val2, memos, kIsMap);
  } else if (isAnyArrayBuffer(val1)) {
    if (!isAnyArrayBuffer(val2) || !sameBytes(val1, val2)) return false;
  } else if (isNativeError(val1)) {
    if (!isNativeError(val2) || !areSimilarErrors(val1, val2, memos)) return false;
  } else if (boxedKind(val1)) {
    if (!isEqualBoxedPrimitive(val1, val2)) return false;
  } else if (Array.isArray(val2) || ArrayBuffer.isView(val2) || isSet(val2) || isMap(val2) || isDate(val2) || isRegExp(val2) || isAnyArrayBuffer(val2) || boxedKind(val2) || isNativeError(val2)) {
    return false;
  } else if (isURL(val1)) {
    if (!isURL(val2) || val1.href !== val2.href) return false;
  }
  return keyCheck(val1, val2, memos, kNoIterator);
}

/** The same own enumerable keys (symbols included) on both, then `objEquiv` (cycles through `memos`). */
function keyCheck(val1, val2, memos, iterationType, aKeys) {
  const isArrayLikeObject = aKeys !== undefined;
  aKeys ??= objectKeys(val1);
  for (const key of aKeys) if (!isEnumerable(val2, key)) return false;

  if (!isArrayLikeObject) {
    if (aKeys.length !== objectKeys(val2).length) return false;
    if (!symbolKeysMatch(val1, val2, aKeys)) return false;
  }

  if (aKeys.length === 0 && (iterationType === kNoIterator || (iterationType === kIsArray && val1.length === 0) || val1.size === 0)) {
    return true;
  }

  // Cycles: a pair already being compared further up counts as equal.
  if (memos === undefined) {
    memos = { set: undefined, a: val1, b: val2, c: undefined, d: undefined, deep: false, deleteFailures: false };
    return objEquiv(val1, val2, aKeys, memos, iterationType);
  }
  if (memos.set === undefined) {
    if (memos.deep === false) {
      if (memos.a === val1 && memos.b === val2) return true;
      memos.c = val1;
      memos.d = val2;
      memos.deep = true;
      const result = objEquiv(val1, val2, aKeys, memos, iterationType);
      memos.deep = false;
      return result;
    }
    memos.set = new Set([memos.a, memos.b, memos.c, memos.d]);
  }
  const { set } = memos;
  const originalSize = set.size;
  set.add(val1);
  set.add(val2);
  if (originalSize === set.size) return true;
  const areEq = objEquiv(val1, val2, aKeys, memos, iterationType);
  if (areEq || memos.deleteFailures) {
    set.delete(val1);
    set.delete(val2);
  }
  return areEq;
}

/**
 * Enumerable symbol keys: each of `val1`'s is one of `val2`'s (and added to `aKeys`), counted
 * as Node counts them (only when the two have different numbers of symbols at all).
 */
function symbolKeysMatch(val1, val2, aKeys) {
  const symbolKeysA = Object.getOwnPropertySymbols(val1);
  const symbolKeysB = Object.getOwnPropertySymbols(val2);
  const enumerableB = () => symbolKeysB.filter((k) => isEnumerable(val2, k)).length;
  if (symbolKeysA.length === 0) return symbolKeysB.length === 0 || enumerableB() === 0;
  let count = 0;
  for (const key of symbolKeysA) {
    if (isEnumerable(val1, key)) {
      if (!isEnumerable(val2, key)) return false;
      aKeys.push(key);
      count++;
    } else if (isEnumerable(val2, key)) {
      return false;
    }
  }
  return symbolKeysA.length === symbolKeysB.length || enumerableB() === count;
}

/** Removes from `set` the first element deep-equal to `val2`; false when none is. */
function setHasEqualElement(set, val2, memo) {
  const { deleteFailures } = memo;
  memo.deleteFailures = true;
  for (const val1 of set) {
    if (innerDeepEqual(val1, val2, memo)) {
      set.delete(val1);
      memo.deleteFailures = deleteFailures;
      return true;
    }
  }
  memo.deleteFailures = deleteFailures;
  return false;
}

function setEquiv(a, b, memo) {
  let set = null;
  for (const val of a) {
    if (b.has(val)) continue;
    if (typeof val !== "object" || val === null) return false;
    if (set === null) {
      if (b.size === 1) return innerDeepEqual(val, b.values().next().value, memo);
      set = new Set();
    }
    set.add(val);
  }
  if (set !== null) {
    for (const val of b) {
      if (typeof val === "object" && val !== null && !a.has(val) && !setHasEqualElement(set, val, memo)) return false;
    }
    return set.size === 0;
  }
  return true;
}

/** Removes from `set` a key of `map` deep-equal to `key2` whose value is deep-equal to `item2`. */
function mapHasEqualEntry(set, map, key2, item2, memo) {
  const { deleteFailures } = memo;
  memo.deleteFailures = true;
  for (const key1 of set) {
    if (innerDeepEqual(key1, key2, memo) && innerDeepEqual(map.get(key1), item2, memo)) {
      set.delete(key1);
      memo.deleteFailures = deleteFailures;
      return true;
    }
  }
  memo.deleteFailures = deleteFailures;
  return false;
}

function mapEquiv(a, b, memo) {
  let set = null;
  for (const [key, item1] of a) {
    if (typeof key === "object" && key !== null) {
      if (set === null) {
        if (b.size === 1) {
          const [key2, item2] = b.entries().next().value;
          return innerDeepEqual(key, key2, memo) && innerDeepEqual(item1, item2, memo);
        }
        set = new Set();
      }
      set.add(key);
    } else {
      const item2 = b.get(key);
      if ((item2 === undefined && !b.has(key)) || !innerDeepEqual(item1, item2, memo)) return false;
    }
  }
  if (set !== null) {
    for (const [key, item] of b) {
      if (typeof key === "object" && key !== null && !mapHasEqualEntry(set, a, key, item, memo)) return false;
    }
    return set.size === 0;
  }
  return true;
}

function objEquiv(a, b, keys, memos, iterationType) {
  for (const key of keys) if (!innerDeepEqual(a[key], b[key], memos)) return false;
  if (iterationType === kIsArray) {
    for (let i = 0; i < a.length; i++) {
      if (hasOwn(a, i)) {
        if (!hasOwn(b, i) || !innerDeepEqual(a[i], b[i], memos)) return false;
      } else if (hasOwn(b, i)) {
        return false;
      } else {
        // A sparse array: the remaining keys, holes skipped.
        const keysA = objectKeys(a);
        for (; i < keysA.length; i++) {
          const key = keysA[i];
          if (!hasOwn(b, key) || !innerDeepEqual(a[key], b[key], memos)) return false;
        }
        return keysA.length === objectKeys(b).length;
      }
    }
  } else if (iterationType === kIsSet) {
    return setEquiv(a, b, memos);
  } else if (iterationType === kIsMap) {
    return mapEquiv(a, b, memos);
  }
  return true;
}

/** `util.isDeepStrictEqual(val1, val2)`. */
export function isDeepStrictEqual(val1, val2) {
  return innerDeepEqual(val1, val2);
}
