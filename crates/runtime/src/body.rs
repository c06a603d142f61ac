//! Bindings behind the body parsers (`js/body.mjs`): everything `body-parser` decides before
//! and around the JS engine's `JSON.parse` is `engine::body`.

use crate::request::qs_object_to_js;
use crate::Routing;
use engine::body::{self, CharsetRule, Read, ReadOptions, UrlencodedOptions};
use engine::http::Headers;
use js_sys::Array;
use wasm_bindgen::prelude::*;

/// Why a body parser failed, as body-parser's error carries it.
#[wasm_bindgen(getter_with_clone)]
pub struct BodyFailure {
    /// HTTP status of an error (400, 413, 415).
    pub status: u16,
    /// `err.type` of body-parser (`entity.too.large`, ...).
    pub kind: String,
    pub message: String,
    pub charset: Option<String>,
    pub encoding: Option<String>,
    pub length: Option<f64>,
    pub limit: Option<f64>,
    pub received: Option<f64>,
    /// `err.code` / `err.errno` of Node's zlib for a corrupt compressed body (no `type`).
    pub code: Option<String>,
    pub errno: Option<i32>,
}

fn fail(e: body::BodyError) -> BodyFailure {
    BodyFailure {
        status: e.status,
        kind: e.kind,
        message: e.message,
        charset: e.charset,
        encoding: e.encoding,
        length: e.length,
        limit: e.limit,
        received: e.received,
        code: e.zlib.map(|z| z.code.to_string()),
        errno: e.zlib.map(|z| z.errno),
    }
}

/// What [`Routing::read_body`] returns.
const SKIP: u8 = 0;
const FAIL: u8 = 1;
const READ_UTF8: u8 = 2;
const READ_OTHER: u8 = 3;
const READ_RAW: u8 = 4;

fn charset_rule(rule: u8) -> CharsetRule {
    match rule {
        0 => CharsetRule::Json,
        1 => CharsetRule::Urlencoded,
        2 => CharsetRule::Any,
        _ => CharsetRule::Skip,
    }
}

#[wasm_bindgen]
impl Routing {
    /// Registers a body parser's options (`express.json(options)`, ...); returns its id.
    /// `types` is `None` when the learner's `type` is a function (JS asks it first).
    /// `rule`: 0 json, 1 urlencoded, 2 text, 3 raw.
    #[wasm_bindgen(js_name = addBodyParser)]
    pub fn add_body_parser(
        &mut self,
        types: Option<Vec<String>>,
        limit: f64,
        inflate: bool,
        rule: u8,
        default_charset: String,
    ) -> u32 {
        self.parsers.push(ReadOptions {
            types,
            limit,
            inflate,
            charset: charset_rule(rule),
            default_charset,
        });
        (self.parsers.len() - 1) as u32
    }

    /// body-parser's `read()` up to `verify`, on the request's headers as received when
    /// `as_received`, else on the `req.headers` values `body::read` looks at (only these
    /// four). Returns 0 skip (`next()`), 1 error (see `bodyError`), or the body was read:
    /// 2 as UTF-8, 3 in another charset (`bodyCharset`), 4 raw; then `bodyText` /
    /// `bodyBytes` give it.
    #[wasm_bindgen(js_name = readBody)]
    #[allow(clippy::too_many_arguments)]
    pub fn read_body(
        &mut self,
        ex: u32,
        parser: u32,
        as_received: bool,
        content_type: Option<String>,
        content_length: Option<String>,
        transfer_encoding: Option<String>,
        content_encoding: Option<String>,
    ) -> u8 {
        if as_received {
            return self.read_with(ex, parser, None);
        }
        let headers: Headers = [
            ("content-type", content_type),
            ("content-length", content_length),
            ("transfer-encoding", transfer_encoding),
            ("content-encoding", content_encoding),
        ]
        .into_iter()
        .filter_map(|(n, v)| Some((n, v?)))
        .collect();
        self.read_with(ex, parser, Some(&headers))
    }

