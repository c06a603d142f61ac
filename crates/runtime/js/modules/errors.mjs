// Node's internal errors as learner code meets them (lib/internal/errors.js): `code` an own
// enumerable property, `Name [CODE]: message` at the head of the stack and from `toString()`,
// `constructor` the plain TypeError/RangeError/Error, and ERR_INVALID_ARG_TYPE's own wording.

import { specificType } from "../node-errors.mjs";

// How a value is named ("type number (5)") is node-errors.mjs's, which the other modules use.
export { specificType };

/** One subclass per base and code, shaped like Node's `NodeError` classes. */
const kinds = new Map();
function kind(Base, code) {
  const key = `${Base.name} ${code}`;
  if (!kinds.has(key)) {
    kinds.set(
      key,
      class extends Base {
        get ["constructor"]() {
          return Base;
        }
        toString() {
          return `${this.name} [${code}]: ${this.message}`;
        }
      },
    );
  }
  return kinds.get(key);
}

/** A Node-style error: `TypeError [ERR_X]: message` in its stack, `code` and `fields` set. */
export function nodeError(Base, code, message, fields) {
  const e = new (code ? kind(Base, code) : Base)(message);
  if (code) {
    e.code = code;
    if (typeof e.stack === "string") e.stack = e.stack.replace(new RegExp(`^${e.name}`), `${e.name} [${code}]`);
  }
  return Object.assign(e, fields);
}

/**
 * ERR_INVALID_ARG_TYPE for argument `name` (a property when it has a dot), which `must` be
 * (Node's wording: "of type string", "one of type object or string", ...).
 */
export function invalidArgType(name, must, value) {
  const what = name.includes(".") ? "property" : "argument";
  return nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "${name}" ${what} must be ${must}. Received ${specificType(value)}`);
}

/** Node's `validateString`. */
export function validateString(value, name) {
  if (typeof value !== "string") throw invalidArgType(name, "of type string", value);
}

/** Node's `validateObject` without options: a non-null object that is not an array. */
export function validateObject(value, name) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw invalidArgType(name, "of type object", value);
}
