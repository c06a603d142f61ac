//! Content negotiation: the `negotiator` package (Accept, Accept-Language, Accept-Charset,
//! Accept-Encoding) and `accepts`, which Express's `req.accepts*()` and `res.format()` use.

use crate::js;
use crate::media::{self, ContentType};
use crate::mime;
use std::cmp::Ordering;

/// Which Accept-* header a list is negotiated against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    MediaType,
    Language,
    Charset,
    Encoding,
}

/// One entry of an Accept-* header.
#[derive(Debug, Clone)]
struct Spec {
    /// `type/subtype`, language, charset or encoding, as the client wrote it.
    full: String,
    /// Media type: type and subtype. Language: prefix and suffix.
    main: String,
    sub: Option<String>,
    /// Media type parameters other than `q`.
    params: Vec<(String, String)>,
    q: f64,
    /// Position in the header.
    i: usize,
}

/// How well one offered value matches the header: specificity, quality, header order.
#[derive(Debug, Clone, Copy)]
struct Priority {
    /// Position in the offered list.
    i: usize,
    o: i64,
    q: f64,
    s: u8,
}

/// `parseAccept`: the header split at commas by `content-type`'s parser, original casing.
fn parse_accept(header: &str) -> Vec<ContentType> {
    let b = header.as_bytes();
    let mut values = Vec::new();
    let mut index = 0;
    while index < b.len() {
        let mut start = index;
        while start < b.len() && (b[start] == b' ' || b[start] == b'\t') {
            start += 1;
        }
        let mut parsed = media::parse(header, true, start);
        parsed.media = header[start..start + parsed.media.len()].to_string();
        index = parsed.index + 1;
        values.push(parsed);
    }
    values
}

fn quality(p: &ContentType) -> f64 {
    match p.parameter("q") {
        Some(q) if !q.is_empty() => js::parse_float(q),
        _ => 1.0,
    }
}

fn format_spec(kind: Kind, parsed: ContentType, i: usize) -> Option<Spec> {
    let q = quality(&parsed);
    let full = parsed.media;
    match kind {
        Kind::MediaType => {
            let (t, s) = full.split_once('/')?;
            let params = parsed
                .parameters
                .into_iter()
                .filter(|(k, _)| k != "q")
                .collect();
            Some(Spec {
                main: t.to_string(),
                sub: Some(s.to_string()),
                full,
                params,
                q,
                i,
            })
        }
        Kind::Language => {
            if full.is_empty() {
                return None;
            }
            let (prefix, suffix) = match full.split_once('-') {
                Some((p, s)) => (p.to_string(), Some(s.to_string())),
                None => (full.clone(), None),
            };
            Some(Spec {
                main: prefix,
                sub: suffix,
                full,
                params: vec![],
                q,
                i,
            })
        }
        Kind::Charset | Kind::Encoding => (!full.is_empty()).then(|| Spec {
            main: full.clone(),
            sub: None,
            full,
            params: vec![],
            q,
            i,
        }),
    }
}

fn parse_specs(kind: Kind, header: &str) -> Vec<Spec> {
    let mut specs: Vec<Spec> = parse_accept(header)
        .into_iter()
        .enumerate()
        .filter_map(|(i, p)| format_spec(kind, p, i))
        .collect();
    if kind == Kind::Encoding {
        // Identity is acceptable unless the header says otherwise, at the lowest quality seen.
        let has_identity = specs
            .iter()
            .any(|s| s.full.eq_ignore_ascii_case("identity") || s.full == "*");
        if !has_identity {
            let min_q = specs
                .iter()
                .map(|s| if s.q == 0.0 || s.q.is_nan() { 1.0 } else { s.q })
                .fold(1.0, f64::min);
            let i = parse_accept(header).len();
            specs.push(Spec {
                full: "identity".into(),
                main: "identity".into(),
                sub: None,
                params: vec![],
                q: min_q,
                i,
            });
        }
    }
    specs
}

