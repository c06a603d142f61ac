//! The `range-parser` package behind `req.range(size, options)`.

use crate::js;

/// One satisfiable byte range, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ByteRange {
    pub start: f64,
    pub end: f64,
}

/// What `rangeParser(size, header)` returns.
#[derive(Debug, Clone, PartialEq)]
pub enum Ranges {
    /// `-2`: the header is not a range specification.
    Malformed,
    /// `-1`: no range can be satisfied for this size.
    Unsatisfiable,
    /// The ranges with their unit (`ranges.type`, usually `bytes`).
    Satisfiable {
        unit: String,
        ranges: Vec<ByteRange>,
    },
}

fn position(s: &str) -> f64 {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().unwrap_or(f64::NAN)
    } else {
        f64::NAN
    }
}

/// `rangeParser(size, str, { combine })`.
pub fn parse(size: f64, header: &str, combine: bool) -> Ranges {
    let Some(eq) = header.find('=') else {
        return Ranges::Malformed;
    };
    let mut ranges = Vec::new();
    for part in header[eq + 1..].split(',') {
        let Some(dash) = part.find('-') else {
            return Ranges::Malformed;
        };
        let start_str = part[..dash].trim_matches(js::is_whitespace);
        let end_str = part[dash + 1..].trim_matches(js::is_whitespace);
        let mut start = position(start_str);
        let mut end = position(end_str);
        if start_str.is_empty() {
            start = size - end;
            end = size - 1.0;
        } else if end_str.is_empty() {
            end = size - 1.0;
        }
        if end > size - 1.0 {
            end = size - 1.0;
        }
        if start.is_nan() || end.is_nan() {
            return Ranges::Malformed;
        }
        if start > end || start < 0.0 {
            continue;
        }
        ranges.push(ByteRange { start, end });
    }
    if ranges.is_empty() {
        return Ranges::Unsatisfiable;
    }
    Ranges::Satisfiable {
        unit: header[..eq].to_string(),
        ranges: if combine {
            combine_ranges(ranges)
        } else {
            ranges
        },
    }
}

/// `combineRanges`: overlapping or adjacent ranges merged, kept in first-seen order.
fn combine_ranges(ranges: Vec<ByteRange>) -> Vec<ByteRange> {
    let mut ordered: Vec<(ByteRange, usize)> = ranges
        .into_iter()
        .enumerate()
        .map(|(i, r)| (r, i))
        .collect();
    ordered.sort_by(|a, b| a.0.start.total_cmp(&b.0.start));
    let mut merged: Vec<(ByteRange, usize)> = Vec::new();
    for (range, index) in ordered {
        match merged.last_mut() {
            Some((current, current_index)) if range.start <= current.end + 1.0 => {
                if range.end > current.end {
                    current.end = range.end;
                    *current_index = (*current_index).min(index);
                }
            }
            _ => merged.push((range, index)),
        }
    }
    merged.sort_by_key(|(_, i)| *i);
    merged.into_iter().map(|(r, _)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(r: &Ranges) -> String {
        match r {
            Ranges::Malformed => "-2".into(),
            Ranges::Unsatisfiable => "-1".into(),
            Ranges::Satisfiable { unit, ranges } => {
                let list: Vec<String> = ranges
                    .iter()
                    .map(|r| format!("{}-{}", r.start, r.end))
                    .collect();
                format!("{unit}:{}", list.join(","))
            }
        }
    }

    /// `require('range-parser')(size, header, { combine })` on Node, shown as `type:a-b,...`.
    #[test]
    fn parses_like_range_parser() {
        let cases: &[(f64, &str, bool, &str)] = &[
            (1000.0, "bytes=0-99,200-299", false, "bytes:0-99,200-299"),
            (10.0, "bytes=0-99,200-299", false, "bytes:0-9"),
            (1000.0, "bytes=500-", false, "bytes:500-999"),
            (1000.0, "bytes=-100", false, "bytes:900-999"),
            (100.0, "bytes=200-300", false, "-1"),
            (100.0, "bytes=abc", false, "-2"),
            (100.0, "nonsense", false, "-2"),
            (100.0, "bytes=1-x", false, "-2"),
            (100.0, "items= 0 - 5 ", false, "items:0-5"),
            (
                100.0,
                "bytes=0-4,90-99,5-75,100-199,101-102",
                true,
                "bytes:0-75,90-99",
            ),
            (150.0, "bytes=0-2,1-2", true, "bytes:0-2"),
            (150.0, "bytes=40-50,0-10", true, "bytes:40-50,0-10"),
        ];
        for (size, header, combine, want) in cases {
            assert_eq!(show(&parse(*size, header, *combine)), *want, "{header}");
        }
    }
}
