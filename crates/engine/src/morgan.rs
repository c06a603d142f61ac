//! The `morgan` request logger (1.12): its named formats, how a format string compiles into
//! literal text and `:token[arg]` calls, how token values are escaped for line-oriented logs,
//! and the token values that need no JS engine (`:date`, `:remote-user`, the `dev` colours).
//!
//! Token functions themselves stay JavaScript — learners define their own with `morgan.token`
//! and may replace the built-in ones — so the runtime calls them for each [`Segment::Token`].
//!
//! ```
//! use engine::morgan::{compile, Segment};
//! assert_eq!(compile(":method :res[content-length]"), vec![
//!     Segment::Token { name: "method".into(), arg: None },
//!     Segment::Text(" ".into()),
//!     Segment::Token { name: "res".into(), arg: Some("content-length".into()) },
//! ]);
//! ```

use crate::js_date;
use std::fmt::Write as _;

/// The formats morgan defines by name (`morgan('tiny')`); `dev` is a function, see
/// [`dev_format`].
pub const FORMATS: &[(&str, &str)] = &[
    ("combined", ":remote-addr - :remote-user [:date[clf]] \":method :url HTTP/:http-version\" :status :res[content-length] \":referrer\" \":user-agent\""),
    ("common", ":remote-addr - :remote-user [:date[clf]] \":method :url HTTP/:http-version\" :status :res[content-length]"),
    ("default", ":remote-addr - :remote-user [:date] \":method :url HTTP/:http-version\" :status :res[content-length] \":referrer\" \":user-agent\""),
    ("short", ":remote-addr :remote-user :method :url HTTP/:http-version :status :res[content-length] - :response-time ms"),
    ("tiny", ":method :url :status :res[content-length] - :response-time ms"),
];

/// The `dev` format when `NO_COLOR` is set (read once, when morgan loads).
pub const DEV_NO_COLOR: &str = ":method :url :status :response-time ms - :res[content-length]";

/// The format string `dev` compiles for a response status (`None` before headers are sent):
/// the status is red from 500, yellow from 400, cyan from 300, green from 200, else plain.
pub fn dev_format(status: Option<f64>) -> String {
    let color = match status {
        Some(s) if s >= 500.0 => 31,
        Some(s) if s >= 400.0 => 33,
        Some(s) if s >= 300.0 => 36,
        Some(s) if s >= 200.0 => 32,
        _ => 0,
    };
    format!("\x1b[0m:method :url \x1b[{color}m:status\x1b[0m :response-time ms - :res[content-length]\x1b[0m")
}

/// One piece of a compiled format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Printed as is.
    Text(String),
    /// `tokens[name](req, res, arg)`, printed as `-` when the value is falsy.
    Token { name: String, arg: Option<String> },
}

/// `morgan.compile(format)`: the format split into text and `:name` / `:name[arg]` tokens.
///
/// morgan finds tokens in `JSON.stringify(format)`, so an argument is seen in its JSON-escaped
/// form (`:req[a"b]` asks for header `a\"b`); this keeps that.
pub fn compile(format: &str) -> Vec<Segment> {
    let escaped = json_escape(format);
    let s = escaped.as_bytes();
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    while i < s.len() {
        if s[i] != b':' {
            i += 1;
            continue;
        }
        let name_end = (i + 1..s.len())
            .find(|&j| !(s[j].is_ascii_alphanumeric() || s[j] == b'_' || s[j] == b'-'))
            .unwrap_or(s.len());
        if name_end - (i + 1) < 2 {
            i += 1;
            continue;
        }
        let (arg, end) = match s.get(name_end) {
            Some(b'[') => match s[name_end + 1..].iter().position(|&b| b == b']') {
                Some(len) if len > 0 => (
                    Some(escaped[name_end + 1..name_end + 1 + len].to_string()),
                    name_end + len + 2,
                ),
                _ => (None, name_end),
            },
            _ => (None, name_end),
        };
        if text_start < i {
            out.push(Segment::Text(json_unescape(&escaped[text_start..i])));
        }
        out.push(Segment::Token {
            name: escaped[i + 1..name_end].to_string(),
            arg,
        });
        i = end;
        text_start = end;
    }
    if text_start < s.len() {
        out.push(Segment::Text(json_unescape(&escaped[text_start..])));
    }
    out
}

