//! Path patterns against `path-to-regexp` 8.4 itself: every row's expected value was printed
//! by the real package (`match(path, { end, sensitive, trailing, decode: false })`), so the
//! table is what Express does, not what we believe it does. Flags: E = end (a route; else a
//! `use()` prefix), S = case sensitive, T = strict (no optional trailing slash).

use super::*;

type Row = (
    &'static str,
    &'static str,
    &'static str,
    Option<(&'static str, &'static [(&'static str, &'static str)])>,
);

const MATCHES: &[Row] = &[
    (
        "/users/:id",
        "E",
        "/users/42",
        Some(("/users/42", &[("id", "42")])),
    ),
    (
        "/users/:id",
        "E",
        "/users/42/",
        Some(("/users/42/", &[("id", "42")])),
    ),
    ("/users/:id", "E", "/users/", None),
    (
        "/users/:id",
        "E",
        "/USERS/Ab",
        Some(("/USERS/Ab", &[("id", "Ab")])),
    ),
    ("/users/:id", "ES", "/USERS/Ab", None),
    ("/users/:id", "ET", "/users/42/", None),
    (
        "/:from-:to",
        "E",
        "/a-b-c",
        Some(("/a-b-c", &[("from", "a-b"), ("to", "c")])),
    ),
    ("/:from-:to", "E", "/ab", None),
    (
        "/files/*path",
        "E",
        "/files/a/b/c.txt",
        Some(("/files/a/b/c.txt", &[("path", "a/b/c.txt")])),
    ),
    ("/files/*path", "E", "/files/", None),
    (
        "/*splat/edit",
        "E",
        "/a/b/edit",
        Some(("/a/b/edit", &[("splat", "a/b")])),
    ),
    ("/post{/:slug}", "E", "/post", Some(("/post", &[]))),
    (
        "/post{/:slug}",
        "E",
        "/post/hello",
        Some(("/post/hello", &[("slug", "hello")])),
    ),
    ("/api", "", "/api/users", Some(("/api", &[]))),
    ("/api", "", "/apix", None),
    ("/api", "", "/api", Some(("/api", &[]))),
    ("/api/", "", "/api/x", Some(("/api", &[]))),
    (
        "/:a.:b",
        "E",
        "/file.tar.gz",
        Some(("/file.tar.gz", &[("a", "file.tar"), ("b", "gz")])),
    ),
    (
        "/img{.:ext}",
        "E",
        "/img.png",
        Some(("/img.png", &[("ext", "png")])),
    ),
    ("/img{.:ext}", "E", "/img", Some(("/img", &[]))),
    ("/café", "E", "/CAFÉ", Some(("/CAFÉ", &[]))),
    (
        "/a/*rest",
        "",
        "/a/b/c",
        Some(("/a/b/c", &[("rest", "b/c")])),
    ),
    ("/:id", "", "/x/y", Some(("/x", &[("id", "x")]))),
    ("/\\(x\\)", "E", "/(x)", Some(("/(x)", &[]))),
    (
        "/:a-:b-:c",
        "E",
        "/1-2-3-4",
        Some(("/1-2-3-4", &[("a", "1-2"), ("b", "3"), ("c", "4")])),
    ),
    (
        "/*a.*b",
        "E",
        "/x.y.z",
        Some(("/x.y.z", &[("a", "x.y"), ("b", "z")])),
    ),
];

const ERRORS: &[(&str, &str)] = &[
    ("/:", "Missing parameter name at index 2: /:; visit https://git.new/pathToRegexpError for info"),
    ("/user(s)", "Unexpected ( at index 5: /user(s); visit https://git.new/pathToRegexpError for info"),
    ("/a?", "Unexpected ? at index 2: /a?; visit https://git.new/pathToRegexpError for info"),
    ("/{a", "Unexpected end at index 3, expected }: /{a; visit https://git.new/pathToRegexpError for info"),
    ("/a}", "Unexpected } at index 2: /a}; visit https://git.new/pathToRegexpError for info"),
    ("/*", "Missing parameter name at index 2: /*; visit https://git.new/pathToRegexpError for info"),
    ("/:a:b", "Missing text before \"b\" param: /:a:b; visit https://git.new/pathToRegexpError for info"),
    ("/:\"x", "Unterminated quote at index 2: /:\"x; visit https://git.new/pathToRegexpError for info"),
    ("/\\", "Unexpected end after \\ at index 2: /\\; visit https://git.new/pathToRegexpError for info"),
    ("/a+", "Unexpected + at index 2: /a+; visit https://git.new/pathToRegexpError for info"),
    ("/:x*y", "Missing text before \"y\" wildcard: /:x*y; visit https://git.new/pathToRegexpError for info"),
    ("/a/:", "Missing parameter name at index 4: /a/:; visit https://git.new/pathToRegexpError for info"),
];

fn opts(flags: &str) -> PatternOptions {
    PatternOptions {
        end: flags.contains('E'),
        sensitive: flags.contains('S'),
        strict: flags.contains('T'),
    }
}

#[test]
fn matches_like_path_to_regexp() {
    for &(pattern, flags, input, expected) in MATCHES {
        let compiled = Pattern::new(pattern, opts(flags)).expect(pattern);
        let got = compiled.matches(input).map(|m| {
            let params: Vec<(String, String)> = m
                .params
                .into_iter()
                .map(|(k, v)| match v {
                    ParamValue::One(s) => (k, s),
                    ParamValue::Splat(parts) => (k, parts.join("/")),
                })
                .collect();
            (m.path, params)
        });
        let want = expected.map(|(path, params)| {
            let params: Vec<(String, String)> = params
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            (path.to_string(), params)
        });
        assert_eq!(got, want, "{pattern} [{flags}] against {input}");
    }
}

#[test]
fn rejects_like_path_to_regexp() {
    for &(pattern, message) in ERRORS {
        let err = Pattern::new(pattern, opts("E")).expect_err(pattern);
        assert_eq!(err.message, message, "{pattern}");
    }
}
