use super::render::expand;
use super::{run, server};
use crate::curl::{parse, Exchange};

const D: &str = "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: */*";
const FORM: &str = "Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: */* | Content-Length: 3 | Content-Type: application/x-www-form-urlencoded";

/// (command, every request curl sent as "request line || header lines || body", in order).
#[rustfmt::skip]
const HOPS: &[(&str, &[&str])] = &[
    ("curl -L localhost:3000/r302",              &["GET /r302 || {D} || ", "GET / || {D} || "]),
    ("curl localhost:3000/r302",                 &["GET /r302 || {D} || "]),
    ("curl -L -d a=1 localhost:3000/r307",       &["POST /r307 || {FORM} || a=1", "POST / || {FORM} || a=1"]),
    ("curl -L -d a=1 localhost:3000/r301",       &["POST /r301 || {FORM} || a=1", "GET / || {D} || "]),
    ("curl -L -d a=1 localhost:3000/r303",       &["POST /r303 || {FORM} || a=1", "GET / || {D} || "]),
    ("curl -L -X PUT -d a=1 localhost:3000/r303", &["PUT /r303 || {FORM} || a=1", "PUT / || {D} || "]),
    ("curl -L -X POST -d a=1 localhost:3000/r302", &["POST /r302 || {FORM} || a=1", "POST / || {D} || "]),
    ("curl -L -I localhost:3000/r303",           &["HEAD /r303 || {D} || ", "HEAD / || {D} || "]),
    ("curl --max-redirs 0 -L localhost:3000/r302", &["GET /r302 || {D} || "]),
    ("curl -L -u a:b -b c=1 'localhost:3000/r302/http%3A%2F%2F127.0.0.1%3A3000%2Fx'",
        &["GET /r302/http%3A%2F%2F127.0.0.1%3A3000%2Fx || Host: localhost:3000 | Authorization: Basic YTpi | User-Agent: curl/8.7.1 | Accept: */* | Cookie: c=1 || ",
          "GET /x || Host: 127.0.0.1:3000 | User-Agent: curl/8.7.1 | Accept: */* | Cookie: c=1 || "]),
    ("curl -L -u a:b -b c=1 -H 'Cookie: d=4' 'localhost:3000/r302/http%3A%2F%2F127.0.0.1%3A3000%2Fx'",
        &["GET /r302/http%3A%2F%2F127.0.0.1%3A3000%2Fx || Host: localhost:3000 | Authorization: Basic YTpi | User-Agent: curl/8.7.1 | Accept: */* | Cookie: d=4 || ",
          "GET /x || Host: 127.0.0.1:3000 | User-Agent: curl/8.7.1 | Accept: */* || "]),
    ("curl -L -e ';auto' 'localhost:3000/r302/..%2Fy%3Fq%3D1'",
        &["GET /r302/..%2Fy%3Fq%3D1 || {D} || ",
          "GET /y?q=1 || Host: localhost:3000 | User-Agent: curl/8.7.1 | Accept: */* | Referer: http://localhost:3000/r302/..%2Fy%3Fq%3D1 || "]),
];

#[test]
fn hop_table() {
    for (command, expected) in HOPS {
        let inv = parse(command).unwrap_or_else(|e| panic!("{command}: {e}"));
        let mut done: Vec<Exchange> = Vec::new();
        while let Ok(Some(hop)) = inv.next_hop(&done) {
            let Ok(response) = server(&hop) else { break };
            done.push(Exchange { hop, response });
        }
        let sent: Vec<String> = done
            .iter()
            .map(|e| {
                let r = &e.hop.request;
                format!(
                    "{} {} || {} || {}",
                    r.method,
                    r.url,
                    e.hop.head_lines.join(" | "),
                    String::from_utf8_lossy(&r.body)
                )
            })
            .collect();
        let expected: Vec<String> = expected
            .iter()
            .map(|h| h.replace("{D}", D).replace("{FORM}", FORM))
            .collect();
        assert_eq!(sent, expected, "{command}");
    }
}

