// The kind checks Node gets from V8 (`util.types`), made as plain JavaScript can make them: a
// built-in getter or method throws on an object that is not of its kind. util.inspect and
// util.isDeepStrictEqual share them.

/** A check that `method` runs on the value without throwing. */
export const brand = (method) => (v) => {
  try {
    method.call(v);
    return true;
  } catch {
    return false;
  }
};

export const getter = (proto, key) => Object.getOwnPropertyDescriptor(proto, key).get;
export const typedArrayTag = getter(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag);
export const isDate = brand(Date.prototype.getTime);
/** A RegExp, or RegExp.prototype itself (whose `source` getter answers too). */
export const hasRegExpSource = brand(getter(RegExp.prototype, "source"));
export const isSet = brand(getter(Set.prototype, "size"));
export const isMap = brand(getter(Map.prototype, "size"));
export const isArrayBuffer = brand(getter(ArrayBuffer.prototype, "byteLength"));
