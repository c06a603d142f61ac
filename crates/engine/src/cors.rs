//! CORS as the `cors` package (2.8) decides it: which `Access-Control-*` headers a request
//! gets, in which order, whether a preflight is answered here (`204`, `Content-Length: 0`) or
//! passed on, and how `Vary` grows (the `vary` package).
//!
//! What needs a JS engine stays in the runtime: calling an options or origin callback, testing
//! a `RegExp`, turning arrays and numbers into strings. It hands over the results as [`Options`].
//!
//! ```
//! use engine::cors::{plan, Options, Request};
//! let req = Request { method: "GET", origin: Some("http://example.com"), request_headers: None };
//! let p = plan(&Options::default(), &req);
//! assert_eq!(p.headers, vec![("Access-Control-Allow-Origin", "*".to_string())]);
//! assert_eq!(p.end, None);
//! ```

/// The `origin` option once callbacks and `RegExp`s have run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// `'*'`, the default: every origin, no `Vary`.
    Any,
    /// A fixed origin string: sent whatever the request's origin, with `Vary: Origin`.
    Fixed(String),
    /// `true`, a list, a `RegExp` or a callback's answer: the request's own origin is sent back
    /// when `allowed`, and `Vary: Origin` always.
    Reflect { allowed: bool },
}

/// `allowedHeaders` (or its alias `headers`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowedHeaders {
    /// Not configured: a preflight's `Access-Control-Request-Headers` are echoed back.
    Reflect,
    /// Configured; `None` when it joined to an empty string.
    Fixed(Option<String>),
}

/// The `cors` options after `Object.assign({}, defaults, options)`; string-valued options are
/// already joined with `,` and `None` where they were falsy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub origin: Origin,
    pub methods: Option<String>,
    pub allowed_headers: AllowedHeaders,
    pub exposed_headers: Option<String>,
    /// `credentials === true`.
    pub credentials: bool,
    /// `String(maxAge)` when set (`0` counts).
    pub max_age: Option<String>,
    pub preflight_continue: bool,
    pub options_success_status: u16,
}

impl Default for Options {
    /// `cors()`'s defaults.
    fn default() -> Self {
        Self {
            origin: Origin::Any,
            methods: Some("GET,HEAD,PUT,PATCH,POST,DELETE".into()),
            allowed_headers: AllowedHeaders::Reflect,
            exposed_headers: None,
            credentials: false,
            max_age: None,
            preflight_continue: false,
            options_success_status: 204,
        }
    }
}

/// What `cors` reads from the request (`req.method`, `req.headers.origin`,
/// `req.headers['access-control-request-headers']`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request<'a> {
    pub method: &'a str,
    pub origin: Option<&'a str>,
    pub request_headers: Option<&'a str>,
}

/// What the middleware does to the response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Headers in the order `cors` sets them; a `Vary` entry is merged into the response's
    /// `Vary` with [`crate::vary::append`], every other entry replaces the header.
    pub headers: Vec<(&'static str, String)>,
    /// `Some(status)`: the preflight is answered here (`res.statusCode = status; res.end()`);
    /// `None`: the request goes on to `next()`.
    pub end: Option<u16>,
}

