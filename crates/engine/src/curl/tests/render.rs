use super::run;

/// Shorthands for blocks that recur in curl's output, expanded before comparing.
pub(super) fn expand(text: &str) -> String {
    let head = |status: &str, location: Option<&str>, ctype: &str, len: usize| {
        let location = location.map_or(String::new(), |l| format!("Location: {l}\n"));
        format!(
            "HTTP/1.1 {status}\nX-Powered-By: Express\n{location}Content-Type: {ctype}\n\
             Content-Length: {len}\nDate: Mon, 24 Nov 2025 09:00:00 GMT\n\
             Connection: keep-alive\nKeep-Alive: timeout=5\n\n"
        )
    };
    let html = "text/html; charset=utf-8";
    let traced = |block: String| {
        block
            .lines()
            .map(|l| format!("< {l}\n"))
            .collect::<String>()
    };
    let blocks = [
        ("{H200}", head("200 OK", None, html, 12)),
        ("{H404}", head("404 Not Found", None, html, 15)),
        ("{H302}", head("302 Found", Some("/"), html, 16)),
        ("{H303}", head("303 See Other", Some("/"), html, 16)),
        ("{R200}", traced(head("200 OK", None, html, 12))),
        ("{R404}", traced(head("404 Not Found", None, html, 15))),
        ("{R302}", traced(head("302 Found", Some("/"), html, 16))),
        (
            "{CONNECT}",
            "* Host localhost:3000 was resolved.\n* IPv6: ::1\n* IPv4: 127.0.0.1\n\
             *   Trying [::1]:3000...\n* Connected to localhost (::1) port 3000\n"
                .to_string(),
        ),
        (
            "{REQ}",
            "> Host: localhost:3000\n> User-Agent: curl/8.7.1\n> Accept: */*\n".to_string(),
        ),
        (
            "{INTACT}",
            "* Connection #0 to host localhost left intact\n".to_string(),
        ),
    ];
    blocks
        .iter()
        .fold(text.to_string(), |t, (k, v)| t.replace(k, v))
}

