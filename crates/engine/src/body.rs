//! `body-parser` 2 (`express.json/urlencoded/text/raw`) up to the point where a JS engine is
//! needed: does the parser apply, which charset, which Content-Encoding (gzip and deflate
//! bodies are inflated as Node's zlib does), is the body within the limit, the text it
//! decodes to, and `urlencoded`'s own parsing. The errors carry body-parser's status, `type`
//! and message. JSON itself is parsed by the JS engine; `json_error` words its failures.

use crate::http::Headers;
use crate::inflate::{self, Wrapper, ZlibError};
use crate::{incoming, js, media, qs};

/// Which charsets a parser accepts (`isValidCharset`), and whether it decodes at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetRule {
    /// `express.json`: any `utf-*`.
    Json,
    /// `express.urlencoded`: `utf-8` or `iso-8859-1`.
    Urlencoded,
    /// `express.text`: any charset the decoder knows.
    Any,
    /// `express.raw`: the bytes as they came.
    Skip,
}

/// The parser's options that decide reading (`normalizeOptions` of body-parser).
#[derive(Debug, Clone, PartialEq)]
pub struct ReadOptions {
    /// Types for `type-is`; `None` when the learner gave a function (JS already asked it).
    pub types: Option<Vec<String>>,
    pub limit: f64,
    pub inflate: bool,
    pub charset: CharsetRule,
    pub default_charset: String,
}

/// An error as body-parser passes it to `next(err)`.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyError {
    pub status: u16,
    /// `err.type`.
    pub kind: String,
    pub message: String,
    /// `err.charset` / `err.encoding` when the error is about one.
    pub charset: Option<String>,
    pub encoding: Option<String>,
    /// raw-body's `expected`/`length`, `limit`, `received` when known.
    pub length: Option<f64>,
    pub limit: Option<f64>,
    pub received: Option<f64>,
    /// Node's zlib error (`err.code`, `err.errno`) for a corrupt compressed body; such an
    /// error is a plain `Error` without `type`.
    pub zlib: Option<ZlibError>,
}

impl BodyError {
    fn new(status: u16, kind: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            kind: kind.to_string(),
            message: message.into(),
            charset: None,
            encoding: None,
            length: None,
            limit: None,
            received: None,
            zlib: None,
        }
    }

    fn zlib(e: ZlibError) -> Self {
        Self {
            zlib: Some(e),
            ..Self::new(400, "", e.message)
        }
    }
}

/// What one parser does with one request.
#[derive(Debug, Clone, PartialEq)]
pub enum Read {
    /// `next()` without touching `req.body`: no body, or not this parser's type.
    Skip,
    /// `next(err)`.
    Fail(BodyError),
    /// The body was read: its bytes, and the charset to decode them with (`None` for raw).
    Body {
        bytes: Vec<u8>,
        charset: Option<String>,
    },
}

/// body-parser's `read()`: every check before `verify` and `parse`.
pub fn read(headers: &Headers, body: &[u8], opts: &ReadOptions) -> Read {
    if !media::has_body(headers) {
        return Read::Skip;
    }
    if let Some(types) = &opts.types {
        let ct = incoming::get(headers, "content-type");
        if media::type_is(ct.as_deref(), types).is_none() {
            return Read::Skip;
        }
    }
    let charset = match opts.charset {
        CharsetRule::Skip => None,
        rule => {
            let cs = incoming::get(headers, "content-type")
                .and_then(|ct| {
                    media::parse(&ct, false, 0)
                        .parameter("charset")
                        .map(str::to_lowercase)
                })
                .unwrap_or_else(|| opts.default_charset.clone());
            let valid = match rule {
                CharsetRule::Json => cs.starts_with("utf-"),
                CharsetRule::Urlencoded => cs == "utf-8" || cs == "iso-8859-1",
                CharsetRule::Any | CharsetRule::Skip => true,
            };
            if !valid {
                return Read::Fail(unsupported_charset(&cs));
            }
            Some(cs)
        }
    };
    let encoding = incoming::get(headers, "content-encoding")
        .unwrap_or_else(|| "identity".into())
        .to_lowercase();
    if !opts.inflate && encoding != "identity" {
        let mut e = BodyError::new(415, "encoding.unsupported", "content encoding unsupported");
        e.encoding = Some(encoding);
        return Read::Fail(e);
    }
    let wrapper = match encoding.as_str() {
        "identity" => None,
        "gzip" => Some(Wrapper::Gzip),
        "deflate" => Some(Wrapper::Zlib),
        _ => return Read::Fail(unsupported_encoding(encoding)),
    };
    // raw-body: Content-Length describes an identity body only; a compressed one is
    // measured as it inflates.
    let length = incoming::get(headers, "content-length")
        .filter(|l| wrapper.is_none() && js::to_number(l).is_some())
        .and_then(|l| js_parse_int(&l));
    if let Some(len) = length {
        if len > opts.limit {
            let mut e = BodyError::new(413, "entity.too.large", "request entity too large");
            e.length = Some(len);
            e.limit = Some(opts.limit);
            return Read::Fail(e);
        }
    }
    // raw-body makes its decoder before the first byte arrives.
    if let Some(cs) = &charset {
        if !charset_known(cs) {
            return Read::Fail(unsupported_charset(cs));
        }
    }
    let bytes = match wrapper {
        Some(w) => match inflate_within(body, w, opts.limit) {
            Ok(bytes) => bytes,
            Err(e) => return Read::Fail(*e),
        },
        None => match identity_error(body.len(), length, opts.limit) {
            Some(e) => return Read::Fail(e),
            None => body.to_vec(),
        },
    };
    Read::Body { bytes, charset }
}

