//! The response as Express and Node build it: `res.send`'s rules, ETag, freshness, and the
//! headers Node adds when the head is written.

use crate::http::{status_text, Headers, Response};
use base64::Engine as _;

/// What `res.send` was given, after the runtime looked at the JS value's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// A string: `text/html` unless a Content-Type was set.
    Text(String),
    /// A Buffer or typed array: `application/octet-stream` unless set.
    Bytes(Vec<u8>),
    /// `null`/`undefined`: an empty body without a Content-Type.
    Empty,
}

/// One response being built by handlers, until it is finished.
#[derive(Debug, Clone)]
pub struct ResponseState {
    pub status: u16,
    pub status_message: Option<String>,
    pub headers: Headers,
    pub finished: bool,
    body: Vec<u8>,
}

impl Default for ResponseState {
    fn default() -> Self {
        Self::new()
    }
}

impl ResponseState {
    pub fn new() -> Self {
        Self {
            status: 200,
            status_message: None,
            headers: Headers::new(),
            finished: false,
            body: Vec::new(),
        }
    }

    /// `res.send(body)` for a request with this method and these headers.
    pub fn send(&mut self, body: Body, method: &str, req_headers: &Headers) {
        let bytes = match body {
            Body::Text(s) => {
                if !self.headers.contains("content-type") {
                    self.headers.set("Content-Type", "text/html");
                }
                // Only a string body gets `charset=utf-8` (Express's `setCharset`).
                if let Some(ct) = self.headers.get("content-type") {
                    let ct = set_charset(ct, "utf-8");
                    self.headers.set("Content-Type", ct);
                }
                s.into_bytes()
            }
            Body::Bytes(b) => {
                if !self.headers.contains("content-type") {
                    self.headers.set("Content-Type", "application/octet-stream");
                }
                b
            }
            Body::Empty => Vec::new(),
        };
        self.headers.set("Content-Length", bytes.len().to_string());
        if !self.headers.contains("etag") {
            self.headers.set("ETag", weak_etag(&bytes));
        }
        let mut bytes = bytes;
        if self.is_fresh(method, req_headers) {
            self.status = 304;
        }
        if self.status == 204 || self.status == 304 {
            self.headers.remove("Content-Type");
            self.headers.remove("Content-Length");
            self.headers.remove("Transfer-Encoding");
            bytes.clear();
        }
        if self.status == 205 {
            self.headers.set("Content-Length", "0");
            self.headers.remove("Transfer-Encoding");
            bytes.clear();
        }
        self.end(bytes, method);
    }

    /// `res.end(data)`: Node sets Content-Length when none was set, and sends no body to HEAD.
    pub fn end(&mut self, data: Vec<u8>, method: &str) {
        if self.finished {
            return;
        }
        // Node adds an implicit Content-Length only to responses that have a body: not to
        // HEAD, 1xx, 204 or 304 (`_hasBody` false).
        if !self.headers.contains("content-length")
            && !self.headers.contains("transfer-encoding")
            && !method.eq_ignore_ascii_case("HEAD")
            && self.status != 204
            && self.status != 304
            && !(100..200).contains(&self.status)
        {
            self.headers.set("Content-Length", data.len().to_string());
        }
        self.body = if method.eq_ignore_ascii_case("HEAD") {
            Vec::new()
        } else {
            data
        };
        self.finished = true;
    }

    /// `req.fresh`, as the `fresh` package decides it against this response's validators.
    pub fn is_fresh(&self, method: &str, req: &Headers) -> bool {
        if method != "GET" && method != "HEAD" {
            return false;
        }
        if !((200..300).contains(&self.status) || self.status == 304) {
            return false;
        }
        fresh(
            req,
            self.headers.get("etag"),
            self.headers.get("last-modified"),
        )
    }

