//! qs cases, each printed by the real package on Node.

use super::*;

fn json(input: &str, opts: &Options) -> String {
    Value::Obj(parse(input, opts).expect("parses")).to_json()
}

/// Each row as `JSON.stringify(require('qs').parse(input, { allowPrototypes: true }))`
/// prints it on Node (qs 6.17.1) — Express's extended query parser.
#[test]
fn extended_query_parser_matches_qs() {
    let many: String = (0..22)
        .map(|i| format!("a[]={i}"))
        .collect::<Vec<_>>()
        .join("&");
    let dup: String = (0..22)
        .map(|i| format!("a={i}"))
        .collect::<Vec<_>>()
        .join("&");
    let as_object = r#"{"a":{"0":"0","1":"1","2":"2","3":"3","4":"4","5":"5","6":"6","7":"7","8":"8","9":"9","10":"10","11":"11","12":"12","13":"13","14":"14","15":"15","16":"16","17":"17","18":"18","19":"19","20":"20","21":"21"}}"#;
    assert_eq!(json(&many, &Options::query()), as_object);
    assert_eq!(json(&dup, &Options::query()), as_object);
    let cases: &[(&str, &str)] = &[
        (
            "user[name]=ada&user[age]=36",
            r#"{"user":{"name":"ada","age":"36"}}"#,
        ),
        ("ids[]=1&ids[]=2", r#"{"ids":["1","2"]}"#),
        (
            "a[b][c]=deep&list[1]=second&list[0]=first",
            r#"{"a":{"b":{"c":"deep"}},"list":["first","second"]}"#,
        ),
        ("tag=a&tag=b", r#"{"tag":["a","b"]}"#),
        (
            "a=1+2&b=%20x%20&c&=d&e=",
            r#"{"a":"1 2","b":" x ","c":"","e":""}"#,
        ),
        ("a[21]=x", r#"{"a":{"21":"x"}}"#),
        ("a[20]=x", r#"{"a":{"20":"x"}}"#),
        ("a[19]=x", r#"{"a":["x"]}"#),
        ("a[1]=b&a[15]=c", r#"{"a":["b","c"]}"#),
        ("a[b]=1&a=2", r#"{"a":[{"b":"1"},"2"]}"#),
        ("a=2&a[b]=1", r#"{"a":["2",{"b":"1"}]}"#),
        ("a[b]=1&a=2&a=3", r#"{"a":{"0":"2","1":"3","b":"1"}}"#),
        ("a[]=1&a[b]=2", r#"{"a":{"0":"1","b":"2"}}"#),
        ("a[b]=2&a[]=1", r#"{"a":{"0":"1","b":"2"}}"#),
        (
            "a[b][c][d][e][f][g][h]=i",
            r#"{"a":{"b":{"c":{"d":{"e":{"f":{"[g][h]":"i"}}}}}}}"#,
        ),
        ("b=1&2=x&a=3&1=y", r#"{"1":"y","2":"x","b":"1","a":"3"}"#),
        ("a%5Bb%5D=c", r#"{"a":{"b":"c"}}"#),
        ("a[=1", r#"{"a":{"[":"1"}}"#),
        ("[]=1&[]=2", r#"{"0":"1","1":"2"}"#),
        ("a=%E0%A4%A", r#"{"a":"%E0%A4%A"}"#),
        ("a[__proto__][b]=1&__proto__=x", r#"{"a":{}}"#),
        ("hasOwnProperty=1", r#"{"hasOwnProperty":"1"}"#),
        ("a[0]=x&a[0]=y", r#"{"a":[["x","y"]]}"#),
        ("a[0][b]=1&a[0][c]=2", r#"{"a":[{"b":"1","c":"2"}]}"#),
        ("a.b=1", r#"{"a.b":"1"}"#),
        ("a=1&a[]=2", r#"{"a":["1","2"]}"#),
        ("a[]=1&a=2", r#"{"a":["1","2"]}"#),
        ("a[0]=1&a=2", r#"{"a":["1","2"]}"#),
        ("a=&a=1", r#"{"a":["","1"]}"#),
        ("a=1&a=", r#"{"a":["1",""]}"#),
        ("a[]=&a[]=x", r#"{"a":["","x"]}"#),
        ("a[x]=1&a[x][y]=2", r#"{"a":{"x":["1",{"y":"2"}]}}"#),
        ("a[x][y]=2&a[x]=1", r#"{"a":{"x":[{"y":"2"},"1"]}}"#),
        ("a[25]=1&a[]=2", r#"{"a":{"0":"2","25":"1"}}"#),
        ("a[]=2&a[25]=1", r#"{"a":{"0":"2","25":"1"}}"#),
        ("a[25]=1&a=2", r#"{"a":{"25":"1","26":"2"}}"#),
        ("a=2&a[25]=1", r#"{"a":{"0":"2","26":"1"}}"#),
        (
            "a[b][]=1&a[b][]=2&a[b][5]=3",
            r#"{"a":{"b":["1","2","3"]}}"#,
        ),
        ("x=%C3%A9%FF", r#"{"x":"%C3%A9%FF"}"#),
        ("a[%5D=1", r#"{"a":["1"]}"#),
        ("a[b]c=1", r#"{"a":{"b":"1"}}"#),
        ("a]=1", r#"{"a]":"1"}"#),
        ("a[[b]]=1", r#"{"a":{"[b]":"1"}}"#),
        ("a[b[c]=1", r#"{"a":{"[b[c]":"1"}}"#),
        ("&&a=1&&", r#"{"a":"1"}"#),
        ("=x", r#"{}"#),
        ("a==b", r#"{"a":"=b"}"#),
    ];
    for (input, want) in cases {
        assert_eq!(json(input, &Options::query()), *want, "{input}");
    }
}

/// What `express.urlencoded(opts)` builds: qs with body-parser's options (depth 0 when not
/// extended, arrayLimit from the parameter count, strictDepth). Printed by body-parser 2.4.
#[test]
fn urlencoded_options_match_body_parser() {
    let flat = |n: usize| Options {
        depth: 0.0,
        array_limit: n as f64,
        parameter_limit: Some(1000),
        strict_depth: true,
        ..Options::query()
    };
    let extended = |n: usize| Options {
        depth: 32.0,
        array_limit: (n as f64).max(100.0),
        parameter_limit: Some(1000),
        strict_depth: true,
        ..Options::query()
    };
    let cases: &[(&str, bool, &str)] = &[
        (
            "user[name]=ada&user[age]=36",
            false,
            r#"{"user[name]":"ada","user[age]":"36"}"#,
        ),
        ("ids[]=1&ids[]=2", false, r#"{"ids[]":["1","2"]}"#),
        ("[a]=1", false, r#"{"a":"1"}"#),
        (
            "text=hello+world%21&empty=&flag",
            false,
            r#"{"text":"hello world!","empty":"","flag":""}"#,
        ),
        ("a=1&a=2&a=3", false, r#"{"a":["1","2","3"]}"#),
        (
            "ids[]=1&ids[]=2&a[b][c]=deep",
            true,
            r#"{"ids":["1","2"],"a":{"b":{"c":"deep"}}}"#,
        ),
        ("a[150]=x", true, r#"{"a":{"150":"x"}}"#),
    ];
    for (input, ext, want) in cases {
        let n = parameter_count(input, 1000.0).expect("within limit");
        let opts = if *ext { extended(n) } else { flat(n) };
        assert_eq!(json(input, &opts), *want, "{input}");
    }
    let deep = format!("a{}=1", "[x]".repeat(33));
    assert!(parse(&deep, &extended(1)).is_err());
    assert_eq!(parameter_count("a=1&b=2&c=3&d=4", 3.0), None);
    assert_eq!(parameter_count("a=1&b=2&c=3", 3.0), Some(3));
}

#[test]
fn latin1_and_sentinels() {
    let opts = Options {
        charset: Charset::Latin1,
        charset_sentinel: true,
        interpret_numeric_entities: true,
        ..Options::query()
    };
    assert_eq!(json("a=%E9&b=%26%239786%3B", &opts), r#"{"a":"é","b":"☺"}"#);
    assert_eq!(json("utf8=%E2%9C%93&a=%C3%A9", &opts), r#"{"a":"é"}"#);
}
