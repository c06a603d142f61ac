use super::run;
use crate::curl::{parse, CurlError};

const TRY: &str = "curl: try 'curl --help' or 'curl --manual' for more information";

/// (command, curl's stderr text without its final newline, exit code), as curl 8.7.1 printed.
#[rustfmt::skip]
const PARSE_ERRORS: &[(&str, &str, i32)] = &[
    ("curl",                                   TRY, 2),
    ("curl -s",                                "curl: (2) no URL specified\n{TRY}", 2),
    ("curl -v -i",                             "curl: (2) no URL specified\n{TRY}", 2),
    ("curl -W localhost:3000/",                "curl: option -W: is unknown\n{TRY}", 2),
    ("curl -sW localhost:3000/",               "curl: option -sW: is unknown\n{TRY}", 2),
    ("curl - localhost:3000/",                 "curl: option -: is unknown\n{TRY}", 2),
    ("curl --foo localhost:3000/",             "curl: option --foo: is unknown\n{TRY}", 2),
    ("curl --request=POST localhost:3000/",    "curl: option --request=POST: is unknown\n{TRY}", 2),
    ("curl --no-header x localhost:3000/",     "curl: option --no-header: used '--no-' for option that isn't a boolean\n{TRY}", 2),
    ("curl --no-http1.1 localhost:3000/",      "curl: option --no-http1.1: used '--no-' for option that isn't a boolean\n{TRY}", 2),
    ("curl --no-foo localhost:3000/",          "curl: option --no-foo: is unknown\n{TRY}", 2),
    ("curl -X",                                "curl: option -X: requires parameter\n{TRY}", 2),
    ("curl localhost:3000/ -X",                "curl: option -X: requires parameter\n{TRY}", 2),
    ("curl -H",                                "curl: option -H: requires parameter\n{TRY}", 2),
    ("curl -d",                                "curl: option -d: requires parameter\n{TRY}", 2),
    ("curl -X '' localhost:3000/",             "curl: option -X: blank argument where content is expected\n{TRY}", 2),
    ("curl -o '' localhost:3000/",             "curl: option -o: blank argument where content is expected\n{TRY}", 2),
    ("curl ''",                                "curl: option : blank argument where content is expected\n{TRY}", 2),
    ("curl --url ''",                          "curl: option --url: blank argument where content is expected\n{TRY}", 2),
    ("curl -m abc localhost:3000/",            "curl: option -m: expected a proper numerical parameter\n{TRY}", 2),
    ("curl -m -1 localhost:3000/",             "curl: option -m: expected a positive numerical parameter\n{TRY}", 2),
    ("curl --max-redirs abc localhost:3000/",  "curl: option --max-redirs: expected a proper numerical parameter\n{TRY}", 2),
    ("curl --max-redirs -2 localhost:3000/",   "curl: option --max-redirs: expected a proper numerical parameter\n{TRY}", 2),
    ("curl -d @file.txt localhost:3000/",      "curl: Failed to open file.txt\ncurl: option -d: error encountered when reading a file\n{TRY}", 26),
    ("curl --data-binary @file.txt localhost:3000/", "curl: Failed to open file.txt\ncurl: option --data-binary: error encountered when reading a file\n{TRY}", 26),
    ("curl --data-urlencode name@file.txt localhost:3000/", "curl: Failed to open file.txt\ncurl: option --data-urlencode: error encountered when reading a file\n{TRY}", 26),
    ("curl -H @headers.txt localhost:3000/",   "curl: Failed to open headers.txt\ncurl: option -H: error encountered when reading a file\n{TRY}", 26),
    ("curl -w @fmt.txt localhost:3000/",       "curl: Failed to open fmt.txt\ncurl: option -w: error encountered when reading a file\n{TRY}", 26),
    ("curl -s -d @file.txt localhost:3000/",   "curl: option -d: error encountered when reading a file\n{TRY}", 26),
    ("curl -sS -d @file.txt localhost:3000/",  "curl: option -d: error encountered when reading a file\n{TRY}", 26),
    ("curl -f --fail-with-body localhost:3000/404", "curl: You must select either --fail or --fail-with-body, not both.\ncurl: option --fail-with-body: is badly used here\n{TRY}", 2),
    ("curl -s -f --fail-with-body localhost:3000/404", "curl: option --fail-with-body: is badly used here\n{TRY}", 2),
    ("curl -I -d a=1 localhost:3000/",         "Warning: You can only select one HTTP request method! You asked for both POST \nWarning: (-d, --data) and HEAD (-I, --head).", 2),
    ("curl -d a=1 -I localhost:3000/",         "Warning: You can only select one HTTP request method! You asked for both POST \nWarning: (-d, --data) and HEAD (-I, --head).", 2),
    ("curl -s -I -d a=1 localhost:3000/",      "", 2),
    // URLs curl rejects.
    ("curl localhost:99999",                   "curl: (3) URL rejected: Port number was not a decimal number between 0 and 65535", 3),
    ("curl localhost:abc/",                    "curl: (3) URL rejected: Port number was not a decimal number between 0 and 65535", 3),
    ("curl localhost:/",                       "curl: (3) URL rejected: No host part in the URL", 3),
    ("curl http://",                           "curl: (3) URL rejected: No host part in the URL", 3),
    ("curl http:////localhost:3000/x",         "curl: (3) URL rejected: Unsupported number of slashes following scheme", 3),
    ("curl 'localhost:3000/a b'",              "curl: (3) URL rejected: Malformed input to a URL function", 3),
    ("curl 'http://a!b:3000/'",                "curl: (3) URL rejected: Bad hostname", 3),
    ("curl foo://localhost/",                  "curl: (1) Protocol \"foo\" not supported", 1),
];

