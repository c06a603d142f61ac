//! Bindings for the middleware packages learners import — `cookie-parser`, `cors`, `morgan` —
//! and for `res.cookie`. The modules in `js/modules/` call these; every rule lives in the
//! engine (`engine::cookie`, `engine::cors`, `engine::morgan`). JS turns learner values into
//! plain strings, numbers and flags first, as the real packages' own coercions do.

use crate::Routing;
use engine::{cookie, cors, morgan};
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn type_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::TypeError::new(&message.to_string()).into()
}

#[wasm_bindgen]
impl Routing {
    /// Adds one header line without touching the others (`res.cookie`'s `Set-Cookie`).
    #[wasm_bindgen(js_name = appendHeader)]
    pub fn append_header(&mut self, ex: u32, name: &str, value: String) {
        self.ex_mut(ex).res.headers.append(name, value);
    }
}

// ---- cookies ----

/// `cookie.parse(header)` as `[name, value, name, value, ...]`; values are decoded unless the
/// learner passed their own `decode` (then JS applies it to the raw values).
#[wasm_bindgen(js_name = cookieParse)]
pub fn cookie_parse(header: &str, decode: bool) -> Vec<String> {
    cookie::parse(header)
        .into_iter()
        .flat_map(|(k, v)| [k, if decode { cookie::decode(&v) } else { v }])
        .collect()
}

/// Whether `cookie.serialize` accepts `name` (checked before a custom `encode` runs).
#[wasm_bindgen(js_name = cookieNameValid)]
pub fn cookie_name_valid(name: &str) -> bool {
    cookie::is_valid_name(name)
}

/// `cookie.serialize(name, value, options)`, throwing its `TypeError`s. `options` holds the
/// fields of [`cookie::SerializeOptions`] under their JS names, already normalised.
#[wasm_bindgen(js_name = cookieSerialize)]
pub fn cookie_serialize(name: &str, value: &str, options: &JsValue) -> Result<String, JsValue> {
    let text = |key| get(options, key).as_string();
    let opts = cookie::SerializeOptions {
        encoded: get(options, "encoded").is_truthy(),
        max_age: get(options, "maxAge").as_f64(),
        domain: text("domain"),
        path: text("path"),
        expires: get(options, "expires").as_f64(),
        http_only: get(options, "httpOnly").is_truthy(),
        secure: get(options, "secure").is_truthy(),
        partitioned: get(options, "partitioned").is_truthy(),
        priority: text("priority"),
        same_site: text("sameSite"),
    };
    cookie::serialize(name, value, &opts).map_err(type_error)
}

/// `cookie-signature`'s `sign(value, secret)`.
#[wasm_bindgen(js_name = cookieSign)]
pub fn cookie_sign(value: &str, secret: &[u8]) -> String {
    cookie::sign(value, secret)
}

/// `cookie-signature`'s `unsign(input, secret)`; `undefined` where it returns `false`.
#[wasm_bindgen(js_name = cookieUnsign)]
pub fn cookie_unsign(input: &str, secret: &[u8]) -> Option<String> {
    cookie::unsign(input, secret)
}

// ---- cors ----

/// What `cors` does for one request: `[ends, name, value, ...]`; `ends` says the preflight is
/// answered here (JS then sets `optionsSuccessStatus`, whatever value the learner gave, and
/// ends the response), else the request goes on to `next()`. A `Vary` entry is to be merged
/// with `varyAppend`.
///
/// `options`: `{ origin: "*" | string | undefined, allowed, methods, reflectHeaders,
/// allowedHeaders, exposedHeaders, credentials, maxAge, preflightContinue }`, where `origin`
/// undefined means "reflect the request's origin when `allowed`".
#[wasm_bindgen(js_name = corsPlan)]
pub fn cors_plan(
    options: &JsValue,
    method: &str,
    origin: Option<String>,
    request_headers: Option<String>,
) -> Array {
    let text = |key| get(options, key).as_string();
    let opts = cors::Options {
        origin: match text("origin") {
            Some(o) if o == "*" => cors::Origin::Any,
            Some(o) => cors::Origin::Fixed(o),
            None => cors::Origin::Reflect {
                allowed: get(options, "allowed").is_truthy(),
            },
        },
        methods: text("methods"),
        allowed_headers: if get(options, "reflectHeaders").is_truthy() {
            cors::AllowedHeaders::Reflect
        } else {
            cors::AllowedHeaders::Fixed(text("allowedHeaders"))
        },
        exposed_headers: text("exposedHeaders"),
        credentials: get(options, "credentials").is_truthy(),
        max_age: text("maxAge"),
        preflight_continue: get(options, "preflightContinue").is_truthy(),
        options_success_status: 204,
    };
    let req = cors::Request {
        method,
        origin: origin.as_deref(),
        request_headers: request_headers.as_deref(),
    };
    let plan = cors::plan(&opts, &req);
    let out = Array::new();
    out.push(&JsValue::from_bool(plan.end.is_some()));
    for (name, value) in plan.headers {
        out.push(&JsValue::from_str(name));
        out.push(&JsValue::from_str(&value));
    }
    out
}

/// The `vary` package's `append(header, field)` as `cors` calls it, throwing its `TypeError`.
#[wasm_bindgen(js_name = varyAppend)]
pub fn vary_append(header: &str, field: &str) -> Result<String, JsValue> {
    engine::vary::append(header, &[field.to_string()]).map_err(type_error)
}

// ---- morgan ----

/// `morgan.compile(format)` as a list whose items are literal strings or token calls
/// `[name]` / `[name, arg]`.
#[wasm_bindgen(js_name = morganCompile)]
pub fn morgan_compile(format: &str) -> Array {
    morgan::compile(format)
        .into_iter()
        .map(|segment| -> JsValue {
            match segment {
                morgan::Segment::Text(t) => JsValue::from_str(&t),
                morgan::Segment::Token { name, arg } => {
                    let call = Array::of1(&JsValue::from_str(&name));
                    if let Some(arg) = arg {
                        call.push(&JsValue::from_str(&arg));
                    }
                    call.into()
                }
            }
        })
        .collect()
}

/// morgan's named formats as `[name, format, ...]`.
#[wasm_bindgen(js_name = morganFormats)]
pub fn morgan_formats() -> Vec<String> {
    morgan::FORMATS
        .iter()
        .flat_map(|(name, format)| [name.to_string(), format.to_string()])
        .collect()
}

/// The format string `dev` uses for a status (`undefined` before headers are sent), or its
/// colourless variant when `NO_COLOR` is set.
#[wasm_bindgen(js_name = morganDevFormat)]
pub fn morgan_dev_format(status: Option<f64>, no_color: bool) -> String {
    if no_color {
        morgan::DEV_NO_COLOR.to_string()
    } else {
        morgan::dev_format(status)
    }
}

/// morgan's `escapeLogField` for a token's string value.
#[wasm_bindgen(js_name = morganEscape)]
pub fn morgan_escape(value: &str) -> String {
    morgan::escape_log_field(value)
}

/// The `:date[format]` token at time `ms`.
#[wasm_bindgen(js_name = morganDate)]
pub fn morgan_date(ms: f64, format: Option<String>) -> Option<String> {
    morgan::date(ms, format.as_deref())
}

/// The `:remote-user` token for an `Authorization` header.
#[wasm_bindgen(js_name = morganRemoteUser)]
pub fn morgan_remote_user(authorization: &str) -> Option<String> {
    morgan::remote_user(authorization)
}
