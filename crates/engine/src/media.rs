//! Media types in headers: the `content-type` package's lenient parser and strict formatter,
//! `media-typer`'s validity test, and `type-is` (`req.is()` and the body parsers' type check).

use crate::http::Headers;
use crate::js;
use crate::mime;

/// A parsed `Content-Type`-like value: the lower-cased type and its parameters in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContentType {
    pub media: String,
    /// Parameter names lower-cased; the first occurrence of a name wins.
    pub parameters: Vec<(String, String)>,
    /// Where parsing stopped (a `,` in comma mode, else the end).
    pub index: usize,
}

impl ContentType {
    pub fn parameter(&self, name: &str) -> Option<&str> {
        self.parameters
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

const SP: u8 = b' ';
const HTAB: u8 = b'\t';

fn skip_ows(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i] == SP || b[i] == HTAB) {
        i += 1;
    }
    i
}

fn trailing_ows(b: &[u8], start: usize, mut end: usize) -> usize {
    while end > start && (b[end - 1] == SP || b[end - 1] == HTAB) {
        end -= 1;
    }
    end
}

fn skip_value(b: &[u8], mut i: usize, stop: Option<u8>) -> usize {
    while i < b.len() && b[i] != b';' && Some(b[i]) != stop {
        i += 1;
    }
    i
}

/// `contentType.parse(header, { comma, start })` (content-type 2.1): never fails; with
/// `comma` it stops at the first `,` outside a quoted string, for Accept-style lists.
pub fn parse(header: &str, comma: bool, start: usize) -> ContentType {
    let b = header.as_bytes();
    let stop = comma.then_some(b',');
    let mut index = skip_ows(b, start);
    let value_start = index;
    index = skip_value(b, index, stop);
    let value_end = trailing_ows(b, value_start, index);
    let media = header[value_start..value_end].to_ascii_lowercase();
    let mut parameters: Vec<(String, String)> = Vec::new();
    let mut put = |k: String, v: String| {
        if !parameters.iter().any(|(n, _)| *n == k) {
            parameters.push((k, v));
        }
    };
    'parameter: while index < b.len() {
        if Some(b[index]) == stop {
            break;
        }
        index = skip_ows(b, index + 1);
        let key_start = index;
        while index < b.len() {
            let c = b[index];
            if Some(c) == stop {
                break 'parameter;
            }
            if c == b';' {
                continue 'parameter;
            }
            if c == b'=' {
                let key_end = trailing_ows(b, key_start, index);
                let key = header[key_start..key_end].to_ascii_lowercase();
                index = skip_ows(b, index + 1);
                if index < b.len() && b[index] == b'"' {
                    index += 1;
                    let mut value: Vec<u8> = Vec::new();
                    while index < b.len() {
                        let c = b[index];
                        index += 1;
                        if c == b'"' {
                            index = skip_value(b, index, stop);
                            put(key, String::from_utf8_lossy(&value).into_owned());
                            break;
                        }
                        if c == b'\\' && index < b.len() {
                            value.push(b[index]);
                            index += 1;
                            continue;
                        }
                        value.push(c);
                    }
                    continue 'parameter;
                }
                let value_start = index;
                index = skip_value(b, index, stop);
                let value_end = trailing_ows(b, value_start, index);
                put(key, header[value_start..value_end].to_string());
                continue 'parameter;
            }
            index += 1;
        }
    }
    ContentType {
        media,
        parameters,
        index,
    }
}

