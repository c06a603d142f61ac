//! The `content-disposition` package's `create(filename)`, behind `res.attachment()`.

use crate::js;

fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"!#$%&'*+.^_`|~-".contains(&c))
}

/// `encodeExtended`: RFC 8187 `UTF-8''...` with `'()*` escaped too.
fn encode_extended(s: &str) -> String {
    let mut out = String::from("UTF-8''");
    for c in js::encode_uri_component(s).chars() {
        match c {
            '\'' | '(' | ')' | '*' => out.push_str(&format!("%{:X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// `contentDisposition.create(filename)`: `attachment`, with `filename` when it is plain
/// ASCII, else an ASCII fallback (`?` per UTF-16 unit) plus `filename*`.
pub fn attachment(filename: Option<&str>) -> String {
    let mut out = String::from("attachment");
    let Some(name) = filename else {
        return out;
    };
    let ascii = name.chars().all(|c| (' '..='~').contains(&c));
    let has_escape = name
        .as_bytes()
        .windows(3)
        .any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit());
    let mut params: Vec<(&str, String)> = Vec::new();
    if ascii && !has_escape {
        params.push(("filename", name.to_string()));
    } else {
        let fallback: String = name
            .chars()
            .flat_map(|c| {
                let n = if (' '..='~').contains(&c) {
                    0
                } else {
                    c.len_utf16()
                };
                let keep = (n == 0).then_some(c);
                keep.into_iter().chain(std::iter::repeat_n('?', n))
            })
            .collect();
        params.push(("filename", fallback));
        params.push(("filename*", encode_extended(name)));
    }
    for (k, v) in params {
        out.push_str("; ");
        out.push_str(k);
        out.push('=');
        if k == "filename*" || is_token(&v) {
            out.push_str(&v);
        } else {
            // ISO-8859-1 text: quoted string (the fallback and ASCII names always are).
            crate::media::push_quoted(&mut out, &v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::attachment;

    /// `require('content-disposition').create(name)` on Node (content-disposition 2.0.1).
    #[test]
    fn matches_content_disposition() {
        let cases: &[(Option<&str>, &str)] = &[
            (None, "attachment"),
            (Some("summary.pdf"), "attachment; filename=summary.pdf"),
            (Some("my file.txt"), "attachment; filename=\"my file.txt\""),
            (
                Some("résumé.txt"),
                "attachment; filename=\"r?sum?.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt",
            ),
            (
                Some("😀 (1).txt"),
                "attachment; filename=\"?? (1).txt\"; filename*=UTF-8''%F0%9F%98%80%20%281%29.txt",
            ),
            (
                Some("100%25.txt"),
                "attachment; filename=100%25.txt; filename*=UTF-8''100%2525.txt",
            ),
            (
                Some("say \"hi\".txt"),
                "attachment; filename=\"say \\\"hi\\\".txt\"",
            ),
            (Some(""), "attachment; filename=\"\""),
        ];
        for (name, want) in cases {
            assert_eq!(attachment(*name), *want, "{name:?}");
        }
    }
}
