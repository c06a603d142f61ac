//! Media types as the `mime-types` package gives them to Express (`res.type`, `res.set`,
//! `res.format`, `req.accepts`, `req.is`). The table is mime-db itself ([`crate::mime_db`]).

use crate::mime_db::{CHARSETS, TYPES};

/// `mime.lookup(extOrPath)`: the type for an extension (`"json"`, `".html"`) or a file path.
pub fn lookup(path: &str) -> Option<&'static str> {
    let prefixed = format!("x.{path}");
    let ext = extname(&prefixed).strip_prefix('.')?.to_ascii_lowercase();
    if ext.is_empty() {
        return None;
    }
    let index = by_extension();
    let at = index
        .binary_search_by(|(e, _)| (*e).cmp(ext.as_str()))
        .ok()?;
    Some(index[at].1)
}

/// Every extension with its type, sorted by extension, built on first use: `res.send` looks
/// up `html` on every request, and a walk over mime-db's thousand types cost more than the
/// rest of the request. Where two types list an extension, the first in [`TYPES`] wins, as
/// the walk had it.
fn by_extension() -> &'static [(&'static str, &'static str)] {
    static INDEX: std::sync::OnceLock<Vec<(&'static str, &'static str)>> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: Vec<_> = TYPES
            .iter()
            .flat_map(|(t, exts)| exts.split(' ').map(move |e| (e, *t)))
            .collect();
        // A stable sort keeps each extension's entries in table order; dedup keeps the first.
        index.sort_by_key(|(e, _)| *e);
        index.dedup_by_key(|(e, _)| *e);
        index
    })
}

/// `mime.charset(type)`: mime-db's charset for the type, else UTF-8 for `text/*`.
pub fn charset(media: &str) -> Option<&'static str> {
    // EXTRACT_TYPE_REGEXP: /^\s*([^;\s]*)(?:;|\s|$)/
    let essence: String = media
        .trim_start()
        .chars()
        .take_while(|c| *c != ';' && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    if let Some((_, cs)) = CHARSETS.iter().find(|(t, _)| *t == essence) {
        return Some(cs);
    }
    essence.starts_with("text/").then_some("UTF-8")
}

/// `mime.contentType(str)`: a full Content-Type from a type or an extension, with charset.
pub fn content_type(value: &str) -> Option<String> {
    if value.is_empty() {
        return None;
    }
    let mut media = if value.contains('/') {
        value.to_string()
    } else {
        lookup(value)?.to_string()
    };
    if !media.contains("charset") {
        if let Some(cs) = charset(&media) {
            media.push_str("; charset=");
            media.push_str(&cs.to_ascii_lowercase());
        }
    }
    Some(media)
}

/// Node's `path.extname` (POSIX): the extension of the last path segment, dot included.
pub fn extname(path: &str) -> &str {
    let b = path.as_bytes();
    let mut start_dot: Option<usize> = None;
    let mut start_part = 0;
    let mut end: Option<usize> = None;
    let mut matched_slash = true;
    // 0: no dot seen before the last one, 1: another dot right before, -1: a name before.
    let mut pre_dot_state = 0;
    for i in (0..b.len()).rev() {
        let c = b[i];
        if c == b'/' {
            if !matched_slash {
                start_part = i + 1;
                break;
            }
            continue;
        }
        if end.is_none() {
            matched_slash = false;
            end = Some(i + 1);
        }
        if c == b'.' {
            if start_dot.is_none() {
                start_dot = Some(i);
            } else if pre_dot_state != 1 {
                pre_dot_state = 1;
            }
        } else if start_dot.is_some() {
            pre_dot_state = -1;
        }
    }
    let (Some(dot), Some(end)) = (start_dot, end) else {
        return "";
    };
    if pre_dot_state == 0 || (pre_dot_state == 1 && dot == end - 1 && dot == start_part + 1) {
        return "";
    }
    &path[dot..end]
}

/// Node's `path.basename` (POSIX) without a suffix argument.
pub fn basename(path: &str) -> &str {
    let trimmed = path.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(i) => &trimmed[i + 1..],
        None => trimmed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each row as `require('mime-types').contentType(input)` prints it on Node.
    #[test]
    fn content_types_match_mime_types() {
        let cases: &[(&str, Option<&str>)] = &[
            ("json", Some("application/json; charset=utf-8")),
            ("html", Some("text/html; charset=utf-8")),
            (".html", Some("text/html; charset=utf-8")),
            ("text", Some("text/plain; charset=utf-8")),
            ("js", Some("text/javascript; charset=utf-8")),
            ("css", Some("text/css; charset=utf-8")),
            ("xml", Some("application/xml")),
            ("bin", Some("application/octet-stream")),
            ("png", Some("image/png")),
            ("pdf", Some("application/pdf")),
            ("text/plain", Some("text/plain; charset=utf-8")),
            (
                "text/html; charset=latin1",
                Some("text/html; charset=latin1"),
            ),
            ("application/vnd.api+json", Some("application/vnd.api+json")),
            ("foo/bar", Some("foo/bar")),
            ("nosuchext", None),
            ("form", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(content_type(input).as_deref(), *want, "{input}");
        }
    }

    /// `mime.lookup(input)` on Node.
    #[test]
    fn lookup_matches_mime_types() {
        let cases: &[(&str, Option<&str>)] = &[
            ("reports/summary.pdf", Some("application/pdf")),
            (".txt", Some("text/plain")),
            ("TXT", Some("text/plain")),
            ("mp4", Some("video/mp4")),
            ("wasm", Some("application/wasm")),
            ("a.b/c", None),
            ("urlencoded", None),
        ];
        for (input, want) in cases {
            assert_eq!(lookup(input), *want, "{input}");
        }
    }

    /// The sorted index answers what a walk over the table in order answers, for every
    /// extension mime-db lists (some are listed by several types).
    #[test]
    fn index_agrees_with_table_order() {
        for (_, exts) in TYPES {
            for ext in exts.split(' ') {
                let first = TYPES
                    .iter()
                    .find(|(_, es)| es.split(' ').any(|e| e == ext))
                    .map(|(t, _)| *t);
                assert_eq!(lookup(ext), first, "{ext}");
            }
        }
    }

    /// `path.extname` / `path.basename` on Node.
    #[test]
    fn path_helpers_match_node() {
        let ext: &[(&str, &str)] = &[
            ("x.json", ".json"),
            ("x..html", ".html"),
            ("x.a.b/c", ""),
            ("x.résumé.txt", ".txt"),
            (".bashrc", ""),
            ("x.", "."),
            ("a/b.c/", ".c"),
        ];
        for (input, want) in ext {
            assert_eq!(extname(input), *want, "{input}");
        }
        let base: &[(&str, &str)] = &[
            ("reports/summary.pdf", "summary.pdf"),
            ("a/b/", "b"),
            ("plain", "plain"),
            ("/", ""),
        ];
        for (input, want) in base {
            assert_eq!(basename(input), *want, "{input}");
        }
    }
}