fn is_token_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+.^_`|~-".contains(&c)
}

fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_token_char)
}

/// `contentType.format({ type, parameters })`: fails with the package's TypeError text.
pub fn format(media: &str, parameters: &[(String, String)]) -> Result<String, String> {
    let valid_type = media
        .split_once('/')
        .is_some_and(|(t, s)| is_token(t) && is_token(s));
    if !valid_type {
        return Err(format!("Invalid type: {media}"));
    }
    let mut out = media.to_string();
    for (k, v) in parameters {
        if !is_token(k) {
            return Err(format!("Invalid parameter name: {k}"));
        }
        out.push_str("; ");
        out.push_str(k);
        out.push('=');
        if is_token(v) {
            out.push_str(v);
        } else if v
            .chars()
            .all(|c| c == '\t' || (' '..='~').contains(&c) || ('\u{80}'..='\u{ff}').contains(&c))
        {
            push_quoted(&mut out, v);
        } else {
            return Err(format!("Invalid parameter value: {v}"));
        }
    }
    Ok(out)
}

/// Express's `setCharset(type, charset)`: parse, replace the charset parameter, format.
pub fn set_charset(content_type: &str, charset: &str) -> Result<String, String> {
    if content_type.is_empty() || charset.is_empty() {
        return Ok(content_type.to_string());
    }
    let mut parsed = parse(content_type, false, 0);
    match parsed.parameters.iter_mut().find(|(k, _)| k == "charset") {
        Some(p) => p.1 = charset.to_string(),
        None => parsed
            .parameters
            .push(("charset".into(), charset.to_string())),
    }
    format(&parsed.media, &parsed.parameters)
}

/// `media-typer`'s `test()`: is this a syntactically valid `type/subtype`?
pub fn is_valid_media_type(s: &str) -> bool {
    let s = s.to_ascii_lowercase();
    let s = s.trim_matches(' ');
    let Some((t, sub)) = s.split_once('/') else {
        return false;
    };
    let name = |p: &str, extra: &[u8]| {
        let b = p.as_bytes();
        !b.is_empty()
            && b.len() <= 127
            && b[0].is_ascii_alphanumeric()
            && b[1..]
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
    };
    name(t, b"!#$&^_-") && name(sub, b"!#$&^_.+-")
}

/// `type-is`'s `normalize(type)`: a short name or `+suffix` becomes a full media type.
pub fn normalize(t: &str) -> Option<String> {
    match t {
        "urlencoded" => return Some("application/x-www-form-urlencoded".into()),
        "multipart" => return Some("multipart/*".into()),
        _ => {}
    }
    if t.starts_with('+') {
        return Some(format!("*/*{t}"));
    }
    if t.contains('/') {
        Some(t.to_string())
    } else {
        mime::lookup(t).map(str::to_string)
    }
}

/// `type-is`'s `match(expected, actual)`, wildcards and `*+suffix` included.
pub fn mime_match(expected: &str, actual: &str) -> bool {
    let a: Vec<&str> = actual.split('/').collect();
    let e: Vec<&str> = expected.split('/').collect();
    if a.len() != 2 || e.len() != 2 {
        return false;
    }
    if e[0] != "*" && e[0] != a[0] {
        return false;
    }
    if let Some(rest) = e[1].strip_prefix("*+") {
        let _ = rest;
        // expected[1].slice(1) === actual[1].slice(1 - expected[1].length)
        let want = &e[1][1..];
        return e[1].len() <= a[1].len() + 1 && a[1].ends_with(want);
    }
    e[1] == "*" || e[1] == a[1]
}

/// `typeis.is(value, types)`: `None` is `false`; with no types, the normalized media type.
pub fn type_is(value: Option<&str>, types: &[String]) -> Option<String> {
    let value = value.filter(|v| !v.is_empty())?;
    let media = parse(value, false, 0).media;
    if !is_valid_media_type(&media) {
        return None;
    }
    if types.is_empty() {
        return Some(media);
    }
    for t in types {
        if normalize(t).is_some_and(|n| mime_match(&n, &media)) {
            return Some(if t.starts_with('+') || t.contains('*') {
                media
            } else {
                t.clone()
            });
        }
    }
    None
}

/// `typeis.hasBody(req)`: a Transfer-Encoding, or a Content-Length that is a number.
pub fn has_body(headers: &Headers) -> bool {
    headers.contains("transfer-encoding")
        || headers
            .get("content-length")
            .is_some_and(|l| js::to_number(l).is_some())
}

/// Appends `v` as an HTTP quoted-string: in quotes, `\` and `"` escaped.
pub fn push_quoted(out: &mut String, v: &str) {
    out.push('"');
    for c in v.chars() {
        if c == '\\' || c == '"' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `require('content-type').parse(h)` on Node, shown as type + parameters.
    #[test]
    fn parse_matches_content_type() {
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
        let cases: &[Case] = &[
            ("text/html", "text/html", &[]),
            (
                "Application/JSON; Charset=UTF-8",
                "application/json",
                &[("charset", "UTF-8")],
            ),
            (
                "text/plain; a=1; a=2; b=\"x\\\"y\"",
                "text/plain",
                &[("a", "1"), ("b", "x\"y")],
            ),
            ("  image/png  ;  q = 0.5 ", "image/png", &[("q", "0.5")]),
            ("nonsense", "nonsense", &[]),
            ("a/b; novalue; c=d", "a/b", &[("c", "d")]),
        ];
        for (input, media, params) in cases {
            let p = parse(input, false, 0);
            assert_eq!(p.media, *media, "{input}");
            let got: Vec<(&str, &str)> = p
                .parameters
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            assert_eq!(got, *params, "{input}");
        }
    }

    /// Express's `setCharset(type, 'utf-8')` on Node (errors are the TypeError messages).
    #[test]
    fn set_charset_matches_express() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("text/html", Ok("text/html; charset=utf-8")),
            (
                "text/plain; charset=iso-8859-1",
                Ok("text/plain; charset=utf-8"),
            ),
            (
                "application/json; foo=\"a b\"; charset=x",
                Ok("application/json; foo=\"a b\"; charset=utf-8"),
            ),
            ("TEXT/HTML", Ok("text/html; charset=utf-8")),
            ("false", Err("Invalid type: false")),
        ];
        for (input, want) in cases {
            assert_eq!(
                set_charset(input, "utf-8"),
                want.map(str::to_string).map_err(str::to_string),
                "{input}"
            );
        }
    }

    /// `require('type-is').is(value, types)` on Node (`false` is `None`).
    #[test]
    fn type_is_matches_type_is() {
        let s = |v: &[&str]| v.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        let cases: &[(&str, &[&str], Option<&str>)] = &[
            ("application/json; charset=utf-8", &["json"], Some("json")),
            ("application/json", &["html"], None),
            (
                "application/json",
                &["application/json"],
                Some("application/json"),
            ),
            (
                "application/json",
                &["application/*"],
                Some("application/json"),
            ),
            ("application/json", &["text", "json"], Some("json")),
            (
                "application/vnd.api+json",
                &["+json"],
                Some("application/vnd.api+json"),
            ),
            (
                "application/vnd.api+json",
                &["*/*+json"],
                Some("application/vnd.api+json"),
            ),
            ("application/vnd.api+json", &["json"], None),
            (
                "application/x-www-form-urlencoded",
                &["urlencoded"],
                Some("urlencoded"),
            ),
            ("multipart/form-data", &["multipart"], Some("multipart")),
            ("text/html", &[], Some("text/html")),
            ("bogus", &[], None),
            ("", &["json"], None),
        ];
        for (value, types, want) in cases {
            assert_eq!(
                type_is(Some(value), &s(types)).as_deref(),
                *want,
                "{value} {types:?}"
            );
        }
    }
}
