//! The `qs` package's parser (6.x), as Express uses it: `app.set('query parser', 'extended')`
//! and `express.urlencoded()` (both `extended` forms). Nested keys (`a[b][c]=1`), arrays
//! (`a[]=1`, `a[0]=1`), the array limit that turns big arrays into objects, depth limits and
//! duplicate keys all follow qs, including the order JavaScript gives object keys.
//!
//! Options Express never changes are fixed at its values: `allowPrototypes: true`,
//! `parseArrays`, `duplicates: 'combine'`, `strictMerge`, no `allowDots`, no `comma`.

use crate::js;

mod merge;
#[cfg(test)]
mod tests;
mod value;

use merge::{combine, combine_concat, compact, merge};
use value::{canonical_int, index_key};
pub use value::{Array, Object, Value};

/// Text encoding of the input (`charset` option).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    Utf8,
    Latin1,
}

/// The `qs.parse` options Express sets.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub depth: f64,
    pub array_limit: f64,
    /// `None` is `Infinity`.
    pub parameter_limit: Option<u32>,
    pub strict_depth: bool,
    pub charset: Charset,
    pub charset_sentinel: bool,
    pub interpret_numeric_entities: bool,
}

impl Options {
    /// `qs.parse(str, { allowPrototypes: true })`: Express's extended query parser.
    pub fn query() -> Self {
        Self {
            depth: 5.0,
            array_limit: 20.0,
            parameter_limit: Some(1000),
            strict_depth: false,
            charset: Charset::Utf8,
            charset_sentinel: false,
            interpret_numeric_entities: false,
        }
    }
}

/// qs throws a RangeError for a key deeper than `depth` when `strictDepth` is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepthExceeded(pub String);

/// `utils.decode`: `+` is a space, then percent-decoding in the charset; a bad escape in
/// UTF-8 leaves the whole string undecoded (as `decodeURIComponent` throwing does).
fn decode(s: &str, charset: Charset) -> String {
    let spaced = s.replace('+', " ");
    if !s.contains('%') {
        return spaced;
    }
    match charset {
        Charset::Utf8 => js::decode_uri_component(&spaced).unwrap_or(spaced),
        Charset::Latin1 => {
            let b = spaced.as_bytes();
            let mut out = String::with_capacity(spaced.len());
            let mut i = 0;
            while i < b.len() {
                let hex = b
                    .get(i + 1..i + 3)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit));
                if let (b'%', Some(h)) = (b[i], hex) {
                    let code =
                        u8::from_str_radix(std::str::from_utf8(h).unwrap_or("0"), 16).unwrap_or(0);
                    out.push(char::from(code));
                    i += 3;
                    continue;
                }
                // Copy one whole UTF-8 character.
                let len = spaced[i..].chars().next().map_or(1, char::len_utf8);
                out.push_str(&spaced[i..i + len]);
                i += len;
            }
            out
        }
    }
}

