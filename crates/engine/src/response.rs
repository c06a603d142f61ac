//! The response as Express and Node build it: `res.send`'s rules, ETag, freshness, and what
//! Node's `ServerResponse` adds when the head goes out (Date, Connection, Keep-Alive, and
//! Content-Length or `Transfer-Encoding: chunked`).

use crate::http::{status_text, Headers, Response};
use crate::{incoming, media, mime};
use std::cell::RefCell;
use std::fmt::Write as _;

/// What `res.send` was given, after the runtime looked at the JS value's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// A string: `text/html` unless a Content-Type was set; always `charset=utf-8`.
    Text(String),
    /// A Buffer or typed array: `application/octet-stream` unless set.
    Bytes(Vec<u8>),
    /// `null`: an empty body, counted and tagged, but no Content-Type.
    Null,
    /// `undefined`: no body at all (no Content-Length from Express, no ETag).
    Empty,
}

/// How `res.send` tags a body that has no ETag yet (the app's `etag fn`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ETagPolicy {
    /// `app.set('etag', 'weak')`, the default.
    Weak,
    /// `app.set('etag', 'strong')`.
    Strong,
    /// `app.set('etag', false)`, or a custom function that returned nothing.
    Off,
    /// What the learner's `etag fn` returned.
    Given(String),
}

