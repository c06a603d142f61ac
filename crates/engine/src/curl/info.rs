//! The two texts curl prints instead of transferring anything: `--help` and `--version`.

/// `curl --help` of curl 8.7.1, word for word.
pub(super) fn help() -> String {
    "Usage: curl [options...] <url>\n \
     -d, --data <data>           HTTP POST data\n \
     -f, --fail                  Fail fast with no output on HTTP errors\n \
     -h, --help <category>       Get help for commands\n \
     -i, --include               Include response headers in output\n \
     -o, --output <file>         Write to file instead of stdout\n \
     -O, --remote-name           Write output to file named as remote file\n \
     -s, --silent                Silent mode\n \
     -T, --upload-file <file>    Transfer local FILE to destination\n \
     -u, --user <user:password>  Server user and password\n \
     -A, --user-agent <name>     Send User-Agent <name> to server\n \
     -v, --verbose               Make the operation more talkative\n \
     -V, --version               Show version number and quit\n\n\
     This is not the full help, this menu is stripped into categories.\n\
     Use \"--help category\" to get an overview of all categories.\n\
     For all options use the manual or \"--help all\".\n"
        .to_string()
}

/// `curl --version`, shaped like curl's, describing the playground's emulated build.
pub(super) fn version() -> String {
    format!(
        "curl {v} (wasm32-unknown-unknown) libcurl/{v}\n\
         Release-Date: 2024-03-27\n\
         Protocols: http https\n\
         Features: IPv6 Largefile\n",
        v = super::CURL_VERSION
    )
}
