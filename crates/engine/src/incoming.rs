//! Request headers as Node's `IncomingMessage.headers` shows them, which is what Express and
//! every package it uses read: lower-case names, repeated headers joined with `, ` (`; ` for
//! Cookie), a few singletons keeping their first value, Set-Cookie as a list.

use crate::http::Headers;

/// How Node combines repeats of a header (`matchKnownFields` in `_http_incoming.js`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Repeat {
    KeepFirst,
    List,
    JoinSemicolon,
    JoinComma,
}

fn repeat_rule(lower: &str) -> Repeat {
    match lower {
        "content-type"
        | "content-length"
        | "user-agent"
        | "referer"
        | "host"
        | "authorization"
        | "proxy-authorization"
        | "if-modified-since"
        | "if-unmodified-since"
        | "from"
        | "location"
        | "max-forwards"
        | "retry-after"
        | "etag"
        | "last-modified"
        | "server"
        | "age"
        | "expires" => Repeat::KeepFirst,
        "set-cookie" => Repeat::List,
        "cookie" => Repeat::JoinSemicolon,
        _ => Repeat::JoinComma,
    }
}

/// One entry of `req.headers`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderValue {
    One(String),
    /// `set-cookie` (the only header Node keeps as an array).
    List(Vec<String>),
}

/// `req.headers` in insertion order of first appearance.
pub fn header_object(raw: &Headers) -> Vec<(String, HeaderValue)> {
    let mut out: Vec<(String, HeaderValue)> = Vec::new();
    for (name, value) in raw.iter() {
        let lower = name.to_ascii_lowercase();
        let rule = repeat_rule(&lower);
        match out.iter_mut().find(|(n, _)| *n == lower) {
            None => {
                let v = match rule {
                    Repeat::List => HeaderValue::List(vec![value.to_string()]),
                    _ => HeaderValue::One(value.to_string()),
                };
                out.push((lower, v));
            }
            Some((_, existing)) => match (rule, existing) {
                (Repeat::KeepFirst, _) => {}
                (Repeat::List, HeaderValue::List(list)) => list.push(value.to_string()),
                (Repeat::JoinSemicolon, HeaderValue::One(v)) => {
                    v.push_str("; ");
                    v.push_str(value);
                }
                (_, HeaderValue::One(v)) => {
                    v.push_str(", ");
                    v.push_str(value);
                }
                (_, HeaderValue::List(list)) => list.push(value.to_string()),
            },
        }
    }
    out
}

/// `req.headers[name]` for a header that is a string (everything but Set-Cookie, whose
/// values are joined with `, ` here).
pub fn get(raw: &Headers, name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    let mut values = raw.get_all(&lower);
    let first = values.next()?.to_string();
    Some(match repeat_rule(&lower) {
        Repeat::KeepFirst => first,
        Repeat::JoinSemicolon => std::iter::once(first)
            .chain(values.map(str::to_string))
            .collect::<Vec<_>>()
            .join("; "),
        Repeat::List | Repeat::JoinComma => std::iter::once(first)
            .chain(values.map(str::to_string))
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// Express's `req.get(name)`: `Referer` and `Referrer` name the same header.
pub fn request_get(raw: &Headers, name: &str) -> Option<String> {
    match name.to_ascii_lowercase().as_str() {
        "referer" | "referrer" => get(raw, "referrer").or_else(|| get(raw, "referer")),
        lower => get(raw, lower),
    }
}

/// What Node's HTTP parser does to a header value: leading and trailing spaces and tabs go.
pub fn trim_value(value: &str) -> &str {
    value.trim_matches([' ', '\t'])
}

/// Does the client want the connection kept open? (HTTP/1.1: unless `Connection: close`.)
pub fn keep_alive(raw: &Headers) -> bool {
    !raw.get_all("connection")
        .any(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case("close")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `req.headers` on Node for curl's headers plus repeats (printed with JSON.stringify).
    #[test]
    fn header_object_matches_node() {
        let raw: Headers = [
            ("Host", "localhost:3000"),
            ("X-Tag", "one"),
            ("x-tag", "two"),
            ("Cookie", "a=1"),
            ("Cookie", "b=2"),
            ("Host", "other"),
            ("Set-Cookie", "s=1"),
            ("set-cookie", "s=2"),
        ]
        .into_iter()
        .collect();
        let obj = header_object(&raw);
        let one = |s: &str| HeaderValue::One(s.into());
        assert_eq!(
            obj,
            vec![
                ("host".into(), one("localhost:3000")),
                ("x-tag".into(), one("one, two")),
                ("cookie".into(), one("a=1; b=2")),
                (
                    "set-cookie".into(),
                    HeaderValue::List(vec!["s=1".into(), "s=2".into()])
                ),
            ]
        );
        assert_eq!(get(&raw, "X-TAG").as_deref(), Some("one, two"));
        assert_eq!(get(&raw, "host").as_deref(), Some("localhost:3000"));
        assert_eq!(request_get(&raw, "Referrer"), None);
    }

    #[test]
    fn connection_close_ends_keep_alive() {
        let h = |v: &str| -> Headers { [("Connection", v)].into_iter().collect() };
        assert!(keep_alive(&h("keep-alive")));
        assert!(!keep_alive(&h("close")));
        assert!(!keep_alive(&h("Upgrade, Close")));
        assert!(keep_alive(&Headers::new()));
    }
}