/// One response being built by handlers, until it is finished.
#[derive(Debug, Clone)]
pub struct ResponseState {
    pub status: u16,
    /// `res.statusMessage`; Node's reason phrase when `None`.
    pub status_message: Option<String>,
    pub headers: Headers,
    pub finished: bool,
    /// The client asked to keep the connection (no `Connection: close`).
    keep_alive: bool,
    /// The head as it went out (`res.headersSent`), with Node's own headers added. Date is
    /// left empty and filled in by [`ResponseState::finish`].
    head: Option<Headers>,
    /// The status line as it went out with the head.
    head_status: Option<(u16, String)>,
    /// Whether this response carries a body at all (not HEAD, 1xx, 204 or 304).
    has_body: bool,
    /// The connection was dropped mid-response (`req.socket.destroy()`).
    pub destroyed: bool,
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
            keep_alive: true,
            head: None,
            head_status: None,
            has_body: true,
            destroyed: false,
            body: Vec::new(),
        }
    }

    /// A response to a request with these headers (`Connection: close` closes).
    pub fn for_request(req: &Headers) -> Self {
        Self {
            keep_alive: incoming::keep_alive(req),
            ..Self::new()
        }
    }

    /// `res.headersSent`.
    pub fn headers_sent(&self) -> bool {
        self.head.is_some()
    }

    /// `res.send(body)` with the default weak ETags.
    pub fn send(&mut self, body: Body, method: &str, req_headers: &Headers) {
        // Only a Content-Type that `content-type` cannot format fails; fall back to end().
        if self
            .send_with(body, &ETagPolicy::Weak, method, req_headers)
            .is_err()
        {
            self.end(Vec::new(), method);
        }
    }

    /// `res.send(body)`: Content-Type and charset, Content-Length, ETag, 304 for a fresh
    /// request, stripped 204/304/205 bodies. `Err` is the TypeError `setCharset` throws.
    pub fn send_with(
        &mut self,
        body: Body,
        etag: &ETagPolicy,
        method: &str,
        req_headers: &Headers,
    ) -> Result<(), String> {
        let bytes = match body {
            Body::Text(s) => {
                let ct = match self.headers.get("content-type") {
                    Some(ct) => utf8_content_type(ct)?,
                    None => mime::content_type("html").unwrap_or_default(),
                };
                self.headers.set("Content-Type", ct);
                Some(s.into_bytes())
            }
            Body::Bytes(b) => {
                if self.headers.get("content-type").is_none_or(str::is_empty) {
                    self.headers.set("Content-Type", "application/octet-stream");
                }
                Some(b)
            }
            Body::Null => Some(Vec::new()),
            Body::Empty => None,
        };
        if let Some(bytes) = &bytes {
            if !self.headers.contains("transfer-encoding") {
                self.headers.set("Content-Length", bytes.len().to_string());
            }
            if self.headers.get("etag").is_none_or(str::is_empty) {
                let tag = match etag {
                    ETagPolicy::Weak => Some(weak_etag(bytes)),
                    ETagPolicy::Strong => Some(strong_etag(bytes)),
                    ETagPolicy::Off => None,
                    ETagPolicy::Given(t) => Some(t.clone()),
                };
                if let Some(tag) = tag.filter(|t| !t.is_empty()) {
                    self.headers.set("ETag", tag);
                }
            }
        }
        let mut bytes = bytes.unwrap_or_default();
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
        if method.eq_ignore_ascii_case("HEAD") {
            bytes.clear();
        }
        self.end(bytes, method);
        Ok(())
    }

    /// Sends the head, as Node's `_storeHeader` writes it. `length` is the whole body's size
    /// when `end()` sends the head (then Node adds Content-Length instead of chunking).
    fn write_head(&mut self, method: &str, length: Option<usize>) {
        if self.head.is_some() {
            return;
        }
        self.has_body = !method.eq_ignore_ascii_case("HEAD")
            && self.status != 204
            && self.status != 304
            && !(100..200).contains(&self.status);
        let mut h = self.headers.clone();
        if !h.contains("date") {
            h.append("Date", "");
        }
        if !h.contains("connection") {
            if self.keep_alive {
                h.append("Connection", "keep-alive");
                h.append("Keep-Alive", "timeout=5");
            } else {
                h.append("Connection", "close");
            }
        }
        if self.has_body && !h.contains("content-length") && !h.contains("transfer-encoding") {
            match length {
                Some(n) => h.append("Content-Length", n.to_string()),
                None => h.append("Transfer-Encoding", "chunked"),
            }
        }
        self.head = Some(h);
        self.head_status = Some((self.status, self.reason()));
    }

    /// The socket is destroyed after part of the response went out (finalhandler does this
    /// for an error once the headers are sent): the client keeps what it got, nothing more.
    pub fn destroy(&mut self) {
        self.destroyed = true;
        self.finished = true;
    }

    /// `res.writeHead()` with the status and headers already applied.
    pub fn write_head_now(&mut self, method: &str) {
        self.write_head(method, None);
    }

    /// `res.write(chunk)`: sends the head first (chunked unless a length was set). `false`
    /// once the response has ended (Node's `ERR_STREAM_WRITE_AFTER_END`).
    pub fn write(&mut self, data: &[u8], method: &str) -> bool {
        if self.finished {
            return false;
        }
        self.write_head(method, None);
        if self.has_body {
            self.body.extend_from_slice(data);
        }
        true
    }

    /// `res.end(data)`: a head not sent yet gets Content-Length; HEAD gets no body.
    pub fn end(&mut self, data: Vec<u8>, method: &str) {
        if self.finished {
            return;
        }
        self.write_head(method, Some(data.len()));
        if self.has_body {
            self.body.extend(data);
        }
        self.finished = true;
    }

    /// `req.fresh`, as Express decides it against this response's validators.
    pub fn is_fresh(&self, method: &str, req: &Headers) -> bool {
        if method != "GET" && method != "HEAD" && method != "QUERY" {
            return false;
        }
        if !((200..300).contains(&self.status) || self.status == 304) {
            return false;
        }
        crate::fresh::fresh(
            req,
            self.headers.get("etag"),
            self.headers.get("last-modified"),
        )
    }

    /// The reason phrase Node sends: `statusMessage`, the standard one, or `unknown`.
    pub fn reason(&self) -> String {
        match &self.status_message {
            Some(m) => m.clone(),
            None => match status_text(self.status) {
                "" => "unknown".to_string(),
                t => t.to_string(),
            },
        }
    }

    /// The response as the client receives it; `date` is Node's `Date` header value.
    pub fn finish(&self, date: &str) -> Response {
        let Some((status, status_text, lines)) = self.head_lines(date) else {
            let mut state = self.clone();
            state.write_head("GET", Some(state.body.len()));
            return state.finish(date);
        };
        Response {
            status,
            status_text: status_text.to_string(),
            headers: lines.collect(),
            body: self.body.clone(),
        }
    }

    /// The status, reason phrase and header lines as they went out, with `date` as Node's
    /// `Date`; `None` until the head is sent. [`ResponseState::finish`] without the copies.
    pub fn head_lines<'a>(
        &'a self,
        date: &'a str,
    ) -> Option<(u16, &'a str, impl Iterator<Item = (&'a str, &'a str)> + 'a)> {
        let head = self.head.as_ref()?;
        let (status, reason) = self.head_status.as_ref()?;
        let lines = head.iter().map(move |(n, v)| {
            if n == "Date" && v.is_empty() {
                (n, date)
            } else {
                (n, v)
            }
        });
        Some((*status, reason.as_str(), lines))
    }

    /// The body sent so far.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