/// (command, stdout, stderr, exit code): what curl 8.7.1 showed against the reference server.
#[rustfmt::skip]
const RENDERS: &[(&str, &str, &str, i32)] = &[
    ("curl localhost:3000/",        "Hello World!",    "", 0),
    ("curl localhost:3000/404",     "Cannot GET /404", "", 0),
    ("curl -i localhost:3000/",     "{H200}Hello World!", "", 0),
    ("curl -I localhost:3000/",     "{H200}", "", 0),
    ("curl -I localhost:3000/404",  "{H404}", "", 0),
    ("curl -i -s -o /dev/null localhost:3000/", "", "", 0),
    ("curl -v localhost:3000/",     "Hello World!", "{CONNECT}> GET / HTTP/1.1\n{REQ}> \n* Request completely sent off\n{R200}{INTACT}", 0),
    ("curl -v -d a=1 localhost:3000/", "Hello World!", "{CONNECT}> POST / HTTP/1.1\n{REQ}> Content-Length: 3\n> Content-Type: application/x-www-form-urlencoded\n> \n* upload completely sent off: 3 bytes\n{R200}{INTACT}", 0),
    ("curl -svo /dev/null localhost:3000/", "", "{CONNECT}> GET / HTTP/1.1\n{REQ}> \n* Request completely sent off\n{R200}{ [12 bytes data]\n{INTACT}", 0),
    ("curl -v 127.0.0.1:3000/",     "Hello World!", "*   Trying 127.0.0.1:3000...\n* Connected to 127.0.0.1 (127.0.0.1) port 3000\n> GET / HTTP/1.1\n> Host: 127.0.0.1:3000\n> User-Agent: curl/8.7.1\n> Accept: */*\n> \n* Request completely sent off\n{R200}* Connection #0 to host 127.0.0.1 left intact\n", 0),
    ("curl -v http://[::1]:3000/",  "Hello World!", "*   Trying [::1]:3000...\n* Connected to ::1 (::1) port 3000\n> GET / HTTP/1.1\n> Host: [::1]:3000\n> User-Agent: curl/8.7.1\n> Accept: */*\n> \n* Request completely sent off\n{R200}* Connection #0 to host ::1 left intact\n", 0),
    ("curl -v -u bob:secret localhost:3000/", "Hello World!", "{CONNECT}* Server auth using Basic with user 'bob'\n> GET / HTTP/1.1\n> Host: localhost:3000\n> Authorization: Basic Ym9iOnNlY3JldA==\n> User-Agent: curl/8.7.1\n> Accept: */*\n> \n* Request completely sent off\n{R200}{INTACT}", 0),
    ("curl -v -X POST -d a=1 localhost:3000/", "Hello World!", "Note: Unnecessary use of -X or --request, POST is already inferred.\n{CONNECT}> POST / HTTP/1.1\n{REQ}> Content-Length: 3\n> Content-Type: application/x-www-form-urlencoded\n> \n* upload completely sent off: 3 bytes\n{R200}{INTACT}", 0),
    ("curl -X HEAD localhost:3000/nobody", "", "Warning: Setting custom HTTP method to HEAD with -X/--request may not work the \nWarning: way you want. Consider using -I/--head instead.\n", 0),
    ("curl -u bob localhost:3000/", "Hello World!", "Enter host password for user 'bob':\n", 0),
    // -f and --fail-with-body.
    ("curl -f localhost:3000/404",   "", "curl: (22) The requested URL returned error: 404\n", 22),
    ("curl -fi localhost:3000/404",  "{H404}", "curl: (22) The requested URL returned error: 404\n", 22),
    ("curl -sf localhost:3000/404",  "", "", 22),
    ("curl -sSf localhost:3000/404", "", "curl: (22) The requested URL returned error: 404\n", 22),
    // Real curl raced here and printed "Request completely sent off" in some runs only.
    ("curl -vf localhost:3000/404",  "", "{CONNECT}> GET /404 HTTP/1.1\n{REQ}> \n* Request completely sent off\n{R404}* The requested URL returned error: 404\n* Closing connection\ncurl: (22) The requested URL returned error: 404\n", 22),
    ("curl --fail-with-body localhost:3000/404", "Cannot GET /404", "curl: (22) The requested URL returned error: 404\n", 22),
    ("curl -v --fail-with-body localhost:3000/404", "Cannot GET /404", "{CONNECT}> GET /404 HTTP/1.1\n{REQ}> \n* Request completely sent off\n{R404}{INTACT}* The requested URL returned error: 404\n* Closing connection\ncurl: (22) The requested URL returned error: 404\n", 22),
    // -w.
    ("curl -w '%{http_code}\\n' localhost:3000/", "Hello World!200\n", "", 0),
    ("curl -s -o /dev/null -w '%{http_code} %{content_type}' localhost:3000/json", "200 application/json; charset=utf-8", "", 0),
    ("curl -s -o /dev/null -w '%{method} %{url} %{url_effective} %{size_download} %{num_redirects} %{response_code} %{exitcode} [%{errormsg}] %{scheme} %{num_headers} %{size_header} %{http_version} %{remote_ip} %{remote_port} %{url.host} %{url.port} %{urle.path}' localhost:3000/json",
        "GET localhost:3000/json http://localhost:3000/json 11 0 200 0 [] HTTP 6 193 1.1 ::1 3000 localhost 3000 /json", "", 0),
    ("curl -s -o /dev/null -w '%header{content-type}|%header{x-nope}|%{header{x}' localhost:3000/json", "application/json; charset=utf-8||", "curl: unknown --write-out variable: 'header{x'\n", 0),
    ("curl -w '%{stderr}to-err%{stdout}to-out' -s -o /dev/null localhost:3000/", "to-out", "to-err", 0),
    ("curl -w '%{http_code}%{onerror}after' -s -o /dev/null localhost:3000/", "200", "", 0),
    ("curl -w '%{http_code}%{onerror}after' -s -o /dev/null localhost:4000/", "000after", "", 7),
    ("curl -s -o /dev/null -w '%{foo}|a%{b' localhost:3000/", "|a%{b", "curl: unknown --write-out variable: 'foo'\n", 0),
    ("curl -s -o /dev/null -w '%%|%x|\\x|\\t|\\\\' localhost:3000/", "%|%x|\\x|\t|\\\\", "", 0),
    ("curl -s -o /dev/null -w '%{size_upload} %{method}' -d hello localhost:3000/", "5 POST", "", 0),
    ("curl -s -w '%{redirect_url}' localhost:3000/r302/x", "Redirecting to xhttp://localhost:3000/r302/x", "", 0),
    ("curl -s -w '%{http_code} %{exitcode} %{method} %{url_effective} [%{scheme}]' localhost:4000/x", "000 7 GET http://localhost:4000/x []", "", 7),
    // Failures the runtime reports.
    ("curl localhost:4000/",     "", "curl: (7) Failed to connect to localhost port 4000 after 0 ms: Couldn't connect to server\n", 7),
    ("curl -s localhost:4000/",  "", "", 7),
    ("curl -sS localhost:4000/", "", "curl: (7) Failed to connect to localhost port 4000 after 0 ms: Couldn't connect to server\n", 7),
    ("curl -v localhost:4000/",  "", "* Host localhost:4000 was resolved.\n* IPv6: ::1\n* IPv4: 127.0.0.1\n*   Trying [::1]:4000...\n* connect to ::1 port 4000 from ::1 port 40000 failed: Connection refused\n*   Trying 127.0.0.1:4000...\n* connect to 127.0.0.1 port 4000 from 127.0.0.1 port 40000 failed: Connection refused\n* Failed to connect to localhost port 4000 after 0 ms: Couldn't connect to server\n* Closing connection\ncurl: (7) Failed to connect to localhost port 4000 after 0 ms: Couldn't connect to server\n", 7),
    ("curl -sv 127.0.0.1:4000/", "", "*   Trying 127.0.0.1:4000...\n* connect to 127.0.0.1 port 4000 from 127.0.0.1 port 40000 failed: Connection refused\n* Failed to connect to 127.0.0.1 port 4000 after 0 ms: Couldn't connect to server\n* Closing connection\n", 7),
    ("curl -m 1 localhost:3000/sleep", "", "curl: (28) Operation timed out after 1001 milliseconds with 0 bytes received\n", 28),
    ("curl -v -m 1 localhost:3000/sleep", "", "{CONNECT}> GET /sleep HTTP/1.1\n{REQ}> \n* Request completely sent off\n* Operation timed out after 1001 milliseconds with 0 bytes received\n* Closing connection\ncurl: (28) Operation timed out after 1001 milliseconds with 0 bytes received\n", 28),
    ("curl http://example.invalid/",    "", "curl: (6) Could not resolve host: example.invalid\n", 6),
    ("curl -v http://example.invalid/", "", "* Could not resolve host: example.invalid\n* Closing connection\ncurl: (6) Could not resolve host: example.invalid\n", 6),
    ("curl https://localhost:3001/",    "", "curl: (35) OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number\n", 35),
    ("curl -v https://localhost:3001/", "", "* Host localhost:3001 was resolved.\n* IPv6: ::1\n* IPv4: 127.0.0.1\n*   Trying [::1]:3001...\n* Connected to localhost (::1) port 3001\n* ALPN: curl offers http/1.1\n* TLSv1.3 (OUT), TLS handshake, Client hello (1):\n*  CAfile: /etc/ssl/certs/ca-certificates.crt\n*  CApath: /etc/ssl/certs\n* OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number\n* Closing connection\ncurl: (35) OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number\n", 35),
];

#[test]
fn render_table() {
    for (command, stdout, stderr, exit) in RENDERS {
        let shown = run(command);
        assert_eq!(shown.stdout, expand(stdout), "stdout of {command}");
        assert_eq!(shown.stderr, expand(stderr), "stderr of {command}");
        assert_eq!(shown.exit_code, *exit, "exit code of {command}");
    }
}
