// `cors` 2.8: the options and origin callbacks, `RegExp` origins and the coercion of option
// values run here, in JS, as in the real package; which headers a request gets, in which
// order, and whether a preflight is answered are the engine's (`engine::cors`).

const defaults = {
  origin: "*",
  methods: "GET,HEAD,PUT,PATCH,POST,DELETE",
  preflightContinue: false,
  optionsSuccessStatus: 204,
};

const isString = (s) => typeof s === "string" || s instanceof String;

function isOriginAllowed(origin, allowedOrigin) {
  if (Array.isArray(allowedOrigin)) {
    for (const allowed of allowedOrigin) if (isOriginAllowed(origin, allowed)) return true;
    return false;
  }
  if (isString(allowedOrigin)) return origin === allowedOrigin;
  if (allowedOrigin instanceof RegExp) return allowedOrigin.test(origin);
  return !!allowedOrigin;
}

/** A header value as `cors` sets it: lists joined with `,`, absent when empty or falsy. */
function listValue(value) {
  const joined = value && value.join ? value.join(",") : value;
  return joined && joined.length ? String(joined) : undefined;
}

/** The `cors` module for one program. */
export function createCors(wasm) {
  function vary(res, field) {
    const current = res.getHeader("Vary") || "";
    const header = Array.isArray(current) ? current.join(", ") : String(current);
    const value = wasm.varyAppend(header, field);
    if (value) res.setHeader("Vary", value);
  }

  /** The `cors(options, req, res, next)` step once the options and origin are resolved. */
  function cors(options, req, res, next) {
    const method = req.method && req.method.toUpperCase && req.method.toUpperCase();
    const { origin } = options;
    const reflect = !!origin && origin !== "*" && !isString(origin);
    const plain = {
      origin: reflect ? undefined : !origin || origin === "*" ? "*" : String(origin),
      allowed: reflect && isOriginAllowed(req.headers.origin, origin),
      credentials: options.credentials === true,
      exposedHeaders: listValue(options.exposedHeaders),
      preflightContinue: !!options.preflightContinue,
    };
    if (method === "OPTIONS") {
      let methods = options.methods;
      if (methods.join) methods = methods.join(",");
      plain.methods = methods ? String(methods) : undefined;
      const allowedHeaders = options.allowedHeaders || options.headers;
      plain.reflectHeaders = !allowedHeaders;
      plain.allowedHeaders = listValue(allowedHeaders);
      const maxAge = (typeof options.maxAge === "number" || options.maxAge) && options.maxAge.toString();
      plain.maxAge = maxAge && maxAge.length ? maxAge : undefined;
    }
    const requestOrigin = req.headers.origin;
    const requested = req.headers["access-control-request-headers"];
    const [ends, ...headers] = wasm.corsPlan(
      plain,
      String(method ?? ""),
      requestOrigin ? String(requestOrigin) : undefined,
      requested ? String(requested) : undefined,
    );
    for (let i = 0; i < headers.length; i += 2) {
      if (headers[i] === "Vary") vary(res, headers[i + 1]);
      else res.setHeader(headers[i], headers[i + 1]);
    }
    if (!ends) return next();
    // The plan holds Content-Length: 0 (Safari waits for a body on a 204 without it).
    res.statusCode = options.optionsSuccessStatus;
    res.end();
  }

  function middlewareWrapper(o) {
    const optionsCallback = typeof o === "function" ? o : (req, cb) => cb(null, o);
    return function corsMiddleware(req, res, next) {
      optionsCallback(req, (err, options) => {
        if (err) return next(err);
        const corsOptions = Object.assign({}, defaults, options);
        let originCallback = null;
        if (corsOptions.origin && typeof corsOptions.origin === "function") originCallback = corsOptions.origin;
        else if (corsOptions.origin) originCallback = (origin, cb) => cb(null, corsOptions.origin);
        if (!originCallback) return next();
        originCallback(req.headers.origin, (err2, origin) => {
          if (err2 || !origin) return next(err2);
          corsOptions.origin = origin;
          cors(corsOptions, req, res, next);
        });
      });
    };
  }

  return { default: middlewareWrapper };
}