    /// The response as the client receives it; `date` is Node's `Date` header value.
    pub fn finish(&self, date: &str) -> Response {
        let mut headers = self.headers.clone();
        headers.append("Date", date);
        headers.append("Connection", "keep-alive");
        headers.append("Keep-Alive", "timeout=5");
        Response {
            status: self.status,
            status_text: self
                .status_message
                .clone()
                .unwrap_or_else(|| status_text(self.status).to_string()),
            headers,
            body: self.body.clone(),
        }
    }
}

/// Express's `setCharset`: replaces (or adds) the `charset` parameter of a media type.
pub fn set_charset(content_type: &str, charset: &str) -> String {
    let mut parts = content_type.split(';');
    let media = parts.next().unwrap_or("").trim();
    let mut out = media.to_string();
    for p in parts {
        let p = p.trim();
        if p.is_empty() || p.to_ascii_lowercase().starts_with("charset=") {
            continue;
        }
        out.push_str("; ");
        out.push_str(p);
    }
    out.push_str("; charset=");
    out.push_str(charset);
    out
}

/// Express's default `etag fn`: weak, from the length and SHA-1 of the body.
pub fn weak_etag(body: &[u8]) -> String {
    if body.is_empty() {
        return "W/\"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk\"".into();
    }
    let digest = sha1_smol::Sha1::from(body).digest().bytes();
    let b64 = base64::engine::general_purpose::STANDARD.encode(digest);
    format!("W/\"{:x}-{}\"", body.len(), &b64[..27])
}

/// The `fresh` package: is the client's cached copy still good?
pub fn fresh(req: &Headers, etag: Option<&str>, last_modified: Option<&str>) -> bool {
    let modified_since = req.get("if-modified-since");
    let none_match = req.get("if-none-match");
    if modified_since.is_none() && none_match.is_none() {
        return false;
    }
    if let Some(cc) = req.get("cache-control") {
        if cc
            .split(',')
            .any(|d| d.trim().eq_ignore_ascii_case("no-cache"))
        {
            return false;
        }
    }
    if let Some(none_match) = none_match.filter(|v| *v != "*") {
        let Some(etag) = etag else { return false };
        let strip = |t: &str| t.trim().trim_start_matches("W/").to_string();
        let want = strip(etag);
        if !none_match.split(',').any(|t| strip(t) == want) {
            return false;
        }
    }
    if let Some(since) = modified_since {
        let Some(lm) = last_modified else {
            return false;
        };
        // HTTP dates compare as times; equal strings are the common case of a cached copy.
        if lm != since {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etags_match_the_etag_package() {
        // Values printed by `require('etag')(body, { weak: true })` on Node.
        let cases: &[(&str, &str)] = &[
            ("", "W/\"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk\""),
            ("hello", "W/\"5-qvTGHdzF6KLavt4PO0gs2a6pQ00\""),
            ("{\"success\":true}", "W/\"10-oV4hJxRVSENxc/wX8+mA4/Pe4tA\""),
        ];
        for (body, want) in cases {
            assert_eq!(weak_etag(body.as_bytes()), *want, "{body}");
        }
    }

    #[test]
    fn send_text_sets_html_charset_length_and_etag() {
        let mut res = ResponseState::new();
        res.send(Body::Text("hi".into()), "GET", &Headers::new());
        let out = res.finish("Tue, 24 Nov 2026 09:00:00 GMT");
        let names: Vec<&str> = out.headers.iter().map(|(n, _)| n).collect();
        assert_eq!(
            names,
            [
                "Content-Type",
                "Content-Length",
                "ETag",
                "Date",
                "Connection",
                "Keep-Alive"
            ]
        );
        assert_eq!(
            out.headers.get("content-type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(out.body, b"hi");
    }

    #[test]
    fn matching_if_none_match_gives_304_without_body() {
        let mut res = ResponseState::new();
        let req: Headers = [("If-None-Match", "W/\"5-qvTGHdzF6KLavt4PO0gs2a6pQ00\"")]
            .into_iter()
            .collect();
        res.send(Body::Text("hello".into()), "GET", &req);
        let out = res.finish("x");
        assert_eq!(out.status, 304);
        assert!(out.body.is_empty());
        assert!(!out.headers.contains("content-length"));
    }
}
