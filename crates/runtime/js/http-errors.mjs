// The `http-errors` package as Express and body-parser use it: `createError(status, msg,
// props)` makes a `NotAcceptableError`, `PayloadTooLargeError`, ... whose `status`,
// `statusCode` and `expose` come from its class, and `createError(status, err, props)`
// decorates an existing error. Learners see these names on the development error page.

const classes = new Map();

/** `toIdentifier(message) + 'Error'`: "Not Acceptable" → "NotAcceptableError". */
function className(message) {
  const id = message
    .split(" ")
    .map((t) => t.slice(0, 1).toUpperCase() + t.slice(1))
    .join("")
    .replace(/[^ _0-9a-z]/gi, "");
  return id.slice(-5) === "Error" ? id : id + "Error";
}

/** The HttpError subclass for a 4xx/5xx status with a standard message, as http-errors has. */
function errorClass(wasm, status) {
  if (classes.has(status)) return classes.get(status);
  const message = wasm.statusText(status);
  if (!message || status < 400 || status >= 600) return null;
  const name = className(message);
  const proto = Object.create(Error.prototype, {
    status: { value: status, writable: true, configurable: true, enumerable: true },
    statusCode: { value: status, writable: true, configurable: true, enumerable: true },
    expose: { value: status < 500, writable: true, configurable: true, enumerable: true },
  });
  // Named as http-errors' class is, so `console.log(err)` prints `PayloadTooLargeError: ...`.
  const ctor = { [name]: function () {} }[name];
  ctor.prototype = proto;
  Object.defineProperty(proto, "constructor", { value: ctor, writable: true, configurable: true, enumerable: false });
  const entry = { name, proto, message };
  classes.set(status, entry);
  return entry;
}

/**
 * `createError(status, [message | err], [props])`.
 * @param {object} wasm the engine bindings (for the standard status messages)
 */
export function createError(wasm, status, messageOrError, props = {}) {
  let err = messageOrError instanceof Error ? messageOrError : null;
  if (err) status = err.status || err.statusCode || status;
  if (typeof status !== "number" || (!wasm.statusText(status) && (status < 400 || status >= 600))) status = 500;
  const cls = errorClass(wasm, status);
  if (!err) {
    const msg = typeof messageOrError === "string" ? messageOrError : cls ? cls.message : wasm.statusText(status);
    err = new Error(msg);
    if (cls) {
      Object.setPrototypeOf(err, cls.proto);
      // http-errors makes it with `new PayloadTooLargeError(msg)`: the stack names the class.
      if (typeof err.stack === "string" && err.stack.startsWith("Error")) err.stack = cls.name + err.stack.slice(5);
      Object.defineProperty(err, "message", { value: msg, enumerable: true, configurable: true, writable: true });
      Object.defineProperty(err, "name", { value: cls.name, enumerable: false, configurable: true, writable: true });
    }
  }
  if (!cls || Object.getPrototypeOf(err) !== cls.proto || err.status !== status) {
    err.expose = status < 500;
    err.status = err.statusCode = status;
  }
  for (const key in props) {
    if (key !== "status" && key !== "statusCode") err[key] = props[key];
  }
  return err;
}