/// Specificity of `offered` against one header entry, or `None` when it does not match.
fn specify(kind: Kind, offered: &str, spec: &Spec) -> Option<u8> {
    let lc = |s: &str| s.to_lowercase();
    match kind {
        Kind::MediaType => {
            let p = media::parse(offered, false, 0);
            let (t, sub) = p.media.split_once('/')?;
            let mut s = 0;
            if lc(&spec.main) == t {
                s |= 4;
            } else if spec.main != "*" {
                return None;
            }
            let spec_sub = spec.sub.as_deref().unwrap_or("");
            if lc(spec_sub) == sub {
                s |= 2;
            } else if spec_sub != "*" {
                return None;
            }
            if !spec.params.is_empty() {
                let all = spec
                    .params
                    .iter()
                    .all(|(k, v)| v == "*" || lc(v) == lc(p.parameter(k).unwrap_or("")));
                if all {
                    s |= 1;
                } else {
                    return None;
                }
            }
            Some(s)
        }
        Kind::Language => {
            let p = media::parse(offered, false, 0).media;
            if p.is_empty() {
                return None;
            }
            let prefix = p.split('-').next().unwrap_or("");
            if lc(&spec.full) == p {
                Some(4)
            } else if lc(&spec.main) == p {
                Some(2)
            } else if lc(&spec.full) == prefix {
                Some(1)
            } else if spec.full == "*" {
                Some(0)
            } else {
                None
            }
        }
        Kind::Charset | Kind::Encoding => {
            if lc(&spec.full) == lc(offered) {
                Some(1)
            } else if spec.full == "*" {
                Some(0)
            } else {
                None
            }
        }
    }
}

/// JavaScript's `a || b` on numbers: NaN and 0 fall through.
fn or(a: f64, b: f64) -> f64 {
    if a == 0.0 || a.is_nan() {
        b
    } else {
        a
    }
}