/// raw-body's checks on what arrived, for an identity body.
fn identity_error(received: usize, length: Option<f64>, limit: f64) -> Option<BodyError> {
    let received = received as f64;
    if received > limit {
        let mut e = BodyError::new(413, "entity.too.large", "request entity too large");
        e.limit = Some(limit);
        e.received = Some(received);
        return Some(e);
    }
    if let Some(len) = length.filter(|&len| len != received) {
        let mut e = BodyError::new(
            400,
            "request.size.invalid",
            "request size did not match content length",
        );
        e.length = Some(len);
        e.received = Some(received);
        return Some(e);
    }
    None
}

/// Node's zlib streams pass their output on in chunks of this size (`Z_DEFAULT_CHUNK`), and
/// raw-body compares its running total with the limit at each chunk.
const ZLIB_CHUNK: usize = 16 * 1024;

/// The body through `zlib.createGunzip()` / `createInflate()` and raw-body's limit: a 413
/// as soon as the chunks handed over exceed `limit` (its `received` is that total), else the
/// stream's own error, else the inflated bytes.
fn inflate_within(body: &[u8], wrapper: Wrapper, limit: f64) -> Result<Vec<u8>, Box<BodyError>> {
    let chunks = (limit.max(0.0) / ZLIB_CHUNK as f64).floor() + 1.0;
    let max_output = if chunks * (ZLIB_CHUNK as f64) < usize::MAX as f64 {
        chunks as usize * ZLIB_CHUNK
    } else {
        usize::MAX
    };
    let out = inflate::inflate(body, wrapper, max_output);
    // A data error drops the chunk being filled; the end of input comes after every chunk.
    let handed = match out.error {
        Some(e) if e != ZlibError::END_OF_FILE => out.bytes.len() / ZLIB_CHUNK * ZLIB_CHUNK,
        _ => out.bytes.len(),
    };
    if handed as f64 > limit {
        let mut e = BodyError::new(413, "entity.too.large", "request entity too large");
        e.limit = Some(limit);
        e.received = Some(handed as f64);
        return Err(Box::new(e));
    }
    match out.error {
        Some(e) => Err(Box::new(BodyError::zlib(e))),
        None => Ok(out.bytes),
    }
}

/// body-parser's answer for a coding it has no stream for; `br` is one Node has but the
/// playground does not carry (a Brotli decoder adds about 90 KB gzip to the runtime).
fn unsupported_encoding(encoding: String) -> BodyError {
    let message = if encoding == "br" {
        "unsupported content encoding \"br\": the playground cannot decompress Brotli; send the body uncompressed, or with gzip or deflate".to_string()
    } else {
        format!("unsupported content encoding \"{encoding}\"")
    };
    let mut e = BodyError::new(415, "encoding.unsupported", message);
    e.encoding = Some(encoding);
    e
}

/// `parseInt(s, 10)` for a string `Number()` accepts (raw-body's `length`).
fn js_parse_int(s: &str) -> Option<f64> {
    let t = s.trim_start_matches(js::is_whitespace);
    let (neg, digits) = match t.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let run: String = digits.chars().take_while(char::is_ascii_digit).collect();
    let n: f64 = run.parse().ok()?;
    Some(if neg { -n } else { n })
}

