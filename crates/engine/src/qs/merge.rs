//! qs's `utils`: how values for the same key combine (`combine`, `merge`), the array limit
//! that turns an array into an object (qs's "overflow" side channel), and `compact`.

use super::value::{canonical_int, index_key, Array, Object, Value};

/// `arrayToObject`: an array's elements as index keys (holes dropped).
fn array_to_object(items: Vec<Option<Value>>) -> Object {
    let mut obj = Object::default();
    for (i, item) in items.into_iter().enumerate() {
        if let Some(v) = item {
            obj.set(i.to_string(), v);
        }
    }
    obj
}

fn overflowed(items: Vec<Option<Value>>, max_index: f64) -> Value {
    let mut obj = array_to_object(items);
    obj.overflow = Some(max_index);
    Value::Obj(obj)
}

fn count_elements(a: &Array) -> usize {
    a.items.iter().filter(|i| i.is_some()).count()
}

/// `[].concat(a, b)`: arrays are spread one level, anything else appended.
fn concat(parts: Vec<Value>) -> Vec<Option<Value>> {
    let mut out = Vec::new();
    for p in parts {
        match p {
            Value::Arr(a) => out.extend(a.items),
            v => out.push(Some(v)),
        }
    }
    out
}

/// `utils.combine(a, b, arrayLimit)`: duplicate keys become an array (or an overflow object).
pub(super) fn combine(a: Value, b: Value, limit: f64) -> Value {
    if let Value::Obj(mut o) = a {
        if let Some(mut index) = o.overflow {
            let values = match b {
                Value::Arr(arr) => arr.items,
                v => vec![Some(v)],
            };
            for v in values {
                index += 1.0;
                // qs assigns `undefined` for a hole; such a key never survives JSON.
                if let Some(v) = v {
                    o.set(index_key(index), v);
                }
            }
            o.overflow = Some(index);
            return Value::Obj(o);
        }
        return combine_concat(Value::Obj(o), b, limit);
    }
    combine_concat(a, b, limit)
}

pub(super) fn combine_concat(a: Value, b: Value, limit: f64) -> Value {
    let items = concat(vec![a, b]);
    if items.len() as f64 > limit {
        let max = items.len() as f64 - 1.0;
        return overflowed(items, max);
    }
    Value::Arr(Array {
        items,
        conflict: None,
    })
}

/// `limitedPair(first, second)`: two values that cannot merge, side by side.
fn limited_pair(first: Value, second: Value, limit: f64) -> Value {
    let items = vec![Some(first), Some(second)];
    if 2.0 > limit {
        return overflowed(items, 1.0);
    }
    Value::Arr(Array {
        items,
        conflict: None,
    })
}

/// `utils.merge(target, source, options)`.
pub(super) fn merge(target: Value, source: Value, limit: f64) -> Value {
    match source {
        Value::Str(s) if s.is_empty() => target,
        Value::Str(s) => merge_primitive(target, s, limit),
        source => merge_container(target, source, limit),
    }
}

fn merge_primitive(target: Value, source: String, limit: f64) -> Value {
    match target {
        Value::Arr(mut a) => {
            let next = a.items.len();
            if count_elements(&a) as f64 >= limit {
                let mut items = a.items;
                items.push(Some(Value::Str(source)));
                return overflowed(items, next as f64);
            }
            a.items.push(Some(Value::Str(source)));
            Value::Arr(a)
        }
        Value::Obj(mut o) => {
            if let Some(max) = o.overflow {
                o.set(index_key(max + 1.0), Value::Str(source));
                o.overflow = Some(max + 1.0);
                Value::Obj(o)
            } else if let Some(c) = o.conflict {
                o.set(index_key(c + 1.0), Value::Str(source));
                o.conflict = Some(c + 1.0);
                Value::Obj(o)
            } else {
                match limited_pair(Value::Obj(o), Value::Str(source), limit) {
                    Value::Arr(mut a) => {
                        a.conflict = Some(1.0);
                        Value::Arr(a)
                    }
                    v => v,
                }
            }
        }
        t => limited_pair(t, Value::Str(source), limit),
    }
}

