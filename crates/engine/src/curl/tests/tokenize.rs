use crate::curl::tokenize;

/// (line, words, or the error's text). Shell behaviour as bash shows it with `printf '[%s]' ...`.
#[rustfmt::skip]
const CASES: &[(&str, Result<&[&str], &str>)] = &[
    ("curl localhost:3000",                  Ok(&["curl", "localhost:3000"])),
    ("  curl   -s\tlocalhost:3000  ",        Ok(&["curl", "-s", "localhost:3000"])),
    ("curl -d 'a b' x",                      Ok(&["curl", "-d", "a b", "x"])),
    ("curl -d '' x",                         Ok(&["curl", "-d", "", "x"])),
    (r#"curl --json '{"a":1}'"#,             Ok(&["curl", "--json", r#"{"a":1}"#])),
    (r#"curl -H "X-A: \"q\" \$ \\ \n""#,     Ok(&["curl", "-H", r#"X-A: "q" $ \ \n"#])),
    (r#"curl -d "it's""#,                    Ok(&["curl", "-d", "it's"])),
    (r"curl -d a\ b\'c",                     Ok(&["curl", "-d", "a b'c"])),
    ("curl -d x \\\n  localhost:3000",       Ok(&["curl", "-d", "x", "localhost:3000"])),
    ("curl \"a\\\nb\"",                      Ok(&["curl", "ab"])),
    ("curl 'a'\"b\"c",                       Ok(&["curl", "abc"])),
    ("curl $'a\\nb\\t\\x41\\''",             Ok(&["curl", "a\nb\tA'"])),
    ("curl $HOME",                           Ok(&["curl", "$HOME"])),
    ("curl x # a comment",                   Ok(&["curl", "x"])),
    ("curl a#b",                             Ok(&["curl", "a#b"])),
    ("curl 'localhost:3000/?a=1&b=2'",       Ok(&["curl", "localhost:3000/?a=1&b=2"])),
    ("",                                     Ok(&[])),
    ("curl -d 'oops",                        Err("shell: unterminated single quote ('): close it before pressing Enter")),
    ("curl -d \"oops",                       Err("shell: unterminated double quote (\"): close it before pressing Enter")),
    ("curl $'oops",                          Err("shell: unterminated single quote ('): close it before pressing Enter")),
    ("curl localhost:3000/?a=1&b=2",         Err("shell: `&` is not available in this playground's terminal: it runs one curl command; quote the argument if & is part of a URL or of data, e.g. 'localhost:3000/?a=1&b=2'")),
    ("curl x | jq",                          Err("shell: `|` is not available in this playground's terminal: it runs one curl command; quote the argument if | is part of a URL or of data, e.g. 'localhost:3000/?a=1&b=2'")),
    ("curl x > out.txt",                     Err("shell: `>` is not available in this playground's terminal: it runs one curl command; quote the argument if > is part of a URL or of data, e.g. 'localhost:3000/?a=1&b=2'")),
    ("curl x && curl y",                     Err("shell: `&&` is not available in this playground's terminal: it runs one curl command; quote the argument if && is part of a URL or of data, e.g. 'localhost:3000/?a=1&b=2'")),
];

#[test]
fn tokenizer_table() {
    for (line, expected) in CASES {
        let got = tokenize(line).map_err(|e| e.to_string());
        let expected = expected
            .map(|words| words.iter().map(|w| w.to_string()).collect::<Vec<_>>())
            .map_err(str::to_string);
        assert_eq!(got, expected, "tokenize({line:?})");
    }
}
