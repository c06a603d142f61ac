//! `decodeURIComponent`, which Express applies to every captured parameter.

/// Decodes `%XX` escapes to UTF-8 exactly as JavaScript's `decodeURIComponent` does,
/// failing (URIError in JS) on a malformed escape or invalid UTF-8.
pub fn decode_uri_component(s: &str) -> Result<String, ()> {
    if !s.contains('%') {
        return Ok(s.to_string());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or(())?;
            let hi = (hex[0] as char).to_digit(16).ok_or(())?;
            let lo = (hex[1] as char).to_digit(16).ok_or(())?;
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| ())
}

#[cfg(test)]
mod tests {
    use super::decode_uri_component as d;

    #[test]
    fn decodes_like_javascript() {
        let cases: &[(&str, Result<&str, ()>)] = &[
            ("plain", Ok("plain")),
            ("a%20b", Ok("a b")),
            ("caf%C3%A9", Ok("café")),
            ("a%2Fb", Ok("a/b")),
            ("%", Err(())),
            ("%zz", Err(())),
            ("%E0%A4%A", Err(())),
            ("%FF", Err(())),
        ];
        for (input, want) in cases {
            assert_eq!(d(input).as_deref().map_err(|_| ()), *want, "{input}");
        }
    }
}
