//! The part of `body-parser` that does not need a JavaScript engine: does this parser apply
//! to the request, is the body within the limit, and in which charset is it.

use engine::http::Headers;
use wasm_bindgen::prelude::*;

/// The verdict for one parser on one request.
#[wasm_bindgen(getter_with_clone)]
pub struct BodyRead {
    /// `false`: the parser leaves `req.body` as it is (`undefined` in Express 5).
    pub applies: bool,
    /// HTTP status of an error (413, 415), or 0.
    pub status: u16,
    /// `error.type` of body-parser (`entity.too.large`, ...), empty when none.
    pub kind: String,
    pub message: String,
    pub text: String,
}

impl BodyRead {
    fn skip() -> Self {
        Self {
            applies: false,
            status: 0,
            kind: String::new(),
            message: String::new(),
            text: String::new(),
        }
    }
}

/// Checks the Content-Type against `types` (`application/json`, `*/*`, `text/*`, `+json`
/// suffix forms), the body length against `limit` bytes, and decodes UTF-8.
pub fn read(headers: &Headers, body: &[u8], types: &[String], limit: f64) -> BodyRead {
    let has_body = headers.contains("transfer-encoding")
        || headers
            .get("content-length")
            .is_some_and(|l| l.trim() != "0" && !l.trim().is_empty());
    if !has_body {
        return BodyRead::skip();
    }
    let Some(ct) = headers.get("content-type") else {
        return BodyRead::skip();
    };
    let media = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if !types.iter().any(|t| type_matches(t, &media)) {
        return BodyRead::skip();
    }
    if body.len() as f64 > limit {
        return BodyRead {
            applies: true,
            status: 413,
            kind: "entity.too.large".into(),
            message: "request entity too large".into(),
            text: String::new(),
        };
    }
    BodyRead {
        applies: true,
        status: 0,
        kind: String::new(),
        message: String::new(),
        text: String::from_utf8_lossy(body).into_owned(),
    }
}

/// `type-is` matching of a configured type against the request's media type.
fn type_matches(pattern: &str, media: &str) -> bool {
    let pattern = pattern.to_ascii_lowercase();
    if pattern == "*/*" || pattern == media {
        return true;
    }
    let (Some((pt, ps)), Some((mt, ms))) = (pattern.split_once('/'), media.split_once('/')) else {
        return false;
    };
    if let Some(suffix) = ps.strip_prefix("*+") {
        return pt == mt && ms.ends_with(&format!("+{suffix}"));
    }
    (pt == "*" || pt == mt) && (ps == "*" || ps == ms)
}