fn ordering(x: f64) -> Ordering {
    if x < 0.0 {
        Ordering::Less
    } else if x > 0.0 {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

/// negotiator's `compareSpecs`: quality, then specificity, then header order, then offer order.
fn compare(a: &Priority, b: &Priority) -> Ordering {
    ordering(or(
        b.q - a.q,
        or(
            f64::from(b.s) - f64::from(a.s),
            or((a.o - b.o) as f64, a.i as f64 - b.i as f64),
        ),
    ))
}

fn priority(kind: Kind, offered: &str, specs: &[Spec], index: usize) -> Priority {
    let mut best = Priority {
        i: index,
        o: -1,
        q: 0.0,
        s: 0,
    };
    for spec in specs {
        let Some(s) = specify(kind, offered, spec) else {
            continue;
        };
        let cand = Priority {
            i: index,
            o: spec.i as i64,
            q: spec.q,
            s,
        };
        let d = or(
            f64::from(best.s) - f64::from(cand.s),
            or(best.q - cand.q, (best.o - cand.o) as f64),
        );
        if d < 0.0 {
            best = cand;
        }
    }
    best
}

/// `negotiator.<kind>s(available)`: the offered values the client accepts, best first; with
/// no offer, every value of the header, best first. `header` is `None` when not sent.
pub fn preferred(kind: Kind, header: Option<&str>, offered: Option<&[String]>) -> Vec<String> {
    let header = match (kind, header) {
        (Kind::MediaType, None) => "*/*",
        (Kind::Language | Kind::Charset, None) => "*",
        (_, h) => h.unwrap_or(""),
    };
    let specs = parse_specs(kind, header);
    let Some(offered) = offered else {
        let mut all: Vec<(Priority, &Spec)> = specs
            .iter()
            .filter(|s| s.q > 0.0)
            .map(|s| {
                let p = Priority {
                    i: 0,
                    o: s.i as i64,
                    q: s.q,
                    s: 0,
                };
                (p, s)
            })
            .collect();
        all.sort_by(|a, b| compare(&a.0, &b.0));
        return all
            .into_iter()
            .map(|(_, s)| match kind {
                Kind::MediaType => format!("{}/{}", s.main, s.sub.as_deref().unwrap_or("")),
                _ => s.full.clone(),
            })
            .collect();
    };
    let mut prios: Vec<Priority> = offered
        .iter()
        .enumerate()
        .map(|(i, t)| priority(kind, t, &specs, i))
        .filter(|p| p.q > 0.0)
        .collect();
    prios.sort_by(compare);
    prios.into_iter().map(|p| offered[p.i].clone()).collect()
}

/// `accepts(req).types(types)` for a non-empty list: the best offered type (as given, so an
/// extension stays an extension), `types[0]` when there is no Accept header, else `None`.
pub fn accepts_type(accept: Option<&str>, types: &[String]) -> Option<String> {
    let accept = accept.filter(|a| !a.is_empty());
    let Some(accept) = accept else {
        return types.first().cloned();
    };
    let mimes: Vec<Option<String>> = types
        .iter()
        .map(|t| {
            if t.contains('/') {
                Some(t.clone())
            } else {
                mime::lookup(t).map(str::to_string)
            }
        })
        .collect();
    let valid: Vec<String> = mimes.iter().flatten().cloned().collect();
    let first = preferred(Kind::MediaType, Some(accept), Some(&valid))
        .into_iter()
        .next()?;
    let at = mimes.iter().position(|m| m.as_deref() == Some(&first))?;
    Some(types[at].clone())
}

/// `accepts(req).languages|charsets|encodings(list)` for a non-empty list.
pub fn accepts(kind: Kind, header: Option<&str>, offered: &[String]) -> Option<String> {
    preferred(kind, header, Some(offered)).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    /// `require('accepts')({headers:{accept}}).types(types)` on Node (`None` is `false`).
    #[test]
    fn types_match_accepts() {
        let cases: &[(Option<&str>, &[&str], Option<&str>)] = &[
            (Some("*/*"), &["html"], Some("html")),
            (Some("text/html"), &["json", "html"], Some("html")),
            (
                Some("application/json;q=0.5, text/html;q=0.9"),
                &["json", "html"],
                Some("html"),
            ),
            (Some("image/*"), &["image/png"], Some("image/png")),
            (Some("image/*"), &["html"], None),
            (None, &["json", "html"], Some("json")),
            (
                Some("text/*;q=0.5, application/json;q=0.9"),
                &["text/plain", "text/html", "application/json"],
                Some("application/json"),
            ),
            (Some("text/html"), &["text", "html"], Some("html")),
            (Some("text/plain"), &["text", "html"], Some("text")),
            (Some("application/json"), &["text", "html"], None),
            (Some("text/csv"), &["json"], None),
            (Some("text/html;level=1"), &["text/html"], None),
            (
                Some("text/html;level=1"),
                &["text/html;level=1"],
                Some("text/html;level=1"),
            ),
            (Some("*/*;q=0"), &["html"], None),
        ];
        for (accept, types, want) in cases {
            assert_eq!(
                accepts_type(*accept, &list(types)).as_deref(),
                *want,
                "{accept:?} {types:?}"
            );
        }
    }

    /// `negotiator.mediaTypes()` (`req.accepts()` with no arguments) on Node.
    #[test]
    fn all_media_types_in_order() {
        let cases: &[(Option<&str>, &[&str])] = &[
            (Some("*/*"), &["*/*"]),
            (
                Some("application/json;q=0.5, text/html;q=0.9"),
                &["text/html", "application/json"],
            ),
            (Some("Text/HTML, image/*;q=0"), &["Text/HTML"]),
            (None, &["*/*"]),
            (Some(""), &[]),
        ];
        for (accept, want) in cases {
            assert_eq!(
                preferred(Kind::MediaType, *accept, None),
                list(want),
                "{accept:?}"
            );
        }
    }

    /// `accepts(req).languages/encodings/charsets(...)` on Node.
    #[test]
    fn languages_encodings_charsets() {
        let l = Some("en-GB,en;q=0.8,fr;q=0.5");
        assert_eq!(
            accepts(Kind::Language, l, &list(&["fr", "en"])).as_deref(),
            Some("en")
        );
        assert_eq!(
            preferred(Kind::Language, l, None),
            list(&["en-GB", "en", "fr"])
        );
        assert_eq!(
            accepts(Kind::Language, None, &list(&["fr", "en"])).as_deref(),
            Some("fr")
        );
        assert_eq!(preferred(Kind::Language, None, None), list(&["*"]));
        assert_eq!(
            accepts(Kind::Language, Some("en"), &list(&["en-US"])).as_deref(),
            Some("en-US")
        );
        assert_eq!(accepts(Kind::Language, Some("de"), &list(&["en"])), None);

        let e = Some("gzip, deflate");
        assert_eq!(
            accepts(Kind::Encoding, e, &list(&["br", "gzip"])).as_deref(),
            Some("gzip")
        );
        assert_eq!(accepts(Kind::Encoding, None, &list(&["br", "gzip"])), None);
        assert_eq!(
            accepts(Kind::Encoding, None, &list(&["identity"])).as_deref(),
            Some("identity")
        );
        assert_eq!(
            preferred(Kind::Encoding, e, None),
            list(&["gzip", "deflate", "identity"])
        );
        assert_eq!(
            preferred(Kind::Encoding, Some("gzip;q=0.5, br"), None),
            list(&["br", "gzip", "identity"])
        );

        let c = Some("iso-8859-1");
        assert_eq!(
            accepts(Kind::Charset, c, &list(&["utf-8", "iso-8859-1"])).as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(
            accepts(Kind::Charset, None, &list(&["utf-8"])).as_deref(),
            Some("utf-8")
        );
        assert_eq!(preferred(Kind::Charset, None, None), list(&["*"]));
    }
}