/// (command, stdout, stderr, exit code) for `-L`, as curl 8.7.1 showed them. The `-v` rows
/// leave out curl's `* Found bundle for host: 0x55b43bc9e680 [serially]` line (a memory
/// address), and show "Request completely sent off" right after the request, where curl
/// prints it in most runs.
#[rustfmt::skip]
const FOLLOWS: &[(&str, &str, &str, i32)] = &[
    ("curl localhost:3000/r302",   "Redirecting to /", "", 0),
    ("curl -iL localhost:3000/r302", "{H302}{H200}Hello World!", "", 0),
    ("curl -L -I localhost:3000/r303", "{H303}{H200}", "", 0),
    ("curl -vL localhost:3000/r302", "Hello World!", "{CONNECT}> GET /r302 HTTP/1.1\n{REQ}> \n* Request completely sent off\n{R302}* Ignoring the response-body\n{INTACT}* Issue another request to this URL: 'http://localhost:3000/'\n* Re-using existing connection with host localhost\n> GET / HTTP/1.1\n{REQ}> \n* Request completely sent off\n{R200}{INTACT}", 0),
    ("curl -vL 'localhost:3000/r302/http%3A%2F%2F127.0.0.1%3A3000%2Fx'", "Hello World!", "{CONNECT}> GET /r302/http%3A%2F%2F127.0.0.1%3A3000%2Fx HTTP/1.1\n{REQ}> \n* Request completely sent off\n< HTTP/1.1 302 Found\n< X-Powered-By: Express\n< Location: http://127.0.0.1:3000/x\n< Content-Type: text/html; charset=utf-8\n< Content-Length: 38\n< Date: Mon, 24 Nov 2025 09:00:00 GMT\n< Connection: keep-alive\n< Keep-Alive: timeout=5\n< \n* Ignoring the response-body\n{INTACT}* Issue another request to this URL: 'http://127.0.0.1:3000/x'\n*   Trying 127.0.0.1:3000...\n* Connected to 127.0.0.1 (127.0.0.1) port 3000\n> GET /x HTTP/1.1\n> Host: 127.0.0.1:3000\n> User-Agent: curl/8.7.1\n> Accept: */*\n> \n* Request completely sent off\n{R200}* Connection #1 to host 127.0.0.1 left intact\n", 0),
    ("curl -L -d x -v localhost:3000/r301", "Hello World!", "{CONNECT}> POST /r301 HTTP/1.1\n{REQ}> Content-Length: 1\n> Content-Type: application/x-www-form-urlencoded\n> \n* upload completely sent off: 1 bytes\n< HTTP/1.1 301 Moved Permanently\n< X-Powered-By: Express\n* Need to rewind upload for next request\n< Location: /\n< Content-Type: text/html; charset=utf-8\n< Content-Length: 16\n< Date: Mon, 24 Nov 2025 09:00:00 GMT\n< Connection: keep-alive\n< Keep-Alive: timeout=5\n< \n* Ignoring the response-body\n{INTACT}* Issue another request to this URL: 'http://localhost:3000/'\n* Switch from POST to GET\n* Re-using existing connection with host localhost\n> GET / HTTP/1.1\n{REQ}> \n* Request completely sent off\n{R200}{INTACT}", 0),
    ("curl -L -s -w '%{url_effective}' --max-redirs 2 'localhost:3000/r302/%3Fq%3D2'", "http://localhost:3000/r302/%3Fq%3D2?q=2?q=2", "", 47),
    ("curl --max-redirs 0 -L localhost:3000/r302", "", "curl: (47) Maximum (0) redirects followed\n", 47),
    ("curl -v --max-redirs 0 -L localhost:3000/r302", "", "{CONNECT}> GET /r302 HTTP/1.1\n{REQ}> \n* Request completely sent off\n{R302}* Ignoring the response-body\n{INTACT}* Maximum (0) redirects followed\ncurl: (47) Maximum (0) redirects followed\n", 47),
    ("curl -sL -w '%{num_redirects} %{url_effective} %{http_code}' localhost:3000/loop", "50 http://localhost:3000/loop 302", "", 47),
    ("curl -L 'localhost:3000/r302/http%3A%2F%2Fa!b%2F'", "", "curl: (3) The redirect target URL could not be parsed: Bad hostname\n", 3),
    ("curl -L 'localhost:3000/r302/http%3A%2F%2Flocalhost%3A99999%2F'", "", "curl: (3) The redirect target URL could not be parsed: Port number was not a decimal number between 0 and 65535\n", 3),
    ("curl -L 'localhost:3000/r302/http%3A%2F%2Flocalhost%3A4000%2Fx'", "", "curl: (7) Failed to connect to localhost port 4000 after 0 ms: Couldn't connect to server\n", 7),
    ("curl -L -v 'localhost:3000/r302/http%3A%2F%2Flocalhost%3A4000%2Fx'", "", "{CONNECT}> GET /r302/http%3A%2F%2Flocalhost%3A4000%2Fx HTTP/1.1\n{REQ}> \n* Request completely sent off\n< HTTP/1.1 302 Found\n< X-Powered-By: Express\n< Location: http://localhost:4000/x\n< Content-Type: text/html; charset=utf-8\n< Content-Length: 38\n< Date: Mon, 24 Nov 2025 09:00:00 GMT\n< Connection: keep-alive\n< Keep-Alive: timeout=5\n< \n* Ignoring the response-body\n{INTACT}* Clear auth, redirects to port from 3000 to 4000\n* Issue another request to this URL: 'http://localhost:4000/x'\n* Host localhost:4000 was resolved.\n* IPv6: ::1\n* IPv4: 127.0.0.1\n*   Trying [::1]:4000...\n* connect to ::1 port 4000 from ::1 port 40000 failed: Connection refused\n*   Trying 127.0.0.1:4000...\n* connect to 127.0.0.1 port 4000 from 127.0.0.1 port 40000 failed: Connection refused\n* Failed to connect to localhost port 4000 after 0 ms: Couldn't connect to server\n* Closing connection\ncurl: (7) Failed to connect to localhost port 4000 after 0 ms: Couldn't connect to server\n", 7),
];

#[test]
fn follow_table() {
    for (command, stdout, stderr, exit) in FOLLOWS {
        let shown = run(command);
        assert_eq!(shown.stdout, expand(stdout), "stdout of {command}");
        assert_eq!(shown.stderr, expand(stderr), "stderr of {command}");
        assert_eq!(shown.exit_code, *exit, "exit code of {command}");
    }
}
