// `util.inspect` and `util.format` as Node 20 prints them: a port of Node's
// lib/internal/util/inspect.js, kept in one file with Node's names so the two can be read
// side by side. Node asks V8 for what plain JavaScript cannot see; here those few cases print
// a fixed placeholder instead: a promise's state (`Promise { <pending> }`), a Map or Set
// iterator's entries (`[Map Iterator] { <items unknown> }`), a proxy (printed through its traps).

import { brand, getter, hasRegExpSource, isArrayBuffer, isDate, isMap, isSet, typedArrayTag } from "./brands.mjs";

const kObjectType = 0;
const kArrayType = 1;
const kArrayExtrasType = 2;
const kMinLineLength = 16;

/** `util.inspect.custom`. */
export const customInspectSymbol = Symbol.for("nodejs.util.inspect.custom");
/** Option under which the runtime passes a function giving an error's stack as Node would print it. */
export const kFormatStack = Symbol("formatStack");

const PRISTINE = { showHidden: false, depth: 2, colors: false, customInspect: true, showProxy: false, maxArrayLength: 100, maxStringLength: 10000, breakLength: 80, compact: 3, sorted: false, getters: false, numericSeparator: false };
/** `util.inspect.defaultOptions`; module state, so each program starts from `PRISTINE` again. */
export const inspectDefaultOptions = Object.seal({ ...PRISTINE });
export const resetDefaultOptions = () => Object.assign(inspectDefaultOptions, PRISTINE);

// ---- What V8 tells Node, asked with brand checks (a method that throws on other objects).

const { hasOwn } = Object;
const isEnumerable = (o, k) => Object.prototype.propertyIsEnumerable.call(o, k);
const objectTag = (v) => Object.prototype.toString.call(v);
const setSize = getter(Set.prototype, "size");
const mapSize = getter(Map.prototype, "size");
const isTypedArray = (v) => typedArrayTag.call(v) !== undefined;
const isRegExp = (v) => v !== RegExp.prototype && hasRegExpSource(v);
const isDataView = brand(getter(DataView.prototype, "byteLength"));
const isWeakMap = brand(WeakMap.prototype.has);
const isWeakSet = brand(WeakSet.prototype.has);
const isPromise = (v) => v instanceof Promise || objectTag(v) === "[object Promise]";
const isError = (v) => v instanceof Error || objectTag(v) === "[object Error]";
const mapIteratorProto = Object.getPrototypeOf(new Map().entries());
const setIteratorProto = Object.getPrototypeOf(new Set().values());
const BOXED = [[Number, "Number"], [String, "String"], [Boolean, "Boolean"], [BigInt, "BigInt"], [Symbol, "Symbol"]].map(([C, type]) => ({ type, valueOf: C.prototype.valueOf, is: brand(C.prototype.valueOf) }));
/** Constructors Node treats as built in: capitalised globals, as Node lists them from `globalThis`. */
const builtInObjects = new Set(Object.getOwnPropertyNames(globalThis).filter((e) => /^[A-Z][a-zA-Z0-9]+$/.test(e)));

// ---- Colours (`colors: true`): Node's default styles.