#[test]
fn parse_error_table() {
    for (command, text, exit) in PARSE_ERRORS {
        let err = parse(command).expect_err(command);
        assert_eq!(err.to_string(), text.replace("{TRY}", TRY), "{command}");
        assert_eq!(err.exit_code(), *exit, "{command}");
    }
}

/// (command, stdout, stderr, exit) for errors whose display depends on -s, -S, -v or -w.
#[rustfmt::skip]
const SHOWN: &[(&str, &str, &str, i32)] = &[
    ("curl -s localhost:99999",  "", "", 3),
    ("curl -sS localhost:99999", "", "curl: (3) URL rejected: Port number was not a decimal number between 0 and 65535\n", 3),
    ("curl -v localhost:99999",  "", "* URL rejected: Port number was not a decimal number between 0 and 65535\n* Closing connection\ncurl: (3) URL rejected: Port number was not a decimal number between 0 and 65535\n", 3),
    ("curl -s -w '%{http_code}|%{errormsg}|%{url_effective}|%{exitcode}' localhost:99999",
                                 "000|URL rejected: Port number was not a decimal number between 0 and 65535|localhost:99999|3", "", 3),
    ("curl -s -I -d a=1 localhost:3000/", "", "", 2),
    ("curl -d @file.txt localhost:3000/", "", "curl: Failed to open file.txt\ncurl: option -d: error encountered when reading a file\ncurl: try 'curl --help' or 'curl --manual' for more information\n", 26),
];

#[test]
fn shown_error_table() {
    for (command, stdout, stderr, exit) in SHOWN {
        let shown = run(command);
        assert_eq!(
            (
                shown.stdout.as_str(),
                shown.stderr.as_str(),
                shown.exit_code
            ),
            (*stdout, *stderr, *exit),
            "{command}"
        );
    }
}

/// (command, what the playground says) for real curl features it does not emulate.
#[rustfmt::skip]
const NOT_IN_PLAYGROUND: &[(&str, &str)] = &[
    ("curl -F a=1 localhost:3000",             "curl: option -F is not available in this playground"),
    ("curl --compressed localhost:3000",       "curl: option --compressed is not available in this playground"),
    ("curl -o out.html localhost:3000",        "curl: writing to a file (-o out.html) is not available in this playground"),
    ("curl -d @- localhost:3000",              "curl: reading -d data from stdin (@-) is not available in this playground"),
    ("curl localhost:3000/a localhost:3000/b", "curl: more than one URL in a command is not available in this playground"),
    ("curl 'localhost:3000/{a,b}'",            "curl: URL globbing ({a,b} and [1-3]; add -g to send brackets as they are) is not available in this playground"),
    ("curl ftp://localhost:3000/",             "curl: (1) Protocol \"ftp\" not supported"),
    ("wget localhost:3000",                    "wget: command not found"),
];

#[test]
fn not_in_playground_table() {
    for (command, text) in NOT_IN_PLAYGROUND {
        let err = parse(command).expect_err(command);
        assert_eq!(err.to_string(), *text, "{command}");
        assert_ne!(err.exit_code(), 0, "{command}");
    }
    assert_eq!(parse("  ").expect_err("empty"), CurlError::Empty);
}

#[test]
fn hints_point_at_the_playground() {
    let no_file = parse("curl -d @user.json localhost:3000").expect_err("file");
    assert!(no_file
        .hint()
        .is_some_and(|h| h.starts_with("The playground has no files")));
    assert!(CurlError::connect_refused("localhost", 4000)
        .hint()
        .is_some());
    assert_eq!(CurlError::http_error(404).hint(), None);
}

#[test]
fn help_and_version_print_on_stdout() {
    let help = run("curl --help");
    assert!(help.stdout.starts_with(
        "Usage: curl [options...] <url>\n -d, --data <data>           HTTP POST data\n"
    ));
    assert!(help
        .stdout
        .ends_with("For all options use the manual or \"--help all\".\n"));
    assert_eq!((help.stderr.as_str(), help.exit_code), ("", 0));
    let version = run("curl -V");
    assert!(version.stdout.starts_with("curl 8.7.1 ("));
    assert_eq!(version.exit_code, 0);
}

#[test]
fn runtime_errors_read_like_curl() {
    let cases = [
        (CurlError::connect_refused("localhost", 4000), "curl: (7) Failed to connect to localhost port 4000 after 0 ms: Couldn't connect to server", 7),
        (CurlError::timeout(5000), "curl: (28) Operation timed out after 5000 milliseconds with 0 bytes received", 28),
        (CurlError::resolve_host("example.invalid"), "curl: (6) Could not resolve host: example.invalid", 6),
        (CurlError::tls_to_plain_http(), "curl: (35) OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number", 35),
        (CurlError::too_many_redirects(50), "curl: (47) Maximum (50) redirects followed", 47),
        (CurlError::http_error(404), "curl: (22) The requested URL returned error: 404", 22),
    ];
    for (err, text, code) in cases {
        assert_eq!((err.to_string().as_str(), err.exit_code()), (text, code));
    }
}
