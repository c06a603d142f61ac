//! What Express answers when nothing else did: the `finalhandler` package's 404 and error pages.

use crate::http::{status_text, Headers};
use crate::response::ResponseState;

/// The error as the runtime read it off the JS value (`err.status`, `err.stack`, ...).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorInfo {
    /// `err.status` or `err.statusCode` when it is a number in 400..600.
    pub status: Option<u16>,
    /// `err.stack`, or `String(err)` when there is no stack.
    pub stack: Option<String>,
    /// `err.headers` entries, set on the response when `status` came from the error.
    pub headers: Vec<(String, String)>,
}

/// `finalhandler(req, res)(err)`: writes the 404 page (`err` `None`) or the error page.
/// `production` hides the stack, as `NODE_ENV=production` does. Returns `false` when the
/// headers were already sent: with an error Node then destroys the socket (the client keeps
/// what it got); without one it does nothing and the response stays open.
pub fn respond(
    res: &mut ResponseState,
    method: &str,
    original_url: &str,
    err: Option<&ErrorInfo>,
    production: bool,
) -> bool {
    if res.finished {
        return false;
    }
    if res.headers_sent() {
        if err.is_some() {
            res.destroy();
        }
        return false;
    }
    let (status, message, headers) = match err {
        None => {
            let path = crate::http::url_pathname(original_url);
            (404, format!("Cannot {method} {}", encode_url(path)), vec![])
        }
        Some(e) => {
            let status = e.status.unwrap_or_else(|| {
                if (400..600).contains(&res.status) {
                    res.status
                } else {
                    500
                }
            });
            let headers = if e.status.is_some() {
                e.headers.clone()
            } else {
                vec![]
            };
            // `statuses.message[status]` is undefined for a code it does not know, and
            // escape-html writes that as "undefined".
            let msg = (!production)
                .then(|| e.stack.clone())
                .flatten()
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| match status_text(status) {
                    "" => "undefined".to_string(),
                    text => text.to_string(),
                });
            (status, msg, headers)
        }
    };
    let body = html_document(&message);
    res.status = status;
    // An unknown code has no message, and Node then says "unknown".
    res.status_message = Some(status_text(status))
        .filter(|text| !text.is_empty())
        .map(str::to_string);
    for name in ["Content-Encoding", "Content-Language", "Content-Range"] {
        res.headers.remove(name);
    }
    // `res.setHeader(name, value)` per key of `err.headers`: a list value arrives as the
    // same name once per item, each a line of its own.
    let mut seen: Vec<&str> = Vec::new();
    for (k, v) in &headers {
        if seen.iter().any(|s| s.eq_ignore_ascii_case(k)) {
            res.headers.append(k, v.clone());
        } else {
            res.headers.set(k, v.clone());
            seen.push(k);
        }
    }
    let h: &mut Headers = &mut res.headers;
    h.set("Content-Security-Policy", "default-src 'none'");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Content-Type", "text/html; charset=utf-8");
    h.set("Content-Length", body.len().to_string());
    res.end(body.into_bytes(), method);
    true
}

/// `createHtmlDocument`: the message escaped, newlines as `<br>`, double spaces kept.
pub fn html_document(message: &str) -> String {
    let body = escape_html(message)
        .replace('\n', "<br>")
        .replace("  ", " &nbsp;");
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>{body}</pre>\n</body>\n</html>\n"
    )
}

/// The `escape-html` package.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '&' => out.push_str("&amp;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The `encodeurl` package: percent-encode what is not allowed in a URL, leaving valid
/// escapes alone.
pub fn encode_url(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let allowed = |b: u8| b.is_ascii_alphanumeric() || b"!#$&'()*+,-./:;=?@[]_~".contains(&b);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let valid_escape = b == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if allowed(b) || valid_escape {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_found_page_is_finalhandlers() {
        let mut res = ResponseState::new();
        assert!(respond(&mut res, "GET", "/nope?x=1", None, false));
        let out = res.finish("d");
        assert_eq!(out.status, 404);
        let body = String::from_utf8(out.body).unwrap();
        assert!(body.contains("<pre>Cannot GET /nope</pre>"), "{body}");
        assert_eq!(out.headers.get("content-length"), Some("143"));
    }

    #[test]
    fn error_page_shows_stack_in_development_only() {
        let err = ErrorInfo {
            status: None,
            stack: Some("Error: boom\n    at server.js:3:9".into()),
            headers: vec![],
        };
        let mut dev = ResponseState::new();
        respond(&mut dev, "GET", "/", Some(&err), false);
        let body = String::from_utf8(dev.finish("d").body).unwrap();
        assert!(body.contains("<pre>Error: boom<br> &nbsp; &nbsp;at server.js:3:9</pre>"));
        let mut prod = ResponseState::new();
        respond(&mut prod, "GET", "/", Some(&err), true);
        let out = prod.finish("d");
        assert_eq!(out.status, 500);
        assert!(String::from_utf8(out.body)
            .unwrap()
            .contains("<pre>Internal Server Error</pre>"));
    }

    #[test]
    fn unknown_status_says_unknown_and_shows_undefined_in_production() {
        let err = ErrorInfo {
            status: Some(420),
            stack: None,
            headers: vec![],
        };
        let mut res = ResponseState::new();
        respond(&mut res, "GET", "/", Some(&err), true);
        let out = res.finish("d");
        assert_eq!((out.status, out.status_text.as_str()), (420, "unknown"));
        assert!(String::from_utf8(out.body)
            .unwrap()
            .contains("<pre>undefined</pre>"));
    }

    #[test]
    fn a_header_named_twice_is_sent_twice() {
        let err = ErrorInfo {
            status: Some(429),
            stack: None,
            headers: vec![
                ("X-Reason".into(), "quota".into()),
                ("X-Reason".into(), "burst".into()),
                ("Retry-After".into(), "10".into()),
            ],
        };
        let mut res = ResponseState::new();
        respond(&mut res, "GET", "/", Some(&err), true);
        let out = res.finish("d");
        let reasons: Vec<&str> = out.headers.get_all("x-reason").collect();
        assert_eq!(reasons, ["quota", "burst"]);
        assert_eq!(out.headers.get("retry-after"), Some("10"));
    }
}