    /// [`Routing::read_body`] for `req.headers` a learner changed into lists: `headers` is
    /// `[name, value, ...]`.
    #[wasm_bindgen(js_name = readBodyList)]
    pub fn read_body_list(&mut self, ex: u32, parser: u32, headers: Vec<String>) -> u8 {
        let headers: Headers = headers
            .chunks_exact(2)
            .map(|p| (p[0].clone(), p[1].clone()))
            .collect();
        self.read_with(ex, parser, Some(&headers))
    }

    /// The error of the last `readBody` that failed.
    #[wasm_bindgen(js_name = bodyError)]
    pub fn body_error(&mut self, ex: u32) -> Option<BodyFailure> {
        self.ex_mut(ex).read_error.take().map(fail)
    }

    /// The charset the body was read in (for result 3).
    #[wasm_bindgen(js_name = bodyCharset)]
    pub fn body_charset(&self, ex: u32) -> Option<String> {
        self.ex(ex).read.as_ref().and_then(|(_, cs)| cs.clone())
    }

    /// The body read, decoded in its charset (`iconv.decode`).
    #[wasm_bindgen(js_name = bodyText)]
    pub fn body_text(&self, ex: u32) -> String {
        match &self.ex(ex).read {
            Some((bytes, Some(charset))) => body::decode(bytes, charset),
            Some((bytes, None)) => String::from_utf8_lossy(bytes).into_owned(),
            None => String::new(),
        }
    }

    /// The body read, as bytes.
    #[wasm_bindgen(js_name = bodyBytes)]
    pub fn body_bytes(&self, ex: u32) -> Vec<u8> {
        self.ex(ex)
            .read
            .as_ref()
            .map(|(bytes, _)| bytes.clone())
            .unwrap_or_default()
    }
}

impl Routing {
    /// Runs `parser` on `headers`, or on the request's own headers for `None`.
    fn read_with(&mut self, ex: u32, parser: u32, headers: Option<&Headers>) -> u8 {
        let Routing {
            exchanges, parsers, ..
        } = self;
        let ex = crate::exchange::slot(exchanges, ex);
        let headers = headers.unwrap_or(&ex.req_headers);
        match body::read(headers, &ex.body, &parsers[parser as usize]) {
            Read::Skip => SKIP,
            Read::Fail(e) => {
                ex.read_error = Some(e);
                FAIL
            }
            Read::Body { bytes, charset } => {
                let outcome = match charset.as_deref() {
                    Some("utf-8") => READ_UTF8,
                    Some(_) => READ_OTHER,
                    None => READ_RAW,
                };
                ex.read = Some((bytes, charset));
                outcome
            }
        }
    }
}

/// `iconv.decode(bytes, charset)`.
#[wasm_bindgen(js_name = decodeBody)]
pub fn decode_body(bytes: &[u8], charset: &str) -> String {
    body::decode(bytes, charset)
}

/// `express.urlencoded`'s parse: `[true, object]`, or `[false, status, type, message]`.
#[wasm_bindgen(js_name = parseUrlencoded)]
pub fn parse_urlencoded(
    text: &str,
    charset: &str,
    extended: bool,
    parameter_limit: f64,
    depth: Option<f64>,
    charset_sentinel: bool,
    interpret_numeric_entities: bool,
) -> Array {
    let opts = UrlencodedOptions {
        extended,
        parameter_limit,
        depth,
        charset_sentinel,
        interpret_numeric_entities,
    };
    let out = Array::new();
    match body::urlencoded(text, charset, &opts) {
        Ok(obj) => {
            out.push(&JsValue::TRUE);
            out.push(&qs_object_to_js(&obj));
        }
        Err(e) => {
            out.push(&JsValue::FALSE);
            out.push(&JsValue::from(e.status));
            out.push(&JsValue::from_str(&e.kind));
            out.push(&JsValue::from_str(&e.message));
        }
    }
    out
}