fn unsupported_charset(cs: &str) -> BodyError {
    let mut e = BodyError::new(
        415,
        "charset.unsupported",
        format!("unsupported charset \"{}\"", cs.to_uppercase()),
    );
    e.charset = Some(cs.to_string());
    e
}

/// The charsets of iconv-lite the playground decodes.
fn charset_known(cs: &str) -> bool {
    matches!(
        normalize_charset(cs).as_str(),
        "utf8" | "latin1" | "utf16le" | "utf16be" | "utf16" | "ascii"
    )
}

fn normalize_charset(cs: &str) -> String {
    let c: String = cs
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    match c.as_str() {
        "utf8" | "unicode11utf8" => "utf8",
        "latin1" | "iso88591" | "binary" | "l1" | "iso8859_1" | "cp819" | "ibm819" => "latin1",
        "utf16le" | "ucs2" => "utf16le",
        "ascii" | "usascii" => "ascii",
        other => return other.to_string(),
    }
    .to_string()
}

/// `iconv.decode(bytes, charset)`: a leading BOM is dropped, invalid UTF-8 becomes U+FFFD, a
/// byte over 0x7f in ASCII too. A lone UTF-16 surrogate, which a JS string keeps, becomes
/// U+FFFD here (the runtime decodes UTF-16 itself).
pub fn decode(bytes: &[u8], charset: &str) -> String {
    let s = match normalize_charset(charset).as_str() {
        "latin1" => return bytes.iter().map(|&b| char::from(b)).collect(),
        "ascii" => {
            let ascii = |&b: &u8| if b < 0x80 { char::from(b) } else { '\u{fffd}' };
            return bytes.iter().map(ascii).collect();
        }
        "utf16le" => utf16(bytes, true),
        "utf16be" => utf16(bytes, false),
        "utf16" => utf16(bytes, utf16_is_le(bytes)),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    };
    match s.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => s,
    }
}