/// `JSON.stringify(s)` without the surrounding quotes.
fn json_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// The inverse of [`json_escape`], for whole escape sequences.
fn json_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                let code = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                out.push(code.unwrap_or('\u{fffd}'));
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// morgan's `escapeLogField`, applied to every string a token returns: control characters,
/// `"` and `\` become escapes, so a value cannot break or forge a log line.
pub fn escape_log_field(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// The `:date[format]` token for the time `ms`: `clf`, `iso` or `web` (the default); `None`
/// (printed `-`) for another format.
pub fn date(ms: f64, format: Option<&str>) -> Option<String> {
    match format.unwrap_or("web") {
        "clf" => js_date::clf(ms),
        "iso" => js_date::iso_string(ms),
        "web" => js_date::utc_string(ms),
        _ => None,
    }
}

/// The `:remote-user` token: the user name of `Authorization: Basic ...`, as the
/// `basic-auth` package reads it.
pub fn remote_user(authorization: &str) -> Option<String> {
    let rest = authorization.trim_start_matches(' ');
    let scheme = rest.get(..5).filter(|s| s.eq_ignore_ascii_case("basic"))?;
    let rest = &rest[scheme.len()..];
    let token = rest.trim_start_matches(' ');
    if token.len() == rest.len() {
        return None;
    }
    let token = token.trim_end_matches(' ');
    let body = token.trim_end_matches('=');
    let base64_char = |b: u8| b.is_ascii_alphanumeric() || b"._~+/-".contains(&b);
    if body.is_empty() || !body.bytes().all(base64_char) {
        return None;
    }
    let decoded = String::from_utf8_lossy(&node_base64_decode(token)).into_owned();
    let (name, pass) = decoded.split_once(':')?;
    // `/^([^:]*):(.*)$/`: `.` stops at line terminators, so such a password does not match.
    if pass.contains(['\n', '\r', '\u{2028}', '\u{2029}']) {
        return None;
    }
    Some(name.to_string())
}

/// `Buffer.from(s, 'base64')`: standard and URL-safe alphabets, stops at `=`, skips
/// anything else, drops incomplete trailing bits.
fn node_base64_decode(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for b in s.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => continue,
        };
        acc = acc << 6 | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(name: &str, arg: Option<&str>) -> Segment {
        Segment::Token {
            name: name.into(),
            arg: arg.map(Into::into),
        }
    }

    fn text(s: &str) -> Segment {
        Segment::Text(s.into())
    }

    /// Each row read off the function body `morgan.compile(format).toString()` prints on Node.
    #[test]
    fn compile_matches_morgan() {
        let cases: Vec<(&str, Vec<Segment>)> = vec![
            (
                ":method :url",
                vec![tok("method", None), text(" "), tok("url", None)],
            ),
            ("a :b c", vec![text("a :b c")]),
            (
                ":res[content-length]",
                vec![tok("res", Some("content-length"))],
            ),
            (":req[]", vec![tok("req", None), text("[]")]),
            (":req[a", vec![tok("req", None), text("[a")]),
            (":date[clf]]", vec![tok("date", Some("clf")), text("]")]),
            ("::status:", vec![text(":"), tok("status", None), text(":")]),
            (":a_b-c:d9", vec![tok("a_b-c", None), tok("d9", None)]),
            (
                ":req[a\"b] \"q\"",
                vec![tok("req", Some("a\\\"b")), text(" \"q\"")],
            ),
            (
                "\x1b[0m:method\n",
                vec![text("\x1b[0m"), tok("method", None), text("\n")],
            ),
            ("v:http-version", vec![text("v"), tok("http-version", None)]),
            ("", vec![]),
            (":é", vec![text(":é")]),
        ];
        for (format, expected) in cases {
            assert_eq!(compile(format), expected, "compile({format:?})");
        }
    }

    /// morgan 1.12.1's `escapeLogField` (through a `morgan.token` wrapper) on Node.
    #[test]
    fn escape_matches_morgan() {
        let cases: &[(&str, &str)] = &[
            ("curl/8.7.1", "curl/8.7.1"),
            ("Mozilla/5.0 (Test)", "Mozilla/5.0 (Test)"),
            ("a\"b\\c", "a\\\"b\\\\c"),
            ("line\nbreak\r\t", "line\\nbreak\\r\\t"),
            (
                "\u{1b}[31m\u{0}\u{7f}\u{85}\u{2028}",
                "\\u001b[31m\\u0000\\u007f\\u0085\\u2028",
            ),
            ("ü ✓", "ü ✓"),
        ];
        for &(raw, escaped) in cases {
            assert_eq!(escape_log_field(raw), escaped);
        }
    }

    /// `require('basic-auth').parse(header)?.name` on Node.
    #[test]
    fn remote_user_matches_basic_auth() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Basic dG9iaTpmZXJyZXQ=", Some("tobi")),
            ("basic dG9iaTpmZXJyZXQ=", Some("tobi")),
            ("  BASIC   dG9iaTpmZXJyZXQ=  ", Some("tobi")),
            ("Basic dG9iaTo=", Some("tobi")),
            ("Basic OnBhc3M=", Some("")),
            ("Basic dG9iaQ==", None),
            ("Bearer dG9iaTpmZXJyZXQ=", None),
            ("BasicdG9iaTpmZXJyZXQ=", None),
            ("Basic dG9ia%pmZXJyZXQ=", None),
            ("Basic dG9iaTpmZXJy\nZXQ=", None),
            ("Basic dG9iaTphCmI=", None),
            ("Basic w7w6eA==", Some("ü")),
            ("Basic dG9i_S06eA", Some("tob\u{fffd}-")),
            ("Basic dG9i.aTp4", Some("tobi")),
            ("Basic dG9i~aTp4", Some("tobi")),
        ];
        for &(header, expected) in cases {
            assert_eq!(
                remote_user(header).as_deref(),
                expected,
                "remote_user({header:?})"
            );
        }
    }

    #[test]
    fn dev_colours_follow_the_status() {
        let colour = |s| dev_format(s).split("\x1b[").nth(2).map(|p| p.to_string());
        assert_eq!(colour(Some(200.0)).as_deref(), Some("32m:status"));
        assert_eq!(colour(Some(304.0)).as_deref(), Some("36m:status"));
        assert_eq!(colour(Some(404.0)).as_deref(), Some("33m:status"));
        assert_eq!(colour(Some(500.0)).as_deref(), Some("31m:status"));
        assert_eq!(colour(None).as_deref(), Some("0m:status"));
        assert_eq!(colour(Some(101.0)).as_deref(), Some("0m:status"));
    }
}
