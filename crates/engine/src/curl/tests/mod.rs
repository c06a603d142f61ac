//! Table tests for the curl module. Every expected text, header order and exit code in these
//! tables was observed from real curl, not guessed:
//!
//! * curl 8.7.1 built from the `curl-8_7_1` tag (cmake, OpenSSL 3.0.19), run as
//!   `curl ARGS` with stdout on a pseudo-terminal (as in a real terminal: no progress meter)
//!   and stderr on a pipe, exit code recorded;
//! * against a throwaway Node `net` server on `[::]:3000` that logged the raw request bytes
//!   and answered like Express (`X-Powered-By`, `Content-Type`, `Content-Length`, a fixed
//!   `Date`, `Connection`, `Keep-Alive`): `/` → 200 `Hello World!`, `/404` → 404
//!   `Cannot GET /404`, `/json` → `{"ok":true}`, `/r301`..`/r308[/LOCATION]` → that status
//!   with `Location: LOCATION` (default `/`), `/loop` → 302 to itself, `/nobody` → 204,
//!   `/sleep` → never answers; a plain `http.createServer` on 3001 for `https://`; nothing on
//!   4000. [`server`] below answers the same way, so rows read as "curl command → what real
//!   curl showed".
//!
//! The only edits to what curl printed: `\r\n` became `\n` (see `render.rs`), the bold and
//! hyperlink escapes curl adds to `-i` headers on a terminal were removed, and the timing
//! numbers (`after 0 ms`, `1001 milliseconds`) are whatever the runtime passes in.

mod errors;
mod parse;
mod redirects;
mod render;
mod tokenize;

use super::{CurlError, Hop};
use crate::http::{status_text, Headers, Response};

/// The reference server, as the runtime would emulate it: one Express-like app on port 3000.
pub(super) fn server(hop: &Hop) -> Result<Response, CurlError> {
    let url = &hop.url;
    let local = ["localhost", "127.0.0.1", "::1"]
        .iter()
        .any(|h| url.host.eq_ignore_ascii_case(h));
    if !local {
        return Err(CurlError::resolve_host(&url.host));
    }
    match (url.scheme.as_str(), url.port) {
        ("https", 3000 | 3001) => return Err(CurlError::tls_to_plain_http()),
        (_, 3000) => {}
        (_, port) => return Err(CurlError::connect_refused(&url.host, port)),
    }
    let path = url.path.as_str();
    let mut extra: Option<String> = None;
    let (status, content_type, body) = if path == "/404" {
        (
            404,
            "text/html; charset=utf-8",
            "Cannot GET /404".to_string(),
        )
    } else if path == "/json" {
        (
            200,
            "application/json; charset=utf-8",
            r#"{"ok":true}"#.to_string(),
        )
    } else if path == "/sleep" {
        return Err(CurlError::timeout(1001));
    } else if path == "/nobody" {
        (204, "text/html; charset=utf-8", String::new())
    } else if path == "/loop" {
        extra = Some("/loop".to_string());
        (302, "text/html; charset=utf-8", String::new())
    } else if let Some(code) = path
        .strip_prefix("/r")
        .and_then(|r| r.get(..3))
        .and_then(|c| c.parse::<u16>().ok())
    {
        let rest = path.get(5..).unwrap_or("").trim_start_matches('/');
        let location = if rest.is_empty() {
            "/".to_string()
        } else {
            percent_decode(rest)
        };
        let body = format!("Redirecting to {location}");
        extra = Some(location);
        (code, "text/html; charset=utf-8", body)
    } else {
        (200, "text/html; charset=utf-8", "Hello World!".to_string())
    };
    let mut headers = Headers::new();
    headers.append("X-Powered-By", "Express");
    if let Some(location) = extra {
        headers.append("Location", location);
    }
    headers.append("Content-Type", content_type);
    headers.append("Content-Length", body.len().to_string());
    headers.append("Date", "Mon, 24 Nov 2025 09:00:00 GMT");
    headers.append("Connection", "keep-alive");
    headers.append("Keep-Alive", "timeout=5");
    let body = if hop.request.method == "HEAD" {
        Vec::new()
    } else {
        body.into_bytes()
    };
    Ok(Response {
        status,
        status_text: status_text(status).to_string(),
        headers,
        body,
    })
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() + 1 {
            if let Ok(b) = u8::from_str_radix(s.get(i + 1..i + 3).unwrap_or(""), 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Parses and runs `command` against [`server`]; a parse error is shown as the terminal would.
pub(super) fn run(command: &str) -> super::Rendered {
    match super::parse(command) {
        Ok(inv) => super::run(&inv, server),
        Err(e) => e.to_rendered(),
    }
}