/// UTF-16 in either byte order; an odd last byte is dropped, as Node's `ucs2` drops it.
fn utf16(bytes: &[u8], le: bool) -> String {
    let unit = |p: &[u8]| {
        if le {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    };
    String::from_utf16_lossy(&bytes.chunks_exact(2).map(unit).collect::<Vec<_>>())
}

/// iconv-lite's `utf16` guess: a byte order mark, else whichever order reads more of the
/// first 100 units as ASCII; little-endian on a tie.
pub fn utf16_is_le(bytes: &[u8]) -> bool {
    match bytes {
        [0xff, 0xfe, ..] => return true,
        [0xfe, 0xff, ..] => return false,
        _ => {}
    }
    let (mut le, mut be) = (0, 0);
    for p in bytes.chunks_exact(2).take(100) {
        be += usize::from(p[0] == 0 && p[1] != 0);
        le += usize::from(p[0] != 0 && p[1] == 0);
    }
    be <= le
}

/// The options of `express.urlencoded()` that shape parsing.
#[derive(Debug, Clone, PartialEq)]
pub struct UrlencodedOptions {
    pub extended: bool,
    pub parameter_limit: f64,
    /// `None` means body-parser's default (32 when extended, else 0).
    pub depth: Option<f64>,
    pub charset_sentinel: bool,
    pub interpret_numeric_entities: bool,
}

/// body-parser's urlencoded `parse(body, encoding)`: `qs` with its options, plus the
/// parameter count limit (413) and the depth limit (400).
pub fn urlencoded(
    text: &str,
    charset: &str,
    opts: &UrlencodedOptions,
) -> Result<qs::Object, Box<BodyError>> {
    if text.is_empty() {
        return Ok(qs::Object::default());
    }
    let Some(count) = qs::parameter_count(text, opts.parameter_limit) else {
        return Err(Box::new(BodyError::new(
            413,
            "parameters.too.many",
            "too many parameters",
        )));
    };
    let array_limit = if opts.extended {
        (count as f64).max(100.0)
    } else {
        count as f64
    };
    let depth = if opts.extended {
        opts.depth.unwrap_or(32.0)
    } else {
        0.0
    };
    // `parameterLimit | 0`, then `split`'s ToUint32.
    let parameter_limit = opts
        .parameter_limit
        .is_finite()
        .then_some(opts.parameter_limit as i64 as i32 as u32);
    let options = qs::Options {
        depth,
        array_limit,
        parameter_limit,
        strict_depth: true,
        charset: if charset == "iso-8859-1" {
            qs::Charset::Latin1
        } else {
            qs::Charset::Utf8
        },
        charset_sentinel: opts.charset_sentinel,
        interpret_numeric_entities: opts.interpret_numeric_entities,
    };
    qs::parse(text, &options).map_err(|_| {
        Box::new(BodyError::new(
            400,
            "querystring.parse.rangeError",
            "The input exceeded the depth",
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(pairs: &[(&str, &str)]) -> Headers {
        pairs.iter().copied().collect()
    }

    fn json_opts() -> ReadOptions {
        ReadOptions {
            types: Some(vec!["application/json".into()]),
            limit: 102_400.0,
            inflate: true,
            charset: CharsetRule::Json,
            default_charset: "utf-8".into(),
        }
    }

    fn fail(r: Read) -> (u16, String, String) {
        match r {
            Read::Fail(e) => (e.status, e.kind, e.message),
            other => panic!("expected an error, got {other:?}"),
        }
    }

    /// What `express.json()` answers, as body-parser 2.4 does on Node (the error handler
    /// printing `err.status`, `err.type`, `err.message`).
    #[test]
    fn json_reading_matches_body_parser() {
        let o = json_opts();
        let ct = |v: &str| req(&[("Content-Type", v), ("Content-Length", "7")]);
        assert_eq!(read(&req(&[]), b"", &o), Read::Skip);
        assert_eq!(
            read(&req(&[("Content-Type", "application/json")]), b"", &o),
            Read::Skip
        );
        assert_eq!(read(&ct("text/plain"), b"{\"a\":1}", &o), Read::Skip);
        assert_eq!(
            read(&ct("application/json; charset=UTF-8"), b"{\"a\":1}", &o),
            Read::Body {
                bytes: b"{\"a\":1}".to_vec(),
                charset: Some("utf-8".into())
            }
        );
        assert_eq!(
            fail(read(
                &ct("application/json; charset=latin1"),
                b"{\"a\":1}",
                &o
            )),
            (
                415,
                "charset.unsupported".into(),
                "unsupported charset \"LATIN1\"".into()
            )
        );
        let snappy = req(&[
            ("Content-Type", "application/json"),
            ("Content-Encoding", "snappy"),
            ("Content-Length", "7"),
        ]);
        assert_eq!(
            fail(read(&snappy, b"{\"a\":1}", &o)),
            (
                415,
                "encoding.unsupported".into(),
                "unsupported content encoding \"snappy\"".into()
            )
        );
        let small = ReadOptions {
            limit: 5.0,
            ..json_opts()
        };
        assert_eq!(
            fail(read(&ct("application/json"), b"{\"a\":1}", &small)),
            (
                413,
                "entity.too.large".into(),
                "request entity too large".into()
            )
        );
        let empty = req(&[
            ("Content-Type", "application/json"),
            ("Content-Length", "0"),
        ]);
        assert!(matches!(read(&empty, b"", &o), Read::Body { .. }));
    }

    /// Compressed bodies, as body-parser 2.4 answers them on Node 20 (`gzip` is
    /// `zlib.gzipSync('{"a":1}')`).
    #[test]
    fn compressed_bodies_match_body_parser() {
        const GZIP: &[u8] =
            b"\x1f\x8b\x08\0\0\0\0\0\0\x03\xabVJT\xb22\xac\x05\0\xaf\xac\x1bV\x07\0\0\0";
        let coded = |coding: &str, len: &str| {
            req(&[
                ("Content-Type", "application/json"),
                ("Content-Encoding", coding),
                ("Content-Length", len),
            ])
        };
        let o = json_opts();
        let body = |r: Read| match r {
            Read::Body { bytes, .. } => String::from_utf8(bytes).expect("utf-8"),
            other => panic!("expected a body, got {other:?}"),
        };
        assert_eq!(body(read(&coded("gzip", "27"), GZIP, &o)), r#"{"a":1}"#);
        assert_eq!(body(read(&coded("GZIP", "27"), GZIP, &o)), r#"{"a":1}"#);
        // Content-Length counts for identity bodies only.
        assert_eq!(body(read(&coded("gzip", "5"), GZIP, &o)), r#"{"a":1}"#);
        let deflate = b"x\x9cK\xb45TK\xb25\x02\0\x07{\x01\xc7";
        assert_eq!(body(read(&coded("deflate", "15"), deflate, &o)), "a=1&b=2");
        assert_eq!(
            fail(read(&coded("x-gzip", "27"), GZIP, &o)),
            (
                415,
                "encoding.unsupported".into(),
                "unsupported content encoding \"x-gzip\"".into()
            )
        );
        let off = ReadOptions {
            inflate: false,
            ..json_opts()
        };
        assert_eq!(
            fail(read(&coded("gzip", "27"), GZIP, &off)),
            (
                415,
                "encoding.unsupported".into(),
                "content encoding unsupported".into()
            )
        );
        let Read::Fail(e) = read(&coded("gzip", "7"), br#"{"a":1}"#, &o) else {
            panic!("plain JSON sent as gzip is an error");
        };
        assert_eq!(
            (e.status, e.kind.as_str(), e.message.as_str()),
            (400, "", "incorrect header check")
        );
        assert_eq!(
            e.zlib.map(|z| (z.code, z.errno)),
            Some(("Z_DATA_ERROR", -3))
        );
        let Read::Fail(e) = read(&coded("gzip", "20"), &GZIP[..20], &o) else {
            panic!("a truncated body is an error");
        };
        assert_eq!(
            (e.status, e.message.as_str()),
            (400, "unexpected end of file")
        );
        // The limit applies to the inflated size: 7 bytes, then 16 KiB chunks.
        let small = ReadOptions {
            limit: 5.0,
            ..json_opts()
        };
        let Read::Fail(e) = read(&coded("gzip", "27"), GZIP, &small) else {
            panic!("over the limit once inflated");
        };
        assert_eq!((e.status, e.limit, e.received), (413, Some(5.0), Some(7.0)));
    }

    /// `express.urlencoded(opts)` bodies, printed by body-parser 2.4 on Node.
    #[test]
    fn urlencoded_matches_body_parser() {
        let flat = UrlencodedOptions {
            extended: false,
            parameter_limit: 1000.0,
            depth: None,
            charset_sentinel: false,
            interpret_numeric_entities: false,
        };
        let json = |t: &str, o: &UrlencodedOptions| {
            qs::Value::Obj(urlencoded(t, "utf-8", o).expect("parses")).to_json()
        };
        assert_eq!(json("user[name]=ada", &flat), r#"{"user[name]":"ada"}"#);
        let ext = UrlencodedOptions {
            extended: true,
            ..flat.clone()
        };
        assert_eq!(json("user[name]=ada", &ext), r#"{"user":{"name":"ada"}}"#);
        let three = UrlencodedOptions {
            parameter_limit: 3.0,
            ..flat.clone()
        };
        assert_eq!(json("a=1&b=2&c=3", &three), r#"{"a":"1","b":"2","c":"3"}"#);
        let err = urlencoded("a=1&b=2&c=3&d=4", "utf-8", &three).unwrap_err();
        assert_eq!(
            (err.status, err.kind.as_str(), err.message.as_str()),
            (413, "parameters.too.many", "too many parameters")
        );
        let deep = format!("a{}=1", "[x]".repeat(33));
        let err = urlencoded(&deep, "utf-8", &ext).unwrap_err();
        assert_eq!(
            (err.status, err.message.as_str()),
            (400, "The input exceeded the depth")
        );
    }

    #[test]
    fn decodes_like_iconv() {
        assert_eq!(decode(b"\xef\xbb\xbfhi", "utf-8"), "hi");
        assert_eq!(decode(b"caf\xe9", "iso-8859-1"), "café");
        assert_eq!(decode(b"h\0i\0", "utf-16le"), "hi");
        // iconv-lite 0.7.3 on Node: ASCII has no high half; `utf16` reads a BOM, else guesses.
        assert_eq!(decode(b"A\xe9\x80", "ascii"), "A\u{fffd}\u{fffd}");
        assert_eq!(decode(b"\xfe\xff\0A", "utf-16"), "A");
        assert_eq!(decode(b"\0A\0B", "utf16"), "AB");
        assert_eq!(decode(b"A\0B\0", "UTF-16"), "AB");
        assert_eq!(decode(b"\0A\0B\0", "utf-16be"), "AB");
        assert_eq!(decode(b"\xff", "utf-8"), "\u{fffd}");
    }
}
