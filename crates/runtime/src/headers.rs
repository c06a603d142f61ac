//! Request header reading as Express's `req.get()` does it.

use engine::http::Headers;

/// `req.get(name)`: case-insensitive; `Referer` and `Referrer` are the same header.
pub fn request_header(headers: &Headers, name: &str) -> Option<String> {
    let lc = name.to_ascii_lowercase();
    if lc == "referer" || lc == "referrer" {
        return headers
            .get("referrer")
            .or_else(|| headers.get("referer"))
            .map(str::to_string);
    }
    let all: Vec<&str> = headers.get_all(name).collect();
    if all.is_empty() {
        return None;
    }
    // Node joins repeated headers with ", " (set-cookie excepted, which is not a request header).
    Some(all.join(", "))
}