const STYLES = { special: [36, 39], number: [33, 39], bigint: [33, 39], boolean: [33, 39], undefined: [90, 39], null: [1, 22], string: [32, 39], symbol: [32, 39], date: [35, 39], regexp: [31, 39], module: [4, 24] };
const stylizeNoColor = (str) => str;
function stylizeWithColor(str, styleType) {
  const color = STYLES[styleType];
  return color ? `\u001b[${color[0]}m${str}\u001b[${color[1]}m` : str;
}
const removeColors = (str) => String(str).replace(/\u001b\[\d+(;\d+)*m/g, "");

/** `util.inspect(value, options)`, and the legacy `(value, showHidden, depth, colors)`. */
export function inspect(value, opts) {
  const ctx = { budget: {}, indentationLvl: 0, seen: [], currentDepth: 0, stylize: stylizeNoColor, ...inspectDefaultOptions };
  if (arguments.length > 1) {
    if (arguments.length > 2) {
      if (arguments[2] !== undefined) ctx.depth = arguments[2];
      if (arguments.length > 3 && arguments[3] !== undefined) ctx.colors = arguments[3];
    }
    if (typeof opts === "boolean") {
      ctx.showHidden = opts;
    } else if (opts) {
      for (const key of Object.keys(opts)) {
        if (hasOwn(inspectDefaultOptions, key) || key === "stylize") ctx[key] = opts[key];
        else if (ctx.userOptions === undefined) ctx.userOptions = opts;
      }
      ctx.formatStack = opts[kFormatStack];
    }
  }
  if (ctx.colors) ctx.stylize = stylizeWithColor;
  if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
  if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
  return formatValue(ctx, value, 0);
}
inspect.custom = customInspectSymbol;
Object.defineProperty(inspect, "defaultOptions", {
  get: () => inspectDefaultOptions,
  set: (options) => Object.assign(inspectDefaultOptions, options),
});

/** The options a custom `[inspect.custom](depth, options, inspect)` receives. */
function getUserOptions(ctx) {
  const ret = { stylize: ctx.stylize, [kFormatStack]: ctx.formatStack };
  for (const key of Object.keys(PRISTINE)) ret[key] = ctx[key];
  return { ...ret, ...ctx.userOptions };
}

// ---- Strings.

// Surrogate pairs match too, so that only lone surrogates are escaped (no lookbehind: Safari < 16.4).
const strEscapeSequencesRegExp = /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g;
const strEscapeSequencesRegExpSingle = /[\x00-\x1f\x5c\x7f-\x9f]|[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g;
const SHORT_ESCAPES = { 8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r", 39: "\\'", 92: "\\\\" };
const hex = (code, width) => code.toString(16).toUpperCase().padStart(width, "0");

function escapeFn(str) {
  if (str.length === 2) return str;
  const code = str.charCodeAt(0);
  if (SHORT_ESCAPES[code]) return SHORT_ESCAPES[code];
  return code < 0xa0 ? `\\x${hex(code, 2)}` : `\\u${code.toString(16)}`;
}

/** Quotes `str` as Node does: single quotes, else double quotes or backticks when it holds `'`. */
function strEscape(str) {
  let escape = strEscapeSequencesRegExp;
  let quote = "'";
  if (str.includes("'")) {
    if (!str.includes('"')) quote = '"';
    else if (!str.includes("`") && !str.includes("${")) quote = "`";
    if (quote !== "'") escape = strEscapeSequencesRegExpSingle;
  }
  return quote + str.replace(escape, escapeFn) + quote;
}

// ---- Primitives.

function formatNumber(fn, number) {
  return fn(Object.is(number, -0) ? "-0" : `${number}`, "number");
}

const formatBigInt = (fn, bigint) => fn(`${bigint}n`, "bigint");

function formatPrimitive(fn, value, ctx) {
  if (typeof value === "string") {
    let trailer = "";
    if (value.length > ctx.maxStringLength) {
      const remaining = value.length - ctx.maxStringLength;
      value = value.slice(0, ctx.maxStringLength);
      trailer = `... ${remaining} more character${remaining > 1 ? "s" : ""}`;
    }
    // A long string with line breaks is split after each `\n`, one quoted piece a line.
    if (ctx.compact !== true && value.length > kMinLineLength && value.length > ctx.breakLength - ctx.indentationLvl - 4) {
      return value.match(/[^\n]*\n|[^\n]+/g).map((line) => fn(strEscape(line), "string")).join(` +\n${" ".repeat(ctx.indentationLvl + 2)}`) + trailer;
    }
    return fn(strEscape(value), "string") + trailer;
  }
  if (typeof value === "number") return formatNumber(fn, value);
  if (typeof value === "bigint") return formatBigInt(fn, value);
  if (typeof value === "boolean") return fn(`${value}`, "boolean");
  if (typeof value === "undefined") return fn("undefined", "undefined");
  return fn(Symbol.prototype.toString.call(value), "symbol");
}

// ---- Objects.

function formatValue(ctx, value, recurseTimes, typedArray) {
  if (typeof value !== "object" && typeof value !== "function") return formatPrimitive(ctx.stylize, value, ctx);
  if (value === null) return ctx.stylize("null", "null");
  if (ctx.customInspect) {
    const maybeCustom = value[customInspectSymbol] ?? nodeClassInspect(value);
    if (typeof maybeCustom === "function" && maybeCustom !== inspect && Object.getOwnPropertyDescriptor(value, "constructor")?.value?.prototype !== value) {
      const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
      const ret = maybeCustom.call(value, depth, getUserOptions(ctx), inspect);
      if (ret !== value) {
        if (typeof ret !== "string") return formatValue(ctx, ret, recurseTimes);
        return ret.replaceAll("\n", `\n${" ".repeat(ctx.indentationLvl)}`);
      }
    }
  }
  if (ctx.seen.includes(value)) {
    ctx.circular ??= new Map();
    if (!ctx.circular.has(value)) ctx.circular.set(value, ctx.circular.size + 1);
    return ctx.stylize(`[Circular *${ctx.circular.get(value)}]`, "special");
  }
  return formatRaw(ctx, value, recurseTimes, typedArray);
}

function formatRaw(ctx, value, recurseTimes, typedArray) {
  // With `showHidden`, the non-function properties of user-defined prototypes are listed too.
  let protoProps = ctx.showHidden && (recurseTimes <= ctx.depth || ctx.depth === null) ? [] : undefined;
  const constructor = getConstructorName(value, ctx, recurseTimes, protoProps);
  if (protoProps?.length === 0) protoProps = undefined;
  let tag = value[Symbol.toStringTag];
  // Only list the tag when it is not an own (enumerable) property, which prints anyway.
  if (typeof tag !== "string" || (tag !== "" && (ctx.showHidden ? hasOwn : isEnumerable)(value, Symbol.toStringTag))) tag = "";
  const shape = ((Symbol.iterator in value || constructor === null) && iterableShape(ctx, value, constructor, tag, protoProps)) || objectShape(ctx, value, recurseTimes, constructor, tag, typedArray, protoProps);
  if (typeof shape === "string") return shape;
  const { keys, braces, formatter = () => [], extrasType = kObjectType } = shape;
  let base = shape.base ?? "";
  if (recurseTimes > ctx.depth && ctx.depth !== null) {
    const name = getCtxStyle(value, constructor, tag).slice(0, -1);
    return ctx.stylize(constructor !== null ? `[${name}]` : name, "special");
  }
  recurseTimes += 1;
  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  const output = formatter(ctx, value, recurseTimes);
  for (const key of keys) output.push(formatProperty(ctx, value, recurseTimes, key, extrasType));
  if (protoProps !== undefined) output.push(...protoProps);
  const index = ctx.circular?.get(value);
  if (index !== undefined) {
    const reference = ctx.stylize(`<ref *${index}>`, "special");
    if (ctx.compact !== true) base = base === "" ? reference : `${reference} ${base}`;
    else braces[0] = `${reference} ${braces[0]}`;
  }
  ctx.seen.pop();
  if (ctx.sorted) {
    const comparator = ctx.sorted === true ? undefined : ctx.sorted;
    if (extrasType === kObjectType) output.sort(comparator);
    else if (keys.length > 1) output.push(...output.splice(output.length - keys.length).sort(comparator));
  }
  return reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
}

/** Arrays, Sets, Maps, typed arrays and collection iterators; `undefined` for other iterables. */
function iterableShape(ctx, value, constructor, tag, protoProps) {
  if (Array.isArray(value)) {
    const prefix = constructor !== "Array" || tag !== "" ? getPrefix(constructor, tag, "Array", `(${value.length})`) : "";
    const keys = getOwnNonIndexProperties(value, ctx.showHidden);
    if (value.length === 0 && keys.length === 0 && protoProps === undefined) return `${prefix}[]`;
    return { keys, braces: [`${prefix}[`, "]"], extrasType: kArrayExtrasType, formatter: formatArray };
  }
  for (const [is, size, type, formatter] of [[isSet, setSize, "Set", formatSet], [isMap, mapSize, "Map", formatMap]]) {
    if (!is(value)) continue;
    const n = size.call(value);
    const prefix = getPrefix(constructor, tag, type, `(${n})`);
    const keys = getKeys(value, ctx.showHidden);
    if (n === 0 && keys.length === 0 && protoProps === undefined) return `${prefix}{}`;
    return { keys, braces: [`${prefix}{`, "}"], formatter };
  }
  if (isTypedArray(value)) {
    const keys = getOwnNonIndexProperties(value, ctx.showHidden);
    const prefix = getPrefix(constructor, tag, constructor === null ? typedArrayTag.call(value) : "", `(${value.length})`);
    if (value.length === 0 && keys.length === 0 && !ctx.showHidden) return `${prefix}[]`;
    return { keys, braces: [`${prefix}[`, "]"], extrasType: kArrayExtrasType, formatter: formatTypedArray };
  }
  const proto = Object.getPrototypeOf(value);
  if (proto === mapIteratorProto || proto === setIteratorProto) {
    // Node previews the remaining entries through V8; JavaScript can only consume them.
    const type = proto === mapIteratorProto ? "Map" : "Set";
    const braces = [`[${tag === `${type} Iterator` ? tag : [tag, `${type} Iterator`].filter(Boolean).join("] [")}] {`, "}"];
    return { keys: getKeys(value, ctx.showHidden), braces, formatter: (c) => [c.stylize("<items unknown>", "special")] };
  }
}

/** Every other object: functions, errors, dates, regexps, buffers, boxed primitives, plain objects. */
function objectShape(ctx, value, recurseTimes, constructor, tag, typedArray, protoProps) {
  const keys = getKeys(value, ctx.showHidden);
  const braces = ["{", "}"];
  const empty = keys.length === 0 && protoProps === undefined;
  const prefixed = (fallback) => ({ keys, braces: [`${getPrefix(constructor, tag, fallback)}{`, "}"] });
  if (typeof value === "function") {
    const base = getFunctionBase(ctx, value, constructor, tag);
    return empty ? ctx.stylize(base, "special") : { keys, braces, base };
  }
  if (constructor === "Object") {
    if (objectTag(value) === "[object Arguments]") braces[0] = "[Arguments] {";
    else if (tag !== "") braces[0] = `${getPrefix(constructor, tag, "Object")}{`;
    return empty ? `${braces[0]}}` : { keys, braces };
  }
  if (isRegExp(value)) {
    let base = RegExp.prototype.toString.call(constructor !== null ? value : new RegExp(value));
    const prefix = getPrefix(constructor, tag, "RegExp");
    if (prefix !== "RegExp ") base = `${prefix}${base}`;
    return empty || (recurseTimes > ctx.depth && ctx.depth !== null) ? ctx.stylize(base, "regexp") : { keys, braces, base };
  }
  if (isDate(value)) {
    let base = Number.isNaN(value.getTime()) ? Date.prototype.toString.call(value) : Date.prototype.toISOString.call(value);
    const prefix = getPrefix(constructor, tag, "Date");
    if (prefix !== "Date ") base = `${prefix}${base}`;
    return empty ? ctx.stylize(base, "date") : { keys, braces, base };
  }
  if (isError(value)) {
    const base = formatError(value, constructor, tag, ctx, keys);
    return keys.length === 0 && protoProps === undefined ? base : { keys, braces, base };
  }
  if (isArrayBuffer(value)) {
    const prefix = getPrefix(constructor, tag, "ArrayBuffer");
    if (typedArray !== undefined && empty) return `${prefix}{ byteLength: ${formatNumber(ctx.stylize, value.byteLength)} }`;
    keys.unshift("byteLength");
    return { keys, braces: [`${prefix}{`, "}"], formatter: typedArray === undefined ? formatArrayBuffer : undefined };
  }
  if (isDataView(value)) {
    keys.unshift("byteLength", "byteOffset", "buffer");
    return prefixed("DataView");
  }
  if (isPromise(value)) return { ...prefixed("Promise"), formatter: (c) => [c.stylize("<pending>", "special")] };
  if (isWeakSet(value) || isWeakMap(value)) return { ...prefixed(isWeakSet(value) ? "WeakSet" : "WeakMap"), formatter: (c) => [c.stylize("<items unknown>", "special")] };
  const boxed = BOXED.find((b) => b.is(value));
  if (boxed) {
    const base = getBoxedBase(value, ctx, keys, constructor, tag, boxed);
    return keys.length === 0 && protoProps === undefined ? base : { keys, braces, base };
  }
  const style = getCtxStyle(value, constructor, tag);
  return empty ? `${style}{}` : { keys, braces: [`${style}{`, "}"] };
}

function getBoxedBase(value, ctx, keys, constructor, tag, { type, valueOf }) {
  // A boxed string's indexed characters would only repeat its value.
  if (type === "String") keys.splice(0, value.length);
  let base = `[${type}`;
  if (type !== constructor) base += constructor === null ? " (null prototype)" : ` (${constructor})`;
  base += `: ${formatPrimitive(stylizeNoColor, valueOf.call(value), ctx)}]`;
  if (tag !== "" && tag !== constructor) base += ` [${tag}]`;
  if (keys.length !== 0 || ctx.stylize === stylizeNoColor) return base;
  return ctx.stylize(base, type.toLowerCase());
}

function isInstanceof(object, proto) {
  try {
    return object instanceof proto;
  } catch {
    return false;
  }
}

/** The name Node prints before an object: its nearest constructor's, `null` for no prototype. */
function getConstructorName(obj, ctx, recurseTimes, protoProps) {
  let firstProto;
  const tmp = obj;
  while (obj) {
    const descriptor = Object.getOwnPropertyDescriptor(obj, "constructor");
    if (descriptor !== undefined && typeof descriptor.value === "function" && descriptor.value.name !== "" && isInstanceof(tmp, descriptor.value)) {
      if (protoProps !== undefined && (firstProto !== obj || !builtInObjects.has(descriptor.value.name))) {
        addPrototypeProperties(ctx, tmp, firstProto || tmp, recurseTimes, protoProps);
      }
      return String(descriptor.value.name);
    }
    obj = Object.getPrototypeOf(obj);
    if (firstProto === undefined) firstProto = obj;
  }
  if (firstProto === null) return null;
  const res = internalGetConstructorName(tmp);
  if (recurseTimes > ctx.depth && ctx.depth !== null) return `${res} <Complex prototype>`;
  const protoConstr = getConstructorName(firstProto, ctx, recurseTimes + 1, protoProps);
  if (protoConstr === null) return `${res} <${inspect(firstProto, { ...ctx, customInspect: false, depth: -1 })}>`;
  return `${res} <${protoConstr}>`;
}

/** Adds to `output` the properties of up to three prototype layers above `main`, below the built-ins. */
function addPrototypeProperties(ctx, main, obj, recurseTimes, output) {
  let keys;
  const keySet = new Set();
  for (let depth = 0; depth < 3; depth++) {
    if (depth !== 0 || main === obj) {
      obj = Object.getPrototypeOf(obj);
      if (obj === null) return;
      const descriptor = Object.getOwnPropertyDescriptor(obj, "constructor");
      if (descriptor !== undefined && typeof descriptor.value === "function" && builtInObjects.has(descriptor.value.name)) return;
    }
    if (depth !== 0) keys.forEach((key) => keySet.add(key));
    keys = Reflect.ownKeys(obj);
    ctx.seen.push(main);
    for (const key of keys) {
      if (key === "constructor" || hasOwn(main, key) || (depth !== 0 && keySet.has(key))) continue;
      const desc = Object.getOwnPropertyDescriptor(obj, key);
      if (typeof desc.value === "function") continue;
      const value = formatProperty(ctx, obj, recurseTimes, key, kObjectType, desc, main);
      output.push(ctx.colors ? `\u001b[2m${value}\u001b[22m` : value);
    }
    ctx.seen.pop();
  }
}

/** What V8 would call the object's class, as far as its `Object.prototype.toString` tells. */
const internalGetConstructorName = (value) => objectTag(value).slice(8, -1);

function getPrefix(constructor, tag, fallback, size = "") {
  if (constructor === null) {
    if (tag !== "" && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
    return `[${fallback}${size}: null prototype] `;
  }
  if (tag !== "" && constructor !== tag) return `${constructor}${size} [${tag}] `;
  return `${constructor}${size} `;
}

function getCtxStyle(value, constructor, tag) {
  let fallback = "";
  if (constructor === null) {
    fallback = internalGetConstructorName(value);
    if (fallback === tag) fallback = "Object";
  }
  return getPrefix(constructor, tag, fallback);
}

function getKeys(value, showHidden) {
  const symbols = Object.getOwnPropertySymbols(value);
  if (showHidden) return [...Object.getOwnPropertyNames(value), ...symbols];
  return [...Object.keys(value), ...symbols.filter((key) => isEnumerable(value, key))];
}

const isIndex = (key) => /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < 2 ** 32 - 1;

/** An array's keys other than its indices (`foo: 1` in `[ 1, foo: 1 ]`). */
function getOwnNonIndexProperties(value, showHidden) {
  return getKeys(value, showHidden).filter((key) => typeof key === "symbol" || !isIndex(key));
}

// ---- Functions.

function getFunctionBase(ctx, value, constructor, tag) {
  const stringified = Function.prototype.toString.call(value);
  if (stringified.startsWith("class") && stringified.endsWith("}")) {
    const slice = stringified.slice(5, -1);
    const bracketIndex = slice.indexOf("{");
    if (bracketIndex !== -1 && (!slice.slice(0, bracketIndex).includes("(") || /^(\s+[^(]*?)\s*{/.test(slice.replace(/(\/\/.*?\n)|(\/\*(.|\n)*?\*\/)/g, "")))) {
      return getClassBase(value, constructor, tag);
    }
  }
  let type = "Function";
  const fnTag = objectTag(value);
  if (fnTag.includes("Generator")) type = `Generator${type}`;
  if (fnTag.includes("Async")) type = `Async${type}`;
  let base = `[${type}`;
  if (constructor === null) base += " (null prototype)";
  if (value.name === "") base += " (anonymous)";
  else base += `: ${typeof value.name === "string" ? value.name : formatValue(ctx, value.name)}`;
  base += "]";
  if (constructor !== type && constructor !== null) base += ` ${constructor}`;
  if (tag !== "" && constructor !== tag) base += ` [${tag}]`;
  return base;
}

function getClassBase(value, constructor, tag) {
  const name = (hasOwn(value, "name") && value.name) || "(anonymous)";
  let base = `class ${name}`;
  if (constructor !== "Function" && constructor !== null) base += ` [${constructor}]`;
  if (tag !== "" && constructor !== tag) base += ` [${tag}]`;
  if (constructor !== null) {
    const superName = Object.getPrototypeOf(value).name;
    if (superName) base += ` extends ${superName}`;
  } else {
    base += " extends [null prototype]";
  }
  return `[${base}]`;
}

// ---- Errors.

function getStackString(ctx, error) {
  const stack = ctx.formatStack ? ctx.formatStack(error) : error.stack;
  return stack ? String(stack) : Error.prototype.toString.call(error);
}

/** `{ len, offset }` of the first run of more than three lines of `a` that `b` also has. */
function identicalSequenceRange(a, b) {
  for (let i = 0; i < a.length - 3; i++) {
    const pos = b.indexOf(a[i]);
    if (pos !== -1) {
      const rest = b.length - pos;
      if (rest > 3) {
        let len = 1;
        const maxLen = Math.min(a.length - i, rest);
        while (maxLen > len && a[i + len] === b[pos + len]) len++;
        if (len > 3) return { len, offset: i };
      }
    }
  }
  return { len: 0, offset: 0 };
}

/** The frames of `stack`, with those its `cause` repeats folded into one line. */
function getStackFrames(ctx, err, stack) {
  const frames = stack.split("\n");
  let cause;
  try {
    ({ cause } = err);
  } catch {
    // A `cause` getter that throws is ignored.
  }
  if (cause != null && isError(cause)) {
    const causeStack = getStackString(ctx, cause);
    const causeStackStart = causeStack.indexOf("\n    at");
    if (causeStackStart !== -1) {
      const causeFrames = causeStack.slice(causeStackStart + 1).split("\n");
      const { len, offset } = identicalSequenceRange(frames, causeFrames);
      if (len > 0) {
        const skipped = len - 2;
        frames.splice(offset + 1, skipped, ctx.stylize(`    ... ${skipped} lines matching cause stack trace ...`, "undefined"));
      }
    }
  }
  return frames;
}

/** Names the class in the first line when the stack does not (`class MyError extends Error`). */
function improveStack(stack, constructor, name, tag) {
  let len = name.length;
  if (constructor === null || (name.endsWith("Error") && stack.startsWith(name) && (stack.length === len || stack[len] === ":" || stack[len] === "\n"))) {
    let fallback = "Error";
    if (constructor === null) {
      const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n\s+at)/.exec(stack) || /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
      fallback = start?.[1] || "";
      len = fallback.length;
      fallback ||= "Error";
    }
    const prefix = getPrefix(constructor, tag, fallback).slice(0, -1);
    if (name !== prefix) {
      if (prefix.includes(name)) stack = len === 0 ? `${prefix}: ${stack}` : `${prefix}${stack.slice(len)}`;
      else stack = `${prefix} [${name}]${stack.slice(len)}`;
    }
  }
  return stack;
}

/** Drops `name`, `message` and `stack` from the listed keys when the stack already shows them. */
function removeDuplicateErrorKeys(ctx, keys, err, stack) {
  if (ctx.showHidden || keys.length === 0) return;
  for (const name of ["name", "message", "stack"]) {
    const index = keys.indexOf(name);
    if (index !== -1 && (typeof err[name] !== "string" || stack.includes(err[name]))) keys.splice(index, 1);
  }
}

function formatError(err, constructor, tag, ctx, keys) {
  const name = err.name != null ? String(err.name) : "Error";
  let stack = getStackString(ctx, err);
  removeDuplicateErrorKeys(ctx, keys, err, stack);
  if ("cause" in err && !keys.includes("cause")) keys.push("cause");
  if (Array.isArray(err.errors) && !keys.includes("errors")) keys.push("errors");
  stack = improveStack(stack, constructor, name, tag);
  // The frames start after the message, which may itself contain "\n    at".
  let pos = (err.message && stack.indexOf(err.message)) || -1;
  if (pos !== -1) pos += err.message.length;
  const stackStart = stack.indexOf("\n    at", pos);
  if (stackStart === -1) {
    stack = `[${stack}]`;
  } else {
    const lines = getStackFrames(ctx, err, stack.slice(stackStart + 1));
    stack = `${stack.slice(0, stackStart)}\n${lines.join("\n")}`;
  }
  if (ctx.indentationLvl !== 0) stack = stack.replaceAll("\n", `\n${" ".repeat(ctx.indentationLvl)}`);
  return stack;
}

// ---- Entries of collections.

const remainingText = (remaining) => `... ${remaining} more item${remaining > 1 ? "s" : ""}`;

function formatArray(ctx, value, recurseTimes) {
  const len = Math.min(Math.max(0, ctx.maxArrayLength), value.length);
  const output = [];
  for (let i = 0; i < len; i++) {
    if (!hasOwn(value, i)) return formatSpecialArray(ctx, value, recurseTimes, len, output, i);
    output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType));
  }
  if (value.length > len) output.push(remainingText(value.length - len));
  return output;
}

/** A sparse array: runs of holes print as `<N empty items>`. */
function formatSpecialArray(ctx, value, recurseTimes, maxLength, output, i) {
  const keys = Object.keys(value);
  let index = i;
  for (; i < keys.length && output.length < maxLength; i++) {
    const key = keys[i];
    const tmp = +key;
    if (tmp > 2 ** 32 - 2) break;
    if (`${index}` !== key) {
      if (!/^(0|[1-9][0-9]*)$/.test(key)) break;
      const emptyItems = tmp - index;
      output.push(ctx.stylize(`<${emptyItems} empty item${emptyItems > 1 ? "s" : ""}>`, "undefined"));
      index = tmp;
      if (output.length === maxLength) break;
    }
    output.push(formatProperty(ctx, value, recurseTimes, key, kArrayType));
    index++;
  }
  const remaining = value.length - index;
  if (output.length !== maxLength) {
    if (remaining > 0) output.push(ctx.stylize(`<${remaining} empty item${remaining > 1 ? "s" : ""}>`, "undefined"));
  } else if (remaining > 0) {
    output.push(remainingText(remaining));
  }
  return output;
}

function formatTypedArray(ctx, value, recurseTimes) {
  const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), value.length);
  const output = [];
  for (let i = 0; i < maxLength; i++) output.push(typeof value[i] === "bigint" ? formatBigInt(ctx.stylize, value[i]) : formatNumber(ctx.stylize, value[i]));
  if (value.length > maxLength) output.push(remainingText(value.length - maxLength));
  if (ctx.showHidden) {
    ctx.indentationLvl += 2;
    for (const key of ["BYTES_PER_ELEMENT", "length", "byteLength", "byteOffset", "buffer"]) {
      output.push(`[${key}]: ${formatValue(ctx, value[key], recurseTimes, true)}`);
    }
    ctx.indentationLvl -= 2;
  }
  return output;
}

function formatArrayBuffer(ctx, value) {
  const bytes = new Uint8Array(value);
  let str = hexBytes(bytes, ctx.maxArrayLength);
  const remaining = bytes.length - ctx.maxArrayLength;
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? "s" : ""}`;
  return [`${ctx.stylize("[Uint8Contents]", "special")}: <${str}>`];
}

const hexBytes = (bytes, max) => Array.from(bytes.subarray(0, Math.min(max, bytes.length)), (b) => b.toString(16).padStart(2, "0")).join(" ");

/** Set and Map entries, up to `maxArrayLength`. */
function formatEntries(ctx, entries, size, formatEntry) {
  const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), size);
  const output = [];
  ctx.indentationLvl += 2;
  for (const entry of entries) {
    if (output.length >= maxLength) break;
    output.push(formatEntry(entry));
  }
  if (size > maxLength) output.push(remainingText(size - maxLength));
  ctx.indentationLvl -= 2;
  return output;
}

function formatSet(ctx, value, recurseTimes) {
  return formatEntries(ctx, Set.prototype.values.call(value), setSize.call(value), (v) => formatValue(ctx, v, recurseTimes));
}

function formatMap(ctx, value, recurseTimes) {
  return formatEntries(ctx, Map.prototype.entries.call(value), mapSize.call(value), ([k, v]) => `${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`);
}

function formatProperty(ctx, value, recurseTimes, key, type, desc = Object.getOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true }, original = value) {
  let str;
  let extra = " ";
  if (desc.value !== undefined) {
    const diff = ctx.compact !== true || type !== kObjectType ? 2 : 3;
    ctx.indentationLvl += diff;
    str = formatValue(ctx, desc.value, recurseTimes);
    if (diff === 3 && ctx.breakLength < getStringWidth(str, ctx.colors)) extra = `\n${" ".repeat(ctx.indentationLvl)}`;
    ctx.indentationLvl -= diff;
  } else if (desc.get !== undefined) {
    str = formatGetter(ctx, original, recurseTimes, desc);
  } else if (desc.set !== undefined) {
    str = ctx.stylize("[Setter]", "special");
  } else {
    str = ctx.stylize("undefined", "undefined");
  }
  if (type === kArrayType) return str;
  let name;
  if (typeof key === "symbol") name = `[${ctx.stylize(Symbol.prototype.toString.call(key).replace(strEscapeSequencesRegExp, escapeFn), "symbol")}]`;
  else if (key === "__proto__") name = "['__proto__']";
  else if (desc.enumerable === false) name = `[${key.replace(strEscapeSequencesRegExp, escapeFn)}]`;
  else if (/^[a-zA-Z_][a-zA-Z_0-9]*$/.test(key)) name = ctx.stylize(key, "name");
  else name = ctx.stylize(strEscape(key), "string");
  return `${name}:${extra}${str}`;
}

/** `[Getter]`, or with the `getters` option `[Getter: value]`. */
function formatGetter(ctx, value, recurseTimes, desc) {
  const label = desc.set !== undefined ? "Getter/Setter" : "Getter";
  const s = ctx.stylize;
  const wanted = ctx.getters === true || (ctx.getters === "get" && desc.set === undefined) || (ctx.getters === "set" && desc.set !== undefined);
  if (!wanted) return s(`[${label}]`, "special");
  try {
    const tmp = desc.get.call(value);
    ctx.indentationLvl += 2;
    let str;
    if (tmp === null) str = `${s(`[${label}:`, "special")} ${s("null", "null")}${s("]", "special")}`;
    else if (typeof tmp === "object") str = `${s(`[${label}]`, "special")} ${formatValue(ctx, tmp, recurseTimes)}`;
    else str = `${s(`[${label}:`, "special")} ${formatPrimitive(s, tmp, ctx)}${s("]", "special")}`;
    ctx.indentationLvl -= 2;
    return str;
  } catch (err) {
    return `${s(`[${label}:`, "special")} <Inspection threw (${err.message})>${s("]", "special")}`;
  }
}

// ---- Line breaking.

/** Lays out many short array entries in aligned columns, as Node does for more than six. */
function groupArrayElements(ctx, output, value) {
  let totalLength = 0;
  let maxLength = 0;
  let outputLength = output.length;
  // The "... more items" entry is not part of the grid.
  if (ctx.maxArrayLength < output.length) outputLength--;
  const separatorSpace = 2;
  const dataLen = [];
  for (let i = 0; i < outputLength; i++) {
    const len = getStringWidth(output[i], ctx.colors);
    dataLen[i] = len;
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  const actualMax = maxLength + separatorSpace;
  if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength && (totalLength / actualMax > 5 || maxLength <= 6)) {
    const averageBias = Math.sqrt(actualMax - totalLength / output.length);
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    const columns = Math.min(Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax), Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax), ctx.compact * 4, 15);
    if (columns <= 1) return output;
    const tmp = [];
    const maxLineLength = [];
    for (let i = 0; i < columns; i++) {
      let lineMaxLength = 0;
      for (let j = i; j < output.length; j += columns) if (dataLen[j] > lineMaxLength) lineMaxLength = dataLen[j];
      maxLineLength.push(lineMaxLength + separatorSpace);
    }
    // Numbers line up on the right, everything else on the left.
    let padStart = true;
    if (value !== undefined) {
      for (let i = 0; i < output.length; i++) {
        if (typeof value[i] !== "number" && typeof value[i] !== "bigint") {
          padStart = false;
          break;
        }
      }
    }
    const pad = (str, width) => (padStart ? str.padStart(width, " ") : str.padEnd(width, " "));
    for (let i = 0; i < outputLength; i += columns) {
      const max = Math.min(i + columns, outputLength);
      let str = "";
      let j = i;
      for (; j < max - 1; j++) str += pad(`${output[j]}, `, maxLineLength[j - i] + output[j].length - dataLen[j]);
      str += padStart ? output[j].padStart(maxLineLength[j - i] + output[j].length - dataLen[j] - separatorSpace, " ") : output[j];
      tmp.push(str);
    }
    if (ctx.maxArrayLength < output.length) tmp.push(output[outputLength]);
    output = tmp;
  }
  return output;
}

function isBelowBreakLength(ctx, output, start, base) {
  let totalLength = output.length + start;
  if (totalLength + output.length > ctx.breakLength) return false;
  for (const entry of output) {
    totalLength += ctx.colors ? removeColors(entry).length : entry.length;
    if (totalLength > ctx.breakLength) return false;
  }
  return base === "" || !base.includes("\n");
}

/** One line when the entries fit in `breakLength` (and are at most `compact` levels deep), else one entry a line. */
function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
  if (ctx.compact !== true) {
    if (typeof ctx.compact === "number" && ctx.compact >= 1) {
      const entries = output.length;
      if (extrasType === kArrayExtrasType && entries > 6) output = groupArrayElements(ctx, output, value);
      if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
        const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
        if (isBelowBreakLength(ctx, output, start, base)) {
          const joinedOutput = output.join(", ");
          if (!joinedOutput.includes("\n")) return `${base ? `${base} ` : ""}${braces[0]} ${joinedOutput} ${braces[1]}`;
        }
      }
    }
    const indentation = `\n${" ".repeat(ctx.indentationLvl)}`;
    return `${base ? `${base} ` : ""}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
  }
  if (isBelowBreakLength(ctx, output, 0, base)) return `${braces[0]}${base ? ` ${base}` : ""} ${output.join(", ")} ${braces[1]}`;
  const indentation = " ".repeat(ctx.indentationLvl);
  const ln = base === "" && braces[0].length === 1 ? " " : `${base ? ` ${base}` : ""}\n${indentation}  `;
  return `${braces[0]}${ln}${output.join(`,\n${indentation}  `)} ${braces[1]}`;
}