/// `interpretNumericEntities`: `&#10003;` becomes the character (ISO-8859-1 forms only).
fn interpret_numeric_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && after.as_bytes().get(digits) == Some(&b';') {
            let n: u64 = after[..digits].parse().unwrap_or(u64::MAX);
            let code = if n <= 0x10ffff {
                n as u32
            } else {
                (n & 0xffff) as u32
            };
            out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
            rest = &after[digits + 1..];
        } else {
            out.push_str("&#");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// `parseValues`: `a=1&a=2&b` → `{ a: ['1', '2'], b: '' }` with the keys still flat.
fn parse_values(input: &str, opts: &Options) -> Object {
    let clean = replace_ci(&replace_ci(input, "%5B", "["), "%5D", "]");
    let mut parts: Vec<&str> = clean.split('&').collect();
    if let Some(limit) = opts.parameter_limit {
        parts.truncate(limit as usize);
    }
    let mut charset = opts.charset;
    let mut skip = None;
    if opts.charset_sentinel {
        if let Some(i) = parts.iter().position(|p| p.starts_with("utf8=")) {
            match parts[i] {
                "utf8=%E2%9C%93" => charset = Charset::Utf8,
                "utf8=%26%2310003%3B" => charset = Charset::Latin1,
                _ => {}
            }
            skip = Some(i);
        }
    }
    let mut obj = Object::default();
    for (i, part) in parts.iter().enumerate() {
        if Some(i) == skip {
            continue;
        }
        let pos = match part.find("]=") {
            Some(p) => Some(p + 1),
            None => part.find('='),
        };
        let (key, mut val) = match pos {
            None => (decode(part, charset), String::new()),
            Some(p) => (decode(&part[..p], charset), decode(&part[p + 1..], charset)),
        };
        if !val.is_empty() && opts.interpret_numeric_entities && charset == Charset::Latin1 {
            val = interpret_numeric_entities(&val);
        }
        match obj.take(&key) {
            Some(existing) => obj.set(key, combine(existing, Value::Str(val), opts.array_limit)),
            None => obj.set(key, Value::Str(val)),
        }
    }
    obj
}

/// `str.replace(/needle/gi, with)` for an ASCII needle.
fn replace_ci(s: &str, needle: &str, with: &str) -> String {
    let lower = s.to_ascii_lowercase();
    let needle = needle.to_ascii_lowercase();
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for (i, _) in lower.match_indices(&needle) {
        out.push_str(&s[last..i]);
        out.push_str(with);
        last = i + needle.len();
    }
    out.push_str(&s[last..]);
    out
}

fn strip_wrapping_brackets(key: &str) -> &str {
    if key.len() >= 2 && key.starts_with('[') && key.ends_with(']') {
        &key[1..key.len() - 1]
    } else {
        key
    }
}

/// `splitKeyIntoSegments`: `a[b][c]` → `["a", "[b]", "[c]"]`, the rest past `depth` kept whole.
fn split_key(key: &str, opts: &Options) -> Result<Vec<String>, DepthExceeded> {
    if opts.depth <= 0.0 {
        return Ok(vec![key.to_string()]);
    }
    let b = key.as_bytes();
    let mut segments = Vec::new();
    let first = key.find('[');
    let parent = first.map_or(key, |f| &key[..f]);
    if !parent.is_empty() {
        segments.push(parent.to_string());
    }
    let mut open = first;
    let mut collected = 0.0;
    while let Some(o) = open {
        if collected >= opts.depth {
            break;
        }
        let mut level = 1;
        let mut i = o + 1;
        let mut close = None;
        while i < b.len() && close.is_none() {
            match b[i] {
                b'[' => level += 1,
                b']' => {
                    level -= 1;
                    if level == 0 {
                        close = Some(i);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        let Some(c) = close else {
            segments.push(format!("[{}]", &key[o..]));
            return Ok(segments);
        };
        segments.push(key[o..=c].to_string());
        collected += 1.0;
        open = key[c + 1..].find('[').map(|n| n + c + 1);
    }
    if let Some(o) = open {
        if opts.strict_depth {
            return Err(DepthExceeded(format!(
                "Input depth exceeded depth option of {} and strictDepth is true",
                opts.depth
            )));
        }
        segments.push(format!("[{}]", &key[o..]));
    }
    Ok(segments)
}

/// `parseObject`: builds the nested value for one key's segments, innermost first.
fn parse_object(chain: &[String], value: Value, opts: &Options) -> Value {
    let mut leaf = value;
    for root in chain.iter().rev() {
        leaf = if root == "[]" {
            match leaf {
                Value::Obj(o) if o.overflow.is_some() => Value::Obj(o),
                leaf => combine_concat(Value::Arr(Array::default()), leaf, opts.array_limit),
            }
        } else {
            let clean = strip_wrapping_brackets(root);
            let index = canonical_int(clean).filter(|n| *n >= 0.0 && root != clean);
            match index {
                Some(n) if n < opts.array_limit => {
                    let mut items = vec![None; n as usize + 1];
                    items[n as usize] = Some(leaf);
                    Value::Arr(Array {
                        items,
                        conflict: None,
                    })
                }
                Some(n) => {
                    let mut obj = Object::default();
                    obj.set(index_key(n), leaf);
                    obj.overflow = Some(n);
                    Value::Obj(obj)
                }
                None => {
                    let mut obj = Object::default();
                    if clean != "__proto__" {
                        obj.set(clean.to_string(), leaf);
                    }
                    Value::Obj(obj)
                }
            }
        };
    }
    leaf
}

/// `qs.parse(str, options)`: always an object at the top.
pub fn parse(input: &str, opts: &Options) -> Result<Object, DepthExceeded> {
    if input.is_empty() {
        return Ok(Object::default());
    }
    let flat = parse_values(input, opts);
    let mut obj = Value::Obj(Object::default());
    for (key, value) in flat.entries {
        if key.is_empty() {
            continue;
        }
        let chain = split_key(&key, opts)?;
        let nested = parse_object(&chain, value, opts);
        obj = merge(obj, nested, opts.array_limit);
    }
    match compact(obj) {
        Value::Obj(o) => Ok(o),
        _ => Ok(Object::default()),
    }
}

/// body-parser's `parameterCount`: `None` once the count passes `limit` (a 413).
pub fn parameter_count(body: &str, limit: f64) -> Option<usize> {
    let count = body.matches('&').count() + 1;
    (count as f64 <= limit).then_some(count)
}
