//! Bindings behind `req` (`js/request.mjs`): headers as Node shows them, content negotiation,
//! `req.is`, `req.range`, the extended query parser and `trust proxy`. Every rule is the
//! engine's; this file only moves values across.

use crate::Routing;
use engine::http::Headers;
use engine::incoming::{self, HeaderValue};
use engine::negotiate::{self, Kind};
use engine::range::{self, Ranges};
use engine::{fresh, media, proxy, qs};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

fn kind(k: u8) -> Kind {
    match k {
        1 => Kind::Language,
        2 => Kind::Charset,
        3 => Kind::Encoding,
        _ => Kind::MediaType,
    }
}

/// A `qs` value as the plain JS value qs builds.
pub(crate) fn qs_to_js(v: &qs::Value) -> JsValue {
    match v {
        qs::Value::Str(s) => JsValue::from_str(s),
        qs::Value::Arr(a) => a
            .items
            .iter()
            .map(|i| i.as_ref().map_or(JsValue::UNDEFINED, qs_to_js))
            .collect::<Array>()
            .into(),
        qs::Value::Obj(o) => qs_object_to_js(o).into(),
    }
}

pub(crate) fn qs_object_to_js(o: &qs::Object) -> Object {
    let out = Object::new();
    for (k, v) in &o.entries {
        let _ = Reflect::set(&out, &JsValue::from_str(k), &qs_to_js(v));
    }
    out
}

#[wasm_bindgen]
impl Routing {
    /// `req.headers` as `name\0value\0...` (lower-case names, repeats combined as Node does),
    /// or `None` when a request sent Set-Cookie, whose value is a list: see
    /// [`Routing::req_header_list`].
    #[wasm_bindgen(js_name = reqHeaderObject)]
    pub fn req_header_object(&self, ex: u32) -> Option<String> {
        let mut out = String::with_capacity(256);
        for (name, value) in incoming::header_object(&self.ex(ex).req_headers) {
            let HeaderValue::One(v) = value else {
                return None;
            };
            if !out.is_empty() {
                out.push('\0');
            }
            out.push_str(&name);
            out.push('\0');
            out.push_str(&v);
        }
        Some(out)
    }

    /// `req.headers` as `[name, value, ...]`, Set-Cookie's value an array.
    #[wasm_bindgen(js_name = reqHeaderList)]
    pub fn req_header_list(&self, ex: u32) -> Array {
        let out = Array::new();
        for (name, value) in incoming::header_object(&self.ex(ex).req_headers) {
            out.push(&JsValue::from_str(&name));
            match value {
                HeaderValue::One(v) => out.push(&JsValue::from_str(&v)),
                HeaderValue::List(list) => {
                    out.push(&list.iter().map(|v| JsValue::from_str(v)).collect::<Array>())
                }
            };
        }
        out
    }

    /// `req.rawHeaders`: `[name, value, ...]` in the order sent.
    #[wasm_bindgen(js_name = reqRawHeaders)]
    pub fn req_raw_headers(&self, ex: u32) -> Vec<String> {
        let headers = &self.ex(ex).req_headers;
        headers
            .iter()
            .flat_map(|(n, v)| [n.to_string(), v.to_string()])
            .collect()
    }
}

/// `accepts(req).types(types)` for a non-empty list, given `req.headers.accept`: the best
/// type as given, or `None` (`false`).
#[wasm_bindgen(js_name = acceptsType)]
pub fn accepts_type(accept: Option<String>, types: Vec<String>) -> Option<String> {
    negotiate::accepts_type(accept.as_deref(), &types)
}

/// `accepts(req).languages|charsets|encodings(list)` (`kind` 1, 2, 3) for a non-empty list,
/// given the Accept-* header.
#[wasm_bindgen(js_name = acceptsOf)]
pub fn accepts_of(kind_code: u8, header: Option<String>, offered: Vec<String>) -> Option<String> {
    negotiate::accepts(kind(kind_code), header.as_deref(), &offered)
}

/// Every value of an Accept-* header, best first (`req.accepts()` with no arguments).
#[wasm_bindgen(js_name = acceptsAll)]
pub fn accepts_all(kind_code: u8, header: Option<String>) -> Vec<String> {
    negotiate::preferred(kind(kind_code), header.as_deref(), None)
}

/// `typeis.is(contentType, types)`: the matching type, or `None` (`false`).
#[wasm_bindgen(js_name = typeIs)]
pub fn type_is(content_type: Option<String>, types: Vec<String>) -> Option<String> {
    media::type_is(content_type.as_deref(), &types)
}

/// `rangeParser(size, header, { combine })`: -1, -2, or the ranges array with its `type`.
#[wasm_bindgen(js_name = parseRange)]
pub fn parse_range(size: f64, header: &str, combine: bool) -> JsValue {
    match range::parse(size, header, combine) {
        Ranges::Malformed => JsValue::from(-2),
        Ranges::Unsatisfiable => JsValue::from(-1),
        Ranges::Satisfiable { unit, ranges } => {
            let arr = Array::new();
            for r in ranges {
                let o = Object::new();
                let _ = Reflect::set(&o, &"start".into(), &JsValue::from(r.start));
                let _ = Reflect::set(&o, &"end".into(), &JsValue::from(r.end));
                arr.push(&o);
            }
            let _ = Reflect::set(&arr, &"type".into(), &JsValue::from_str(&unit));
            arr.into()
        }
    }
}

/// The `forwarded` package: X-Forwarded-For addresses, closest proxy first.
#[wasm_bindgen(js_name = parseForwarded)]
pub fn parse_forwarded(header: &str) -> Vec<String> {
    proxy::forwarded(header)
}

/// `fresh(reqHeaders, resHeaders)` from the header values it reads.
#[wasm_bindgen(js_name = isFresh)]
pub fn is_fresh(
    if_modified_since: Option<String>,
    if_none_match: Option<String>,
    cache_control: Option<String>,
    etag: Option<String>,
    last_modified: Option<String>,
) -> bool {
    let mut req = Headers::new();
    for (name, value) in [
        ("if-modified-since", if_modified_since),
        ("if-none-match", if_none_match),
        ("cache-control", cache_control),
    ] {
        if let Some(v) = value {
            req.append(name, v);
        }
    }
    fresh::fresh(&req, etag.as_deref(), last_modified.as_deref())
}

/// Express's extended query parser: `qs.parse(str, { allowPrototypes: true })`.
#[wasm_bindgen(js_name = qsParse)]
pub fn qs_parse(query: &str) -> JsValue {
    match qs::parse(query, &qs::Options::query()) {
        Ok(o) => qs_object_to_js(&o).into(),
        Err(_) => Object::new().into(),
    }
}

/// Node's `net.isIP(s)`: 4, 6 or 0.
#[wasm_bindgen(js_name = isIP)]
pub fn is_ip(s: &str) -> u8 {
    proxy::is_ip(s)
}

/// A compiled `trust proxy` address list (`proxyaddr.compile`), for `app.set('trust proxy')`.
#[wasm_bindgen]
pub struct TrustProxy(proxy::Trust);

#[wasm_bindgen]
impl TrustProxy {
    /// Compiles addresses, CIDR ranges and names; throws proxy-addr's TypeError texts.
    pub fn compile(list: Vec<String>) -> Result<TrustProxy, JsValue> {
        proxy::compile(&list)
            .map(TrustProxy)
            .map_err(|m| js_sys::TypeError::new(&m).into())
    }

    /// `trust(addr, i)`.
    pub fn trusts(&self, addr: &str, i: usize) -> bool {
        self.0.trusts(addr, i)
    }
}