/** Terminal columns `str` takes, as Node counts them with ICU: East Asian wide characters and emoji two, marks none. */
export function getStringWidth(str, removeControlChars = true) {
  if (removeControlChars) str = removeColors(str);
  let width = 0;
  for (const char of str.normalize("NFC")) {
    const code = char.codePointAt(0);
    if (code < 127) width += code >= 32 ? 1 : 0;
    else if (isWide(code)) width += 2;
    else if (code === 0xad || !ZERO_WIDTH.test(char)) width += 1;
  }
  return width;
}

const ZERO_WIDTH = /[\p{Cc}\p{Cf}\p{Me}\p{Mn}]/u;
/** ICU's wide code points (East Asian Width W/F, emoji presentation): base-36 `start-length` runs. */
const WIDE = "3cw-2n,6xm-1,6y1-1,73d-3,73k,73n,7i5-1,7is-1,7jk-7,7k8-b,7lr,7m2-5,7mb,7mp,7my-1,7nh-1,7no-1,7ny,7o4,7oq,7oy-1,7p1,7p6,7p9,7ph,7pm-1,7qg,7rg,7ri,7rn-2,7rr,7th-2,7u8,7un,8ij-1,8k0,8k5,96o-p,97f-2g,9a8-5x,9gw-26,9j5-2d,9ll-2u,9ol-16,9pt-2l,9sg-2d,9v3-1b,9wg-13,9xs-mkc,wi8-1i,xgg-s,xz4-8mb,1d6o-e7,1e6o-9,1e7k-y,1e8k-i,1e94-3,1edd-2n,1ejk-6,20o0-4,20og-6,20ow-5p1,26f3-v,26io-36,2dbk-3,2dbp-6,2dbx-1,2dc0-82,2dki,2dlc-2,2dlh,2dlw-3,2dm8-az,2jxa-1,2jzv-1,2k8w-2e,2kbk-m,2pz8,2q4v,2qa6,2qa9-9,2qcm-s,2qds-17,2qf4-8,2qfk-1,2qg0-5,2qkg-w,2qlp-8,2qlz-1x,2qny-l,2qow-16,2qq7-4,2qqo-g,2qr8,2qrc-1y,2qtc,2qte-56,2qyn-1q,2r0r-3,2r0w-n,2r22,2r2t-1,2r38,2r5n-2c,2r9c-1x,2rbg,2rbk-2,2rbp-3,2rbw-3,2rcb-1,2rck-8,2rj4-b,2rjk,2rrg-1a,2rss-9,2rt3-54,2s1c-c,2s1s-a,2s26-1k,2s3s,2s3x-f,2s4f-b,2s4v-9,2t4w-1ekd,47pc-1ekd".split(",").map((run) => {
  const [start, length = 0] = run.split("-").map((n) => parseInt(n, 36));
  return [start, start + length];
});
const isWide = (code) => code >= 0x1100 && WIDE.some(([lo, hi]) => code >= lo && code <= hi);

