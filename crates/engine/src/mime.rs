//! Media types as the `mime-types` package gives them to Express (`res.type`, `res.set`).

/// Extensions and short names Express learners use, and their media types.
const TYPES: &[(&str, &str)] = &[
    ("html", "text/html"),
    ("htm", "text/html"),
    ("json", "application/json"),
    ("text", "text/plain"),
    ("txt", "text/plain"),
    ("js", "text/javascript"),
    ("mjs", "text/javascript"),
    ("css", "text/css"),
    ("csv", "text/csv"),
    ("md", "text/markdown"),
    ("xml", "application/xml"),
    ("bin", "application/octet-stream"),
    ("pdf", "application/pdf"),
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("gif", "image/gif"),
    ("svg", "image/svg+xml"),
    ("webp", "image/webp"),
    ("ico", "image/vnd.microsoft.icon"),
    ("wasm", "application/wasm"),
    ("zip", "application/zip"),
    ("mp3", "audio/mpeg"),
    ("mp4", "video/mp4"),
];

/// `mime.lookup(extOrPath)`.
pub fn lookup(name: &str) -> Option<&'static str> {
    let ext = name.rsplit('.').next().unwrap_or(name).to_ascii_lowercase();
    TYPES.iter().find(|(e, _)| *e == ext).map(|(_, t)| *t)
}

/// `mime.charset(type)`: UTF-8 for text and JSON-like types.
fn charset(media: &str) -> Option<&'static str> {
    let m = media.to_ascii_lowercase();
    let essence = m.split(';').next().unwrap_or("").trim();
    if essence.starts_with("text/")
        || essence == "application/json"
        || essence == "application/javascript"
        || essence.ends_with("+json")
    {
        Some("UTF-8")
    } else {
        None
    }
}

/// `mime.contentType(str)`: a full Content-Type from a type or an extension, with charset.
pub fn content_type(value: &str) -> Option<String> {
    let mut media = if value.contains('/') {
        value.to_string()
    } else {
        lookup(value)?.to_string()
    };
    if !media.to_ascii_lowercase().contains("charset") {
        if let Some(cs) = charset(&media) {
            media.push_str("; charset=");
            media.push_str(&cs.to_ascii_lowercase());
        }
    }
    Some(media)
}

#[cfg(test)]
mod tests {
    use super::content_type;

    /// Each row as `require('mime-types').contentType(input)` prints it on Node.
    #[test]
    fn content_types_match_mime_types() {
        let cases: &[(&str, Option<&str>)] = &[
            ("json", Some("application/json; charset=utf-8")),
            ("html", Some("text/html; charset=utf-8")),
            ("text", Some("text/plain; charset=utf-8")),
            ("js", Some("text/javascript; charset=utf-8")),
            ("xml", Some("application/xml")),
            ("bin", Some("application/octet-stream")),
            ("png", Some("image/png")),
            ("text/plain", Some("text/plain; charset=utf-8")),
            (
                "text/html; charset=latin1",
                Some("text/html; charset=latin1"),
            ),
            ("foo/bar", Some("foo/bar")),
            ("form", None),
        ];
        for (input, want) in cases {
            assert_eq!(content_type(input).as_deref(), *want, "{input}");
        }
    }
}