fn merge_container(target: Value, source: Value, limit: f64) -> Value {
    let target = match target {
        Value::Str(t) => {
            if let Value::Obj(src) = &source {
                if let Some(max) = src.overflow {
                    let mut result = Object::default();
                    result.set("0".into(), Value::Str(t));
                    if let Value::Obj(src) = source {
                        for (k, v) in src.entries {
                            let old = crate::js::parse_float(&k);
                            result.set(index_key(old + 1.0), v);
                        }
                    }
                    result.overflow = Some(max + 1.0);
                    return Value::Obj(result);
                }
            }
            let items = concat(vec![Value::Str(t), source]);
            if items.len() as f64 > limit {
                let max = items.len() as f64 - 1.0;
                return overflowed(items, max);
            }
            return Value::Arr(Array {
                items,
                conflict: None,
            });
        }
        t => t,
    };
    let mut acc = match (target, source) {
        (Value::Arr(mut t), Value::Arr(s)) => {
            for (i, item) in s.items.into_iter().enumerate() {
                let Some(item) = item else { continue };
                let existing = t.items.get_mut(i).and_then(Option::take);
                match existing {
                    Some(current) if current.is_container() && item.is_container() => {
                        t.items[i] = Some(merge(current, item, limit));
                    }
                    Some(current) => {
                        t.items[i] = Some(current);
                        t.items.push(Some(item));
                    }
                    None => {
                        if t.items.len() <= i {
                            t.items.resize(i + 1, None);
                        }
                        t.items[i] = Some(item);
                    }
                }
            }
            if count_elements(&t) as f64 > limit {
                let max = t.items.len() as f64 - 1.0;
                return overflowed(t.items, max);
            }
            return Value::Arr(t);
        }
        (Value::Arr(t), source) => {
            let len = t.items.len();
            let mut obj = array_to_object(t.items);
            if t.conflict.is_some() {
                obj.conflict = Some(len as f64 - 1.0);
            }
            (obj, source)
        }
        (Value::Obj(o), source) => (o, source),
        // Strings returned above; keep the source as the result rather than panic.
        (Value::Str(_), source) => return source,
    };
    let (ref mut acc_obj, source) = acc;
    let (entries, source_overflow) = match source {
        Value::Obj(o) => (o.entries, o.overflow),
        Value::Arr(a) => (
            a.items
                .into_iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (i.to_string(), v)))
                .collect(),
            None,
        ),
        Value::Str(_) => (vec![], None),
    };
    for (key, value) in entries {
        match acc_obj.take(&key) {
            Some(current) => acc_obj.set(key.clone(), merge(current, value, limit)),
            None => acc_obj.set(key.clone(), value),
        }
        if let Some(src_max) = source_overflow {
            if acc_obj.overflow.is_none() {
                acc_obj.overflow = Some(max_numeric_index(acc_obj, src_max));
            }
        }
        let num = canonical_int(&key);
        if let (Some(max), Some(n)) = (acc_obj.overflow, num) {
            if n >= 0.0 && n > max {
                acc_obj.overflow = Some(n);
            }
        }
        if let (Some(c), Some(n)) = (acc_obj.conflict, num) {
            if n > c {
                acc_obj.conflict = Some(n);
            }
        }
    }
    Value::Obj(std::mem::take(acc_obj))
}

fn max_numeric_index(obj: &Object, min: f64) -> f64 {
    obj.entries
        .iter()
        .filter_map(|(k, _)| canonical_int(k))
        .fold(min, f64::max)
}

/// `utils.compact`: every array loses its holes.
pub(super) fn compact(v: Value) -> Value {
    match v {
        Value::Str(s) => Value::Str(s),
        Value::Arr(a) => Value::Arr(Array {
            items: a
                .items
                .into_iter()
                .flatten()
                .map(|v| Some(compact(v)))
                .collect(),
            conflict: None,
        }),
        Value::Obj(o) => Value::Obj(Object {
            entries: o
                .entries
                .into_iter()
                .map(|(k, v)| (k, compact(v)))
                .collect(),
            overflow: None,
            conflict: None,
        }),
    }
}