/// Express's `setCharset` (see [`media::set_charset`]); the type unchanged if it cannot be
/// formatted.
pub fn set_charset(content_type: &str, charset: &str) -> String {
    media::set_charset(content_type, charset).unwrap_or_else(|_| content_type.to_string())
}

thread_local! {
    /// The last Content-Type `res.send` gave a charset, and the answer: apps send the same
    /// type again and again, and parsing it each time cost as much as hashing the body.
    static LAST_UTF8_TYPE: RefCell<Option<(String, Result<String, String>)>> = const { RefCell::new(None) };
}

/// `setCharset(type, 'utf-8')` as `res.send` applies it to a string body.
fn utf8_content_type(ct: &str) -> Result<String, String> {
    LAST_UTF8_TYPE.with_borrow_mut(|last| match last {
        Some((input, answer)) if input == ct => answer.clone(),
        _ => {
            let answer = media::set_charset(ct, "utf-8");
            *last = Some((ct.to_string(), answer.clone()));
            answer
        }
    })
}

/// The `etag` package's tag, `"<hex length>-<27 base64 chars of SHA-1>"`, after `prefix`.
fn entity_tag(prefix: &str, body: &[u8]) -> String {
    let mut tag = String::with_capacity(prefix.len() + 40);
    tag.push_str(prefix);
    if body.is_empty() {
        tag.push_str("\"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk\"");
        return tag;
    }
    let digest = sha1_smol::Sha1::from(body).digest().bytes();
    let _ = write!(tag, "\"{:x}-", body.len());
    push_base64_27(&mut tag, &digest);
    tag.push('"');
    tag
}

/// The first 27 characters of a SHA-1 digest in base64 (the 28th is `=` padding, which the
/// `etag` package drops). By hand: the general-purpose encoder cost more than the hash.
fn push_base64_27(out: &mut String, digest: &[u8; 20]) {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut text = [0u8; 28];
    for (chunk, quad) in digest.chunks(3).zip(text.chunks_mut(4)) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for (j, c) in quad.iter_mut().enumerate() {
            *c = ALPHABET[((n >> (18 - 6 * j)) & 63) as usize];
        }
    }
    out.push_str(std::str::from_utf8(&text[..27]).unwrap_or_default());
}

/// Express's default `etag fn`: weak, from the length and SHA-1 of the body.
pub fn weak_etag(body: &[u8]) -> String {
    entity_tag("W/", body)
}

/// `app.set('etag', 'strong')`.
pub fn strong_etag(body: &[u8]) -> String {
    entity_tag("", body)
}

