//! The learner's environment variables, written as a `.env` file is: `NAME=value`, one a line.
//!
//! They become the learner's `process.env` at the next Run; Express reads `NODE_ENV` from it
//! (app setting `env`), so `NODE_ENV=production` turns stack traces off in its error pages.

use std::collections::BTreeMap;

/// The variables written, and what could not be read, one message per line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Env {
    pub vars: BTreeMap<String, String>,
    pub problems: Vec<String>,
}

/// Reads `NAME=value` lines. Blank lines and `#` comments are skipped, an `export ` before the
/// name is allowed, one pair of quotes around the value is removed, and a name written twice
/// keeps its last value, as `dotenv` does. A line that is none of these is reported, not run.
pub fn parse(text: &str) -> Env {
    let mut env = Env::default();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let number = index + 1;
        let Some((name, value)) = line.split_once('=') else {
            env.problems.push(format!(
                "Line {number}: “{line}” has no “=”; write NAME=value."
            ));
            continue;
        };
        let name = name.trim();
        let name = name.strip_prefix("export ").map_or(name, str::trim_start);
        if !is_name(name) {
            env.problems.push(format!(
                "Line {number}: “{name}” is not a variable name; use letters, digits and _, not starting with a digit."
            ));
            continue;
        }
        env.vars
            .insert(name.to_string(), unquote(value.trim()).to_string());
    }
    env
}

fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|rest| rest.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, variables read, problems reported)
    type Case = (&'static str, &'static [(&'static str, &'static str)], usize);

    #[test]
    fn reads_lines_as_dotenv_does() {
        let cases: &[Case] = &[
            ("", &[], 0),
            ("NODE_ENV=production", &[("NODE_ENV", "production")], 0),
            (
                "  NODE_ENV = production  ",
                &[("NODE_ENV", "production")],
                0,
            ),
            ("export PORT=4000", &[("PORT", "4000")], 0),
            (
                "GREETING=\"hello world\"",
                &[("GREETING", "hello world")],
                0,
            ),
            ("GREETING='hi'", &[("GREETING", "hi")], 0),
            ("QUOTE=\"half", &[("QUOTE", "\"half")], 0),
            ("URL=a=b", &[("URL", "a=b")], 0),
            ("EMPTY=", &[("EMPTY", "")], 0),
            ("# a comment\n\nA=1", &[("A", "1")], 0),
            ("A=1\nA=2", &[("A", "2")], 0),
            ("_private=x", &[("_private", "x")], 0),
            ("NODE_ENV", &[], 1),
            ("1ST=x", &[], 1),
            ("MY-VAR=x", &[], 1),
            ("=x", &[], 1),
            ("A=1\noops\nB=2", &[("A", "1"), ("B", "2")], 1),
        ];
        for (text, vars, problems) in cases {
            let env = parse(text);
            let expected: BTreeMap<String, String> = vars
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            assert_eq!(env.vars, expected, "{text:?}");
            assert_eq!(
                env.problems.len(),
                *problems,
                "{text:?}: {:?}",
                env.problems
            );
        }
    }

    #[test]
    fn a_problem_names_its_line() {
        let env = parse("A=1\n\nNODE_ENV production");
        assert_eq!(
            env.problems,
            ["Line 3: “NODE_ENV production” has no “=”; write NAME=value."]
        );
    }
}
