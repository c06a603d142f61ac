//! Bindings behind the body parsers (`js/body.mjs`): everything `body-parser` decides before
//! and around the JS engine's `JSON.parse` is `engine::body`.

use crate::request::qs_object_to_js;
use crate::Exchange;
use engine::body::{self, CharsetRule, Read, ReadOptions, UrlencodedOptions};
use engine::http::Headers;
use js_sys::Array;
use wasm_bindgen::prelude::*;

/// The verdict for one parser on one request.
#[wasm_bindgen(getter_with_clone)]
pub struct BodyRead {
    /// 0: skip (`next()`), 1: error (`next(err)`), 2: the body was read.
    pub outcome: u8,
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
    /// The body when read.
    pub bytes: Vec<u8>,
}

impl BodyRead {
    fn empty(outcome: u8) -> Self {
        Self {
            outcome,
            status: 0,
            kind: String::new(),
            message: String::new(),
            charset: None,
            encoding: None,
            length: None,
            limit: None,
            received: None,
            bytes: Vec::new(),
        }
    }
}

fn fail(e: body::BodyError) -> BodyRead {
    BodyRead {
        status: e.status,
        kind: e.kind,
        message: e.message,
        charset: e.charset,
        encoding: e.encoding,
        length: e.length,
        limit: e.limit,
        received: e.received,
        ..BodyRead::empty(1)
    }
}

#[wasm_bindgen]
impl Exchange {
    /// body-parser's `read()` up to `verify`, on `req.headers` as it is now (`headers` is
    /// `[name, value, ...]`): `types` is `None` when the learner's `type` function already
    /// said yes. `rule`: 0 json, 1 urlencoded, 2 text, 3 raw.
    #[wasm_bindgen(js_name = readBody)]
    pub fn read_body(
        &self,
        headers: Vec<String>,
        types: Option<Vec<String>>,
        limit: f64,
        inflate: bool,
        rule: u8,
        default_charset: String,
    ) -> BodyRead {
        let charset = match rule {
            0 => CharsetRule::Json,
            1 => CharsetRule::Urlencoded,
            2 => CharsetRule::Any,
            _ => CharsetRule::Skip,
        };
        let opts = ReadOptions {
            types,
            limit,
            inflate,
            charset,
            default_charset,
        };
        let headers: Headers = headers
            .chunks_exact(2)
            .map(|p| (p[0].clone(), p[1].clone()))
            .collect();
        match body::read(&headers, &self.body, &opts) {
            Read::Skip => BodyRead::empty(0),
            Read::Fail(e) => fail(e),
            Read::Body { bytes, charset } => BodyRead {
                charset,
                bytes,
                ..BodyRead::empty(2)
            },
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