/// The `fresh` package (see [`crate::fresh`]).
pub fn fresh(req: &Headers, etag: Option<&str>, last_modified: Option<&str>) -> bool {
    crate::fresh::fresh(req, etag, last_modified)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etags_match_the_etag_package() {
        // Values printed by `require('etag')(body, { weak })` on Node.
        let cases: &[(&str, &str, &str)] = &[
            (
                "",
                "W/\"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk\"",
                "\"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk\"",
            ),
            (
                "hello",
                "W/\"5-qvTGHdzF6KLavt4PO0gs2a6pQ00\"",
                "\"5-qvTGHdzF6KLavt4PO0gs2a6pQ00\"",
            ),
            (
                "{\"success\":true}",
                "W/\"10-oV4hJxRVSENxc/wX8+mA4/Pe4tA\"",
                "\"10-oV4hJxRVSENxc/wX8+mA4/Pe4tA\"",
            ),
        ];
        for (body, weak, strong) in cases {
            assert_eq!(weak_etag(body.as_bytes()), *weak, "{body}");
            assert_eq!(strong_etag(body.as_bytes()), *strong, "{body}");
        }
    }

    #[test]
    fn etag_base64_matches_the_standard_encoder() {
        use base64::Engine as _;
        for seed in 0..64u8 {
            let digest: [u8; 20] = std::array::from_fn(|i| {
                seed.wrapping_mul(37)
                    .wrapping_add((i as u8).wrapping_mul(91))
            });
            let mut ours = String::new();
            push_base64_27(&mut ours, &digest);
            let standard = base64::engine::general_purpose::STANDARD.encode(digest);
            assert_eq!(ours, standard[..27], "{digest:?}");
        }
    }

    fn names(out: &Response) -> Vec<String> {
        out.headers
            .iter()
            .map(|(n, v)| format!("{n}: {v}"))
            .collect()
    }

    #[test]
    fn send_text_sets_html_charset_length_and_etag() {
        let mut res = ResponseState::new();
        res.send(Body::Text("hi".into()), "GET", &Headers::new());
        let out = res.finish("Tue, 24 Nov 2026 09:00:00 GMT");
        assert_eq!(
            names(&out),
            [
                "Content-Type: text/html; charset=utf-8",
                "Content-Length: 2",
                "ETag: W/\"2-witfkXg0JglCjW9RssWvTAveakI\"",
                "Date: Tue, 24 Nov 2026 09:00:00 GMT",
                "Connection: keep-alive",
                "Keep-Alive: timeout=5"
            ]
        );
        assert_eq!(out.body, b"hi");
    }

    /// Express + Node for `res.send(null)`, `res.send(undefined)`, `res.end()`.
    #[test]
    fn null_and_undefined_bodies() {
        let mut null = ResponseState::new();
        null.send(Body::Null, "GET", &Headers::new());
        assert_eq!(
            names(&null.finish("d")),
            [
                "Content-Length: 0",
                "ETag: W/\"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk\"",
                "Date: d",
                "Connection: keep-alive",
                "Keep-Alive: timeout=5"
            ]
        );
        let mut undef = ResponseState::new();
        undef.send(Body::Empty, "GET", &Headers::new());
        assert_eq!(
            names(&undef.finish("d")),
            [
                "Date: d",
                "Connection: keep-alive",
                "Keep-Alive: timeout=5",
                "Content-Length: 0"
            ]
        );
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
        assert_eq!(out.status_text, "Not Modified");
        assert!(out.body.is_empty());
        assert!(!out.headers.contains("content-length"));
    }

    /// `res.write('one,'); res.end('two')` on Node: chunked, headers sent at the first write.
    #[test]
    fn writes_are_chunked() {
        let mut res = ResponseState::new();
        res.headers.set("Content-Type", "text/plain; charset=utf-8");
        assert!(!res.headers_sent());
        assert!(res.write(b"one,", "GET"));
        assert!(res.headers_sent());
        res.end(b"two".to_vec(), "GET");
        assert!(!res.write(b"late", "GET"));
        let out = res.finish("d");
        assert_eq!(
            names(&out),
            [
                "Content-Type: text/plain; charset=utf-8",
                "Date: d",
                "Connection: keep-alive",
                "Keep-Alive: timeout=5",
                "Transfer-Encoding: chunked"
            ]
        );
        assert_eq!(out.body, b"one,two");
    }

    /// A request with `Connection: close` gets `Connection: close` and no Keep-Alive.
    #[test]
    fn connection_close_is_echoed() {
        let req: Headers = [("Connection", "close")].into_iter().collect();
        let mut res = ResponseState::for_request(&req);
        res.end(b"bye".to_vec(), "GET");
        assert_eq!(
            names(&res.finish("d")),
            ["Date: d", "Connection: close", "Content-Length: 3"]
        );
    }

    /// Once the head is out, a later status change (finalhandler's 500) no longer shows.
    #[test]
    fn status_is_frozen_with_the_head() {
        let mut res = ResponseState::new();
        res.status = 201;
        res.write(b"partial ", "GET");
        res.status = 500;
        res.destroy();
        let out = res.finish("d");
        assert_eq!((out.status, out.status_text.as_str()), (201, "Created"));
        assert_eq!(out.body, b"partial ");
    }

    #[test]
    fn unknown_status_codes_are_unknown() {
        let mut res = ResponseState::new();
        res.status = 299;
        res.end(Vec::new(), "GET");
        assert_eq!(res.finish("d").status_text, "unknown");
    }
}
