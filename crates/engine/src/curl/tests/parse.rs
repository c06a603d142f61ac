use crate::curl::{parse, Mode};

const D: &str = "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: */*";

/// (command, request line, header lines exactly as curl sent them joined by " | ", body).
/// `D` is curl's default trio. Each row is the raw request real curl 8.7.1 sent.
#[rustfmt::skip]
const REQUESTS: &[(&str, &str, &str, &str)] = &[
    // URLs: no scheme means http, the port stays in Host unless it is the default.
    ("curl localhost:3000/hi",                    "GET /hi",       D, ""),
    ("curl http://localhost:3000/path?q=1",       "GET /path?q=1", D, ""),
    ("curl 127.0.0.1:3000",                       "GET /",         "Host: 127.0.0.1:3000 | User-Agent: curl/8.7.1 | Accept: */*", ""),
    ("curl http://[::1]:3000/",                   "GET /",         "Host: [::1]:3000 | User-Agent: curl/8.7.1 | Accept: */*", ""),
    ("curl localhost:3000/a#frag",                "GET /a",        D, ""),
    ("curl localhost:3000?x=1",                   "GET /?x=1",     D, ""),
    ("curl localhost:3000/../a/./b/../c",         "GET /a/c",      D, ""),
    ("curl http://localhost:80/",                 "GET /",         "Host: localhost | User-Agent: curl/8.7.1 | Accept: */*", ""),
    ("curl LOCALHOST:3000/",                      "GET /",         "Host: LOCALHOST:3000 | User-Agent: curl/8.7.1 | Accept: */*", ""),
    ("curl 'localhost:3000/%zz?q=a%20b'",         "GET /%zz?q=a%20b", D, ""),
    ("curl http:/localhost:3000/x",               "GET /x",        D, ""),
    ("curl -- localhost:3000/",                   "GET /",         D, ""),
    ("curl --url localhost:3000/u",               "GET /u",        D, ""),
    ("curl localhost:3000/x -s -o /dev/null",     "GET /x",        D, ""),
    ("curl -g 'localhost:3000/{a,b}[1]'",         "GET /{a,b}[1]", D, ""),
    ("curl -sSfL localhost:3000/",                "GET /",         D, ""),
    // Bodies: -d implies POST, Content-Length and a form Content-Type after the -H lines.
    ("curl -d a=1 localhost:3000/",               "POST /", "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: */* | Content-Length: 3 | Content-Type: application/x-www-form-urlencoded", "a=1"),
    ("curl -d a=1 -d b=2 localhost:3000/",        "POST /", "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: */* | Content-Length: 7 | Content-Type: application/x-www-form-urlencoded", "a=1&b=2"),
    ("curl -d '' localhost:3000/",                "POST /", "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: */* | Content-Length: 0 | Content-Type: application/x-www-form-urlencoded", ""),
    ("curl -d '' -d a=1 localhost:3000/",         "POST /", "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: */* | Content-Length: 3 | Content-Type: application/x-www-form-urlencoded", "a=1"),
    ("curl --data-raw @x localhost:3000/",        "POST /", "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: */* | Content-Length: 2 | Content-Type: application/x-www-form-urlencoded", "@x"),
    ("curl --data-binary $'a\\nb' localhost:3000/", "POST /", "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: */* | Content-Length: 3 | Content-Type: application/x-www-form-urlencoded", "a\nb"),
    ("curl --data-ascii x=1 localhost:3000/",     "POST /", "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: */* | Content-Length: 3 | Content-Type: application/x-www-form-urlencoded", "x=1"),
    ("curl --data-urlencode 'name=hello world' --data-urlencode '=a&b' --data-urlencode 'plain&x' localhost:3000/",
                                                  "POST /", "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: */* | Content-Length: 32 | Content-Type: application/x-www-form-urlencoded", "name=hello+world&a%26b&plain%26x"),
    ("curl -d a=1 -H X-A:1 -H Content-Type:text/plain localhost:3000/", "POST /", "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: */* | X-A:1 | Content-Type:text/plain | Content-Length: 3", "a=1"),
    ("curl -H 'content-type: text/plain' -H 'x-a:   spaced  ' -d x localhost:3000/", "POST /", "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: */* | content-type: text/plain | x-a:   spaced   | Content-Length: 1", "x"),
    // --json: its two headers go after the -H lines unless -H already names them.
    (r#"curl --json '{"a":1}' localhost:3000/"#,  "POST /", "Host: localhost:3000 | User-Agent: curl/8.7.1 | Content-Type: application/json | Accept: application/json | Content-Length: 7", r#"{"a":1}"#),
    (r#"curl --json '{"a":1}' -H 'Accept: text/plain' localhost:3000/"#, "POST /", "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: text/plain | Content-Type: application/json | Content-Length: 7", r#"{"a":1}"#),
    (r#"curl --json '{"a":1}' -H 'X-A: 1' localhost:3000/"#, "POST /", "Host: localhost:3000 | User-Agent: curl/8.7.1 | X-A: 1 | Content-Type: application/json | Accept: application/json | Content-Length: 7", r#"{"a":1}"#),
    ("curl --json '[1' -d ',2]' localhost:3000/", "POST /", "Host: localhost:3000 | User-Agent: curl/8.7.1 | Content-Type: application/json | Accept: application/json | Content-Length: 6", "[1&,2]"),
    ("curl -d x=1 --json '{}' localhost:3000/",   "POST /", "Host: localhost:3000 | User-Agent: curl/8.7.1 | Content-Type: application/json | Accept: application/json | Content-Length: 5", "x=1{}"),
    // -X replaces the method and nothing else; short options take glued values.
    ("curl -X PUT localhost:3000/",               "PUT /",    D, ""),
    ("curl -XPOST localhost:3000/",               "POST /",   D, ""),
    ("curl -iXPOST localhost:3000/",              "POST /",   D, ""),
    ("curl -iX POST localhost:3000/",             "POST /",   D, ""),
    ("curl -X POST -d a=1 localhost:3000/",       "POST /",   "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: */* | Content-Length: 3 | Content-Type: application/x-www-form-urlencoded", "a=1"),
    ("curl -X DELETE -d a=1 localhost:3000/s",    "DELETE /s", "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: */* | Content-Length: 3 | Content-Type: application/x-www-form-urlencoded", "a=1"),
    ("curl -X GET -d a=1 localhost:3000/s",       "GET /s",   "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: */* | Content-Length: 3 | Content-Type: application/x-www-form-urlencoded", "a=1"),
    ("curl -X patch --json '{}' localhost:3000/s", "patch /s", "Host: localhost:3000 | User-Agent: curl/8.7.1 | Content-Type: application/json | Accept: application/json | Content-Length: 2", "{}"),
    ("curl -X HEAD localhost:3000/nobody",        "HEAD /nobody", D, ""),
    // -H: `Name:` removes curl's header, `Name;` sends it empty, Host takes curl's place.
    ("curl -H X-A:1 -H Accept: -H User-Agent: localhost:3000/", "GET /", "Host: localhost:3000 | X-A:1", ""),
    ("curl -H 'Host:' localhost:3000/",           "GET /", "User-Agent: curl/8.7.1 | Accept: */*", ""),
    ("curl -H 'host:x.test' localhost:3000/",     "GET /", "Host:x.test | User-Agent: curl/8.7.1 | Accept: */*", ""),
    ("curl -H 'X-A:' -H 'Accept;' -H 'X-B; ' localhost:3000/", "GET /", "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept:", ""),
    ("curl -H 'X: 1' -H 'X: 2' -H 'x: 3' localhost:3000/", "GET /", "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: */* | X: 1 | X: 2 | x: 3", ""),
    ("curl -H NoColon -H '' localhost:3000/",     "GET /", D, ""),
    // Cookies, credentials, agent, referer: each in its own place, each overridable by -H.
    ("curl -b 'a=1;b=2' -u bob:secret -e http://x/ -A Agent/1 localhost:3000/", "GET /", "Host: localhost:3000 | Authorization: Basic Ym9iOnNlY3JldA== | User-Agent: Agent/1 | Accept: */* | Referer: http://x/ | Cookie: a=1;b=2", ""),
    ("curl -b a=1 -b 'b=2; c=3' localhost:3000/", "GET /", "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: */* | Cookie: a=1;b=2; c=3", ""),
    ("curl -b cookies.txt -b '' localhost:3000/", "GET /", D, ""),
    ("curl -b a=1 -H 'Cookie: c=3' localhost:3000/", "GET /", "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: */* | Cookie: c=3", ""),
    ("curl -u a:b -H 'Authorization: Bearer t' localhost:3000/", "GET /", "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: */* | Authorization: Bearer t", ""),
    ("curl -A 'My Agent' -H 'User-Agent: Other' localhost:3000/", "GET /", "Host: localhost:3000 | Accept: */* | User-Agent: Other", ""),
    ("curl -A '' localhost:3000/",                "GET /", "Host: localhost:3000 | Accept: */*", ""),
    ("curl -e '' localhost:3000/",                "GET /", D, ""),
    ("curl -e 'http://ref/;auto' localhost:3000/", "GET /", "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: */* | Referer: http://ref/", ""),
    ("curl -u bob localhost:3000/",               "GET /", "Host: localhost:3000 | Authorization: Basic Ym9iOg== | User-Agent: curl/8.7.1 | Accept: */*", ""),
    ("curl -u :pw localhost:3000/",               "GET /", "Host: localhost:3000 | Authorization: Basic OnB3 | User-Agent: curl/8.7.1 | Accept: */*", ""),
    ("curl http://user:pw@localhost:3000/",       "GET /", "Host: localhost:3000 | Authorization: Basic dXNlcjpwdw== | User-Agent: curl/8.7.1 | Accept: */*", ""),
    ("curl -u a:b http://user:pw@localhost:3000/", "GET /", "Host: localhost:3000 | Authorization: Basic YTpi | User-Agent: curl/8.7.1 | Accept: */*", ""),
    // -G moves the data into the query; -I sends HEAD.
    ("curl -G -d a=1 -d b=2 'localhost:3000/p?x=1'", "GET /p?x=1&a=1&b=2", D, ""),
    ("curl -G -d a=1 'localhost:3000/s?'",        "GET /s?a=1",       D, ""),
    ("curl -G -d a=1 'localhost:3000/s#frag'",    "GET /s?a=1",       D, ""),
    ("curl -G --data-urlencode 'q=a b&c' localhost:3000/s", "GET /s?q=a+b%26c", D, ""),
    ("curl -I -G -d a=1 localhost:3000/s",        "HEAD /s?a=1",      D, ""),
    ("curl -I localhost:3000/",                   "HEAD /",           D, ""),
];

#[test]
fn request_table() {
    for (command, request_line, head, body) in REQUESTS {
        let inv = parse(command).unwrap_or_else(|e| panic!("{command}: {e}"));
        let hop = inv.first_hop();
        let req = &hop.request;
        assert_eq!(
            format!("{} {}", req.method, req.url),
            *request_line,
            "{command}"
        );
        assert_eq!(hop.head_lines.join(" | "), *head, "{command}");
        assert_eq!(String::from_utf8_lossy(&req.body), *body, "{command}");
        assert_eq!(inv.to_request(), hop.request, "{command}");
    }
}

/// (command, method, host, port, scheme, mode, max-time ms, follow, include, discard body).
type Settings = (
    &'static str,
    &'static str,
    &'static str,
    u16,
    &'static str,
    Mode,
    Option<u64>,
    bool,
    bool,
    bool,
);

#[rustfmt::skip]
const SETTINGS: &[Settings] = &[
    ("curl localhost:3000",                       "GET",  "localhost", 3000, "http",  Mode::Get,  None,       false, false, false),
    ("curl https://localhost",                    "GET",  "localhost", 443,  "https", Mode::Get,  None,       false, false, false),
    ("curl http://[::1]:4000/",                   "GET",  "::1",       4000, "http",  Mode::Get,  None,       false, false, false),
    ("curl -m 2.5 -L -i localhost:3000",          "GET",  "localhost", 3000, "http",  Mode::Get,  Some(2500), true,  true,  false),
    ("curl -m 0 localhost:3000",                  "GET",  "localhost", 3000, "http",  Mode::Get,  None,       false, false, false),
    ("curl -I localhost:3000",                    "HEAD", "localhost", 3000, "http",  Mode::Head, None,       false, true,  false),
    ("curl -s -o /dev/null -d x localhost:3000",  "POST", "localhost", 3000, "http",  Mode::Post, None,       false, false, true),
    ("curl --max-time 5 -kN --http1.1 --no-progress-meter localhost:3000", "GET", "localhost", 3000, "http", Mode::Get, Some(5000), false, false, false),
];

#[test]
fn settings_table() {
    for &(command, method, host, port, scheme, mode, max_time, follow, include, discard) in SETTINGS
    {
        let inv = parse(command).unwrap_or_else(|e| panic!("{command}: {e}"));
        assert_eq!(
            (inv.method(), inv.host(), inv.port(), inv.scheme(), inv.mode),
            (method, host, port, scheme, mode),
            "{command}"
        );
        assert_eq!(
            (
                inv.max_time_ms,
                inv.follow_redirects,
                inv.include,
                inv.discard_body
            ),
            (max_time, follow, include, discard),
            "{command}"
        );
    }
}
