//! The `vary` package behind `res.vary()` and `res.format()`.

/// Splits a header on commas, trimming spaces (vary's `parse`).
pub fn parse(header: &str) -> Vec<String> {
    crate::http::token_list(header)
}

fn is_field_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c))
}

/// `vary.append(header, fields)`: the new Vary value, each field once, `*` absorbing all.
/// A string field is first split with [`parse`]. Errors are vary's TypeError texts.
pub fn append(header: &str, fields: &[String]) -> Result<String, String> {
    if fields.iter().any(|f| !is_field_name(f)) {
        return Err("field argument contains an invalid header name".into());
    }
    if header == "*" {
        return Ok(header.to_string());
    }
    let mut val = header.to_string();
    let mut vals = parse(&header.to_ascii_lowercase());
    if fields.iter().any(|f| f == "*") || vals.iter().any(|v| v == "*") {
        return Ok("*".into());
    }
    for f in fields {
        let lower = f.to_ascii_lowercase();
        if !vals.contains(&lower) {
            vals.push(lower);
            val = if val.is_empty() {
                f.clone()
            } else {
                format!("{val}, {f}")
            };
        }
    }
    Ok(val)
}

#[cfg(test)]
mod tests {
    use super::{append, parse};

    /// `require('vary').append(header, field)` on Node.
    #[test]
    fn matches_vary() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let invalid = Err("field argument contains an invalid header name");
        // (header, field as a string, field as an array, result)
        type Case<'a> = (
            &'a str,
            Option<&'a str>,
            &'a [&'a str],
            Result<&'a str, &'a str>,
        );
        let cases: &[Case] = &[
            ("", Some("Accept"), &[], Ok("Accept")),
            (
                "Accept",
                Some("Accept-Encoding"),
                &[],
                Ok("Accept, Accept-Encoding"),
            ),
            (
                "Accept, Accept-Encoding",
                Some("accept"),
                &[],
                Ok("Accept, Accept-Encoding"),
            ),
            ("", Some("Accept, Origin"), &[], Ok("Accept, Origin")),
            ("Accept", Some("*"), &[], Ok("*")),
            ("*", Some("Accept"), &[], Ok("*")),
            ("", None, &["Accept", "Origin"], Ok("Accept, Origin")),
            ("", None, &["Accept, Origin"], invalid),
            ("", Some("bad header"), &[], invalid),
        ];
        for (header, one, list, want) in cases {
            let fields = one.map_or_else(|| s(list), parse);
            assert_eq!(
                append(header, &fields),
                want.map(str::to_string).map_err(str::to_string),
                "{header} {one:?} {list:?}"
            );
        }
    }
}
