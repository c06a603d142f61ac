//! The values `qs.parse` builds, with JavaScript's own rules: object keys iterate array
//! indices first (ascending), then the other keys in insertion order; arrays have holes.

/// A parsed value: what `qs.parse` builds out of strings, arrays and plain objects.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Arr(Array),
    Obj(Object),
}

/// A JavaScript array, holes (`None`) included until [`compact`] removes them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Array {
    pub items: Vec<Option<Value>>,
    /// qs's side channel: an array made of two conflicting values, and its last index.
    pub(super) conflict: Option<f64>,
}

/// A plain object whose keys iterate in JavaScript order: array indices ascending, then the
/// other keys in insertion order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Object {
    pub entries: Vec<(String, Value)>,
    /// qs's side channel: an array that outgrew `arrayLimit`, and its highest index.
    pub(super) overflow: Option<f64>,
    pub(super) conflict: Option<f64>,
}

/// `String(parseInt(s, 10)) === s`: a canonical integer, as qs checks array indices.
pub(super) fn canonical_int(s: &str) -> Option<f64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let canonical = !digits.is_empty()
        && digits.len() <= 15
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && s != "-0";
    let n: f64 = digits.parse().ok().filter(|_| canonical)?;
    Some(if s.starts_with('-') { -n } else { n })
}

/// A key JavaScript orders first: a canonical integer below 2³² − 1.
fn array_index(key: &str) -> Option<u64> {
    canonical_int(key)
        .filter(|n| *n >= 0.0 && *n < 4_294_967_295.0)
        .map(|n| n as u64)
}

pub(super) fn index_key(n: f64) -> String {
    format!("{}", n as i64)
}

impl Object {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub(super) fn take(&mut self, key: &str) -> Option<Value> {
        let i = self.entries.iter().position(|(k, _)| k == key)?;
        Some(std::mem::replace(
            &mut self.entries[i].1,
            Value::Str(String::new()),
        ))
    }

    /// `obj[key] = value`, keeping JavaScript's key order.
    pub fn set(&mut self, key: String, value: Value) {
        if let Some(slot) = self.entries.iter_mut().find(|(k, _)| *k == key) {
            slot.1 = value;
            return;
        }
        let at = match array_index(&key) {
            Some(n) => self
                .entries
                .iter()
                .position(|(k, _)| array_index(k).is_none_or(|m| m > n))
                .unwrap_or(self.entries.len()),
            None => self.entries.len(),
        };
        self.entries.insert(at, (key, value));
    }
}

impl Value {
    pub(super) fn is_container(&self) -> bool {
        !matches!(self, Value::Str(_))
    }

    /// `JSON.stringify(value)`, for tests and logs.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        write_json(self, &mut out);
        out
    }
}

fn write_json_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn write_json(v: &Value, out: &mut String) {
    match v {
        Value::Str(s) => write_json_str(s, out),
        Value::Arr(a) => {
            out.push('[');
            for (i, item) in a.items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                match item {
                    Some(v) => write_json(v, out),
                    None => out.push_str("null"),
                }
            }
            out.push(']');
        }
        Value::Obj(o) => {
            out.push('{');
            for (i, (k, v)) in o.entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json_str(k, out);
                out.push(':');
                write_json(v, out);
            }
            out.push('}');
        }
    }
}