// ---- Objects Node's own classes print through their `[inspect.custom]`, for engines without them.

/** The custom inspector Node's `Buffer`, `URL` or `URLSearchParams` has, when `value` is one of ours. */
function nodeClassInspect(value) {
  if (value instanceof Uint8Array && typeof value.constructor?.isBuffer === "function") return inspectBuffer;
  if (typeof URL === "function" && value instanceof URL) return inspectURL;
  if (typeof URLSearchParams === "function" && value instanceof URLSearchParams) return inspectSearchParams;
}

function inspectBuffer() {
  const remaining = this.length - 50;
  return `<Buffer ${hexBytes(this, 50)}${remaining > 0 ? ` ... ${remaining} more byte${remaining > 1 ? "s" : ""}` : ""}>`;
}

function inspectURL(depth, options) {
  if (typeof depth === "number" && depth < 0) return this;
  const obj = {};
  for (const key of ["href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "searchParams", "hash"]) obj[key] = this[key];
  return `URL ${inspect(obj, options)}`;
}

function inspectSearchParams(recurseTimes, ctx) {
  const innerOpts = { ...ctx };
  if (recurseTimes !== null) innerOpts.depth = recurseTimes - 1;
  const output = [...this].map(([k, v]) => `${inspect(k, innerOpts)} => ${inspect(v, innerOpts)}`);
  const length = output.reduce((prev, cur) => prev + removeColors(cur).length + 2, -2);
  if (length > ctx.breakLength) return `URLSearchParams {\n  ${output.join(",\n  ")} }`;
  return output.length ? `URLSearchParams { ${output.join(", ")} }` : "URLSearchParams {}";
}

// ---- util.format.

/** Whether `%s` should inspect `value` rather than call its own `toString`. */
function hasBuiltInToString(value) {
  let hasOwnToString = hasOwn;
  let hasOwnToPrimitive = hasOwn;
  if (typeof value.toString !== "function") {
    if (typeof value[Symbol.toPrimitive] !== "function") return true;
    if (hasOwn(value, Symbol.toPrimitive)) return false;
    hasOwnToString = () => false;
  } else if (hasOwn(value, "toString")) {
    return false;
  } else if (typeof value[Symbol.toPrimitive] !== "function") {
    hasOwnToPrimitive = () => false;
  } else if (hasOwn(value, Symbol.toPrimitive)) {
    return false;
  }
  let pointer = value;
  do {
    pointer = Object.getPrototypeOf(pointer);
  } while (!hasOwnToString(pointer, "toString") && !hasOwnToPrimitive(pointer, Symbol.toPrimitive));
  const descriptor = Object.getOwnPropertyDescriptor(pointer, "constructor");
  return descriptor !== undefined && typeof descriptor.value === "function" && builtInObjects.has(descriptor.value.name);
}

function tryStringify(arg) {
  try {
    return JSON.stringify(arg);
  } catch (err) {
    if (err instanceof TypeError && /circular/i.test(err.message)) return "[Circular]";
    throw err;
  }
}

/** `%d` and `%i`: a bigint stays one, a symbol is `NaN`. */
const toNumber = (v, parse) => (typeof v === "bigint" ? formatBigInt(stylizeNoColor, v) : typeof v === "symbol" ? "NaN" : formatNumber(stylizeNoColor, parse(v)));

/** One placeholder's text: `%s %d %i %f %j %o %O %c`; `undefined` for a letter Node leaves alone. */
function formatPlaceholder(letter, arg, inspectOptions) {
  switch (letter) {
    case "s":
      if (typeof arg === "number") return formatNumber(stylizeNoColor, arg);
      if (typeof arg === "bigint") return formatBigInt(stylizeNoColor, arg);
      if (typeof arg !== "object" || arg === null || !hasBuiltInToString(arg)) return String(arg);
      return inspect(arg, { ...inspectOptions, compact: 3, colors: false, depth: 0 });
    case "j":
      return tryStringify(arg);
    case "d":
      return toNumber(arg, Number);
    case "O":
      return inspect(arg, inspectOptions);
    case "o":
      return inspect(arg, { ...inspectOptions, showHidden: true, showProxy: true, depth: 4 });
    case "i":
      return toNumber(arg, Number.parseInt);
    case "f":
      return typeof arg === "symbol" ? "NaN" : formatNumber(stylizeNoColor, Number.parseFloat(arg));
    case "c":
      return "";
  }
}

/** `util.formatWithOptions(inspectOptions, ...args)`. */
export function formatWithOptions(inspectOptions, ...args) {
  if (inspectOptions === null || typeof inspectOptions !== "object") {
    const e = new TypeError(`The "inspectOptions" argument must be of type object. Received ${inspectOptions === undefined || inspectOptions === null ? inspectOptions : `type ${typeof inspectOptions} (${inspect(inspectOptions)})`}`);
    e.code = "ERR_INVALID_ARG_TYPE";
    throw e;
  }
  return formatWithOptionsInternal(inspectOptions, args);
}

/** `util.format(...args)`. */
export function format(...args) {
  return formatWithOptionsInternal(undefined, args);
}

export function formatWithOptionsInternal(inspectOptions, args) {
  const first = args[0];
  let a = 0;
  let str = "";
  let join = "";
  if (typeof first === "string") {
    if (args.length === 1) return first;
    let lastPos = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (first[i] !== "%") continue;
      const next = first[++i];
      if (a + 1 !== args.length) {
        if (next === "%") {
          str += first.slice(lastPos, i);
          lastPos = i + 1;
          continue;
        }
        if (!"sjdOoifc".includes(next)) continue;
        const tempStr = formatPlaceholder(next, args[++a], inspectOptions);
        if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
        str += tempStr;
        lastPos = i + 1;
      } else if (next === "%") {
        str += first.slice(lastPos, i);
        lastPos = i + 1;
      }
    }
    if (lastPos !== 0) {
      a++;
      join = " ";
      if (lastPos < first.length) str += first.slice(lastPos);
    }
  }
  while (a < args.length) {
    const value = args[a];
    str += join + (typeof value !== "string" ? inspect(value, inspectOptions) : value);
    join = " ";
    a++;
  }
  return str;
}