/// The headers and outcome of one request through `cors(options)`.
pub fn plan(opts: &Options, req: &Request) -> Plan {
    let mut headers = Vec::new();
    let mut set = |name: &'static str, value: Option<&str>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            headers.push((name, v.to_string()));
        }
    };
    let preflight = req.method.to_uppercase() == "OPTIONS";
    match &opts.origin {
        Origin::Any => set("Access-Control-Allow-Origin", Some("*")),
        Origin::Fixed(origin) => {
            set("Access-Control-Allow-Origin", Some(origin));
            set("Vary", Some("Origin"));
        }
        Origin::Reflect { allowed } => {
            set(
                "Access-Control-Allow-Origin",
                req.origin.filter(|_| *allowed),
            );
            set("Vary", Some("Origin"));
        }
    }
    set(
        "Access-Control-Allow-Credentials",
        opts.credentials.then_some("true"),
    );
    if preflight {
        set("Access-Control-Allow-Methods", opts.methods.as_deref());
        match &opts.allowed_headers {
            AllowedHeaders::Reflect => {
                set("Vary", Some("Access-Control-Request-Headers"));
                set("Access-Control-Allow-Headers", req.request_headers);
            }
            AllowedHeaders::Fixed(list) => set("Access-Control-Allow-Headers", list.as_deref()),
        }
        set("Access-Control-Max-Age", opts.max_age.as_deref());
    }
    set(
        "Access-Control-Expose-Headers",
        opts.exposed_headers.as_deref(),
    );
    let end = (preflight && !opts.preflight_continue).then(|| {
        headers.push(("Content-Length", "0".to_string()));
        opts.options_success_status
    });
    Plan { headers, end }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(method: &'static str, origin: Option<&'static str>) -> Request<'static> {
        Request {
            method,
            origin,
            request_headers: None,
        }
    }

    fn h(list: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
        list.iter().map(|(n, v)| (*n, v.to_string())).collect()
    }

    /// Options, request, the headers set, the preflight's status.
    type Case = (
        Options,
        Request<'static>,
        Vec<(&'static str, String)>,
        Option<u16>,
    );

    /// Each row as the headers real `cors` 2.8.6 sets on Node (in order), and whether it ended
    /// the response.
    #[test]
    fn plans_match_the_cors_package() {
        let allow_any = ("Access-Control-Allow-Origin", "*");
        let methods = (
            "Access-Control-Allow-Methods",
            "GET,HEAD,PUT,PATCH,POST,DELETE",
        );
        let vary_origin = ("Vary", "Origin");
        let vary_acrh = ("Vary", "Access-Control-Request-Headers");
        let len0 = ("Content-Length", "0");
        let reflect = |allowed| Options {
            origin: Origin::Reflect { allowed },
            ..Options::default()
        };
        let preflight = Request {
            method: "options",
            origin: Some("http://x.com"),
            request_headers: Some("Content-Type, X-Token"),
        };
        let full = Options {
            origin: Origin::Fixed("http://app.example.com".into()),
            credentials: true,
            exposed_headers: Some("X-Total-Count,Link".into()),
            allowed_headers: AllowedHeaders::Fixed(Some("Content-Type,Authorization".into())),
            methods: Some("GET,POST".into()),
            max_age: Some("600".into()),
            ..Options::default()
        };
        let cases: Vec<Case> = vec![
            (Options::default(), get("GET", None), h(&[allow_any]), None),
            (
                Options::default(),
                get("GET", Some("http://e.com")),
                h(&[allow_any]),
                None,
            ),
            (
                Options::default(),
                preflight,
                h(&[
                    allow_any,
                    methods,
                    vary_acrh,
                    ("Access-Control-Allow-Headers", "Content-Type, X-Token"),
                    len0,
                ]),
                Some(204),
            ),
            (
                Options::default(),
                get("OPTIONS", None),
                h(&[allow_any, methods, vary_acrh, len0]),
                Some(204),
            ),
            (
                Options {
                    origin: Origin::Fixed("http://example.com".into()),
                    ..Options::default()
                },
                get("GET", Some("http://evil.com")),
                h(&[
                    ("Access-Control-Allow-Origin", "http://example.com"),
                    vary_origin,
                ]),
                None,
            ),
            (
                reflect(true),
                get("GET", Some("http://a.com")),
                h(&[("Access-Control-Allow-Origin", "http://a.com"), vary_origin]),
                None,
            ),
            (
                reflect(false),
                get("GET", Some("http://b.com")),
                h(&[vary_origin]),
                None,
            ),
            (reflect(true), get("GET", None), h(&[vary_origin]), None),
            (
                full.clone(),
                get("GET", Some("http://app.example.com")),
                h(&[
                    ("Access-Control-Allow-Origin", "http://app.example.com"),
                    vary_origin,
                    ("Access-Control-Allow-Credentials", "true"),
                    ("Access-Control-Expose-Headers", "X-Total-Count,Link"),
                ]),
                None,
            ),
            (
                full,
                get("OPTIONS", Some("http://app.example.com")),
                h(&[
                    ("Access-Control-Allow-Origin", "http://app.example.com"),
                    vary_origin,
                    ("Access-Control-Allow-Credentials", "true"),
                    ("Access-Control-Allow-Methods", "GET,POST"),
                    ("Access-Control-Allow-Headers", "Content-Type,Authorization"),
                    ("Access-Control-Max-Age", "600"),
                    ("Access-Control-Expose-Headers", "X-Total-Count,Link"),
                    len0,
                ]),
                Some(204),
            ),
            (
                Options {
                    preflight_continue: true,
                    ..Options::default()
                },
                get("OPTIONS", Some("http://x.com")),
                h(&[allow_any, methods, vary_acrh]),
                None,
            ),
            (
                Options {
                    options_success_status: 200,
                    ..Options::default()
                },
                get("OPTIONS", Some("http://x.com")),
                h(&[allow_any, methods, vary_acrh, len0]),
                Some(200),
            ),
            (
                Options {
                    allowed_headers: AllowedHeaders::Fixed(None),
                    max_age: Some("0".into()),
                    ..Options::default()
                },
                get("OPTIONS", None),
                h(&[allow_any, methods, ("Access-Control-Max-Age", "0"), len0]),
                Some(204),
            ),
        ];
        for (opts, req, headers, end) in cases {
            let p = plan(&opts, &req);
            assert_eq!(p.headers, headers, "{opts:?} {req:?}");
            assert_eq!(p.end, end, "{opts:?} {req:?}");
        }
    }
}
