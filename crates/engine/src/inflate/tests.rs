//! Each input was run through Node 20's `zlib.gunzipSync` / `zlib.inflateSync`; the expected
//! column is what Node answered (the message of the error it threw, or the bytes).

use super::*;

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

fn run(wrapper: Wrapper, input: &str) -> Result<String, &'static str> {
    let out = inflate(&hex(input), wrapper, usize::MAX);
    match out.error {
        Some(e) => Err(e.message),
        None => Ok(String::from_utf8_lossy(&out.bytes).into_owned()),
    }
}

#[test]
fn inflates_like_node() {
    use Wrapper::{Gzip, Zlib};
    #[rustfmt::skip]
    let cases: &[(Wrapper, &str, Result<&str, &str>)] = &[
        (Gzip, "1f8b0800000000000003ab564a54b232ac0500afac1b5607000000", Ok(r#"{"a":1}"#)),
        (Zlib, "789c4bb435544bb2350200077b01c7", Ok("a=1&b=2")),
        // Two gzip members, then padding: Node reads both and ignores zero bytes.
        (Gzip, "1f8b0800000000000003ab564a54b20200f37fb06a050000001f8b080000000000000333aa05000f4b1d820200000000", Ok(r#"{"a":2}"#)),
        (Gzip, "1f8b080000000000040303000000000000000000", Ok("")),
        (Zlib, "78da030000000001", Ok("")),
        // Not compressed at all, or raw deflate sent as `deflate`.
        (Gzip, "7b2261223a317d", Err("incorrect header check")),
        (Zlib, "ab564a54b232ac0500", Err("incorrect header check")),
        (Gzip, "1f4c080000000000040303000000000000000000", Err("incorrect header check")),
        // A gzip member followed by something else.
        (Gzip, "1f8b0800000000000003ab564a54b232ac0500afac1b560700000078797a", Err("incorrect header check")),
        (Gzip, "1f8b0800000000000003ab564a54b232ac0500afac1b560700000078", Err("unexpected end of file")),
        (Gzip, "", Err("unexpected end of file")),
        (Zlib, "", Err("unexpected end of file")),
        (Gzip, "1f8b080000000000000380", Err("unexpected end of file")),
        (Gzip, "1f8b0800000000000003ab564a54b232ac0500afac1b56", Err("unexpected end of file")),
        (Zlib, "78bb024d0127ab564a54b232ac0500082a0209", Err("Missing dictionary")),
        (Zlib, "801e030000000001", Err("unknown compression method")),
        (Gzip, "1f8b280000000000040303000000000000000000", Err("unknown compression method")),
        (Zlib, "c84a010100feff6100620062", Err("invalid window size")),
        (Gzip, "1f8b087c00000000000303000000000000000000", Err("unknown header flags set")),
        (Gzip, "1f8b0803000000000003137d6d52490ec230", Err("header crc mismatch")),
        (Zlib, "7801fe", Err("invalid block type")),
        (Gzip, "1f8b08000000000004036f", Err("invalid block type")),
        (Gzip, "1f8b080000000000040301a673e9a3", Err("invalid stored block lengths")),
        (Zlib, "7801fcca94", Err("too many length or distance symbols")),
        (Zlib, "78012518ecc5", Err("invalid code lengths set")),
        (Gzip, "1f8b0800000000000403cc0ed7a9e2cdde426bdf20ec96eb95ea602a61c34bdd2b", Err("invalid bit length repeat")),
        (Zlib, "78daedc13101000000c2a0de4b6d094fa00000000000000000000000000000000000000000000000000000000000000000000000800000000000000000000000000000000000000000000000000000040000000080b7016c9656ff", Err("invalid code -- missing end-of-block")),
        (Zlib, "789cedc13101000000c2a0de4b6f094f87a00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000080b7016c9656ff", Err("invalid literal/lengths set")),
        (Zlib, "7801ea192b8a", Err("invalid literal/length code")),
        (Zlib, "78013287bc86", Err("invalid distance code")),
        (Zlib, "78011b6526", Err("invalid distance too far back")),
        (Zlib, "789c030000001001", Err("incorrect data check")),
        (Gzip, "1f8b080000000000020303bc840ab0b218", Err("incorrect data check")),
        (Gzip, "1f8b080000080000041303000000000000080000", Err("incorrect length check")),
    ];
    for (wrapper, input, want) in cases {
        let got = run(*wrapper, input);
        assert_eq!(got.as_deref().map_err(|e| *e), *want, "{wrapper:?} {input}");
    }
}

#[test]
fn errors_carry_node_codes() {
    let eof = inflate(b"", Wrapper::Gzip, usize::MAX).error;
    assert_eq!(eof, Some(ZlibError::END_OF_FILE));
    let data = inflate(b"{}", Wrapper::Zlib, usize::MAX)
        .error
        .expect("an error");
    assert_eq!((data.code, data.errno), ("Z_DATA_ERROR", -3));
    let dict = inflate(
        &hex("78bb024d0127ab564a54b232ac0500082a0209"),
        Wrapper::Zlib,
        9,
    );
    assert_eq!(
        dict.error.map(|e| (e.code, e.errno)),
        Some(("Z_NEED_DICT", 2))
    );
}

/// 100 000 `x` gzipped: output stops at `max_output`, the way raw-body stops listening.
#[test]
fn stops_at_max_output() {
    let bomb = "1f8b0800000000000003edc13101000000c2a0da8b6f0d0fa0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000805703711107fea0860100";
    let all = inflate(&hex(bomb), Wrapper::Gzip, usize::MAX);
    assert_eq!((all.bytes.len(), all.error), (100_000, None));
    let some = inflate(&hex(bomb), Wrapper::Gzip, 16_384);
    assert_eq!((some.bytes.len(), some.error), (16_384, None));
}
