//! Digests and key derivation for `node:crypto`'s `createHash`, `createHmac`, `pbkdf2` and
//! `scrypt`, and `jsonwebtoken`'s HS256. The JS side (`js/modules/crypto.mjs`) collects the bytes
//! a learner feeds to `update()`; Rust computes the digest once, at `digest()`.

mod keccak;
mod ripemd;
mod scrypt;

use sha2::{Digest, Sha224, Sha256, Sha384, Sha512, Sha512_224, Sha512_256};
use wasm_bindgen::prelude::*;

/// The hash functions the playground's `node:crypto` knows.
#[derive(Clone, Copy)]
enum Algorithm {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    Sha512_224,
    Sha512_256,
    Sha3_224,
    Sha3_256,
    Sha3_384,
    Sha3_512,
    Ripemd160,
    /// TLS 1.0's MD5 and SHA-1 side by side (OpenSSL's `md5-sha1`).
    Md5Sha1,
}

/// Every name OpenSSL 3 (so Node 20) accepts for these hashes, compared in any case: the
/// algorithm's own, its dashed aliases and its signature names (`RSA-SHA256`).
const NAMES: &[(&str, Algorithm)] = &[
    ("md5", Algorithm::Md5),
    ("ssl3-md5", Algorithm::Md5),
    ("rsa-md5", Algorithm::Md5),
    ("md5withrsaencryption", Algorithm::Md5),
    ("sha1", Algorithm::Sha1),
    ("sha-1", Algorithm::Sha1),
    ("ssl3-sha1", Algorithm::Sha1),
    ("rsa-sha1", Algorithm::Sha1),
    ("rsa-sha1-2", Algorithm::Sha1),
    ("sha1withrsaencryption", Algorithm::Sha1),
    ("sha224", Algorithm::Sha224),
    ("sha-224", Algorithm::Sha224),
    ("sha2-224", Algorithm::Sha224),
    ("rsa-sha224", Algorithm::Sha224),
    ("sha224withrsaencryption", Algorithm::Sha224),
    ("sha256", Algorithm::Sha256),
    ("sha-256", Algorithm::Sha256),
    ("sha2-256", Algorithm::Sha256),
    ("rsa-sha256", Algorithm::Sha256),
    ("sha256withrsaencryption", Algorithm::Sha256),
    ("sha384", Algorithm::Sha384),
    ("sha-384", Algorithm::Sha384),
    ("sha2-384", Algorithm::Sha384),
    ("rsa-sha384", Algorithm::Sha384),
    ("sha384withrsaencryption", Algorithm::Sha384),
    ("sha512", Algorithm::Sha512),
    ("sha-512", Algorithm::Sha512),
    ("sha2-512", Algorithm::Sha512),
    ("rsa-sha512", Algorithm::Sha512),
    ("sha512withrsaencryption", Algorithm::Sha512),
    ("sha512-224", Algorithm::Sha512_224),
    ("sha-512/224", Algorithm::Sha512_224),
    ("sha2-512/224", Algorithm::Sha512_224),
    ("rsa-sha512/224", Algorithm::Sha512_224),
    ("sha512-224withrsaencryption", Algorithm::Sha512_224),
    ("sha512-256", Algorithm::Sha512_256),
    ("sha-512/256", Algorithm::Sha512_256),
    ("sha2-512/256", Algorithm::Sha512_256),
    ("rsa-sha512/256", Algorithm::Sha512_256),
    ("sha512-256withrsaencryption", Algorithm::Sha512_256),
    ("sha3-224", Algorithm::Sha3_224),
    ("rsa-sha3-224", Algorithm::Sha3_224),
    ("id-rsassa-pkcs1-v1_5-with-sha3-224", Algorithm::Sha3_224),
    ("sha3-256", Algorithm::Sha3_256),
    ("rsa-sha3-256", Algorithm::Sha3_256),
    ("id-rsassa-pkcs1-v1_5-with-sha3-256", Algorithm::Sha3_256),
    ("sha3-384", Algorithm::Sha3_384),
    ("rsa-sha3-384", Algorithm::Sha3_384),
    ("id-rsassa-pkcs1-v1_5-with-sha3-384", Algorithm::Sha3_384),
    ("sha3-512", Algorithm::Sha3_512),
    ("rsa-sha3-512", Algorithm::Sha3_512),
    ("id-rsassa-pkcs1-v1_5-with-sha3-512", Algorithm::Sha3_512),
    ("ripemd160", Algorithm::Ripemd160),
    ("ripemd", Algorithm::Ripemd160),
    ("ripemd-160", Algorithm::Ripemd160),
    ("rmd160", Algorithm::Ripemd160),
    ("rsa-ripemd160", Algorithm::Ripemd160),
    ("ripemd160withrsa", Algorithm::Ripemd160),
    ("md5-sha1", Algorithm::Md5Sha1),
];

impl Algorithm {
    fn from_name(name: &str) -> Option<Self> {
        NAMES
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(name))
            .map(|&(_, algorithm)| algorithm)
    }

    /// The block size HMAC pads keys to (RFC 2104).
    fn block_size(self) -> usize {
        match self {
            Self::Sha384 | Self::Sha512 | Self::Sha512_224 | Self::Sha512_256 => 128,
            Self::Sha3_224 | Self::Sha3_256 | Self::Sha3_384 | Self::Sha3_512 => {
                keccak::rate(self.sha3_bits())
            }
            _ => 64,
        }
    }

    fn digest(self, parts: &[&[u8]]) -> Vec<u8> {
        fn with<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut d = D::new();
            for p in parts {
                d.update(p);
            }
            d.finalize().to_vec()
        }
        match self {
            Self::Md5 => with::<md5::Md5>(parts),
            Self::Sha1 => {
                let mut d = sha1_smol::Sha1::new();
                for p in parts {
                    d.update(p);
                }
                d.digest().bytes().to_vec()
            }
            Self::Sha224 => with::<Sha224>(parts),
            Self::Sha256 => with::<Sha256>(parts),
            Self::Sha384 => with::<Sha384>(parts),
            Self::Sha512 => with::<Sha512>(parts),
            Self::Sha512_224 => with::<Sha512_224>(parts),
            Self::Sha512_256 => with::<Sha512_256>(parts),
            Self::Sha3_224 | Self::Sha3_256 | Self::Sha3_384 | Self::Sha3_512 => {
                keccak::sha3(self.sha3_bits(), parts)
            }
            Self::Ripemd160 => ripemd::ripemd160(parts),
            Self::Md5Sha1 => [Self::Md5.digest(parts), Self::Sha1.digest(parts)].concat(),
        }
    }

    /// A SHA-3 hash's output size in bits.
    fn sha3_bits(self) -> usize {
        match self {
            Self::Sha3_224 => 224,
            Self::Sha3_256 => 256,
            Self::Sha3_384 => 384,
            _ => 512,
        }
    }

    /// HMAC (RFC 2104) over any of the hashes, so `createHmac` takes what `createHash` takes.
    fn hmac(self, key: &[u8], data: &[u8]) -> Vec<u8> {
        Hmac::new(self, key).mac(&[data])
    }

    /// PBKDF2 (RFC 8018) with HMAC over this hash: `keylen` bytes, each block the XOR of
    /// `iterations` chained MACs of the salt and the block's number.
    fn pbkdf2(self, password: &[u8], salt: &[u8], iterations: u32, keylen: usize) -> Vec<u8> {
        let prf = Hmac::new(self, password);
        let mut out = Vec::with_capacity(keylen);
        let mut block: u32 = 1;
        while out.len() < keylen {
            let mut u = prf.mac(&[salt, &block.to_be_bytes()]);
            let mut t = u.clone();
            for _ in 1..iterations {
                u = prf.mac(&[&u]);
                t.iter_mut().zip(&u).for_each(|(t, u)| *t ^= u);
            }
            let take = t.len().min(keylen - out.len());
            out.extend_from_slice(&t[..take]);
            block += 1;
        }
        out
    }
}

/// An HMAC key made ready once (padded, XORed into both pads), for the many MACs of PBKDF2.
struct Hmac {
    algorithm: Algorithm,
    ipad: Vec<u8>,
    opad: Vec<u8>,
}

impl Hmac {
    fn new(algorithm: Algorithm, key: &[u8]) -> Self {
        let block = algorithm.block_size();
        let mut k = if key.len() > block {
            algorithm.digest(&[key])
        } else {
            key.to_vec()
        };
        k.resize(block, 0);
        Self {
            algorithm,
            ipad: k.iter().map(|b| b ^ 0x36).collect(),
            opad: k.iter().map(|b| b ^ 0x5c).collect(),
        }
    }

    /// The MAC of `parts`, concatenated.
    fn mac(&self, parts: &[&[u8]]) -> Vec<u8> {
        let mut inner_parts = vec![self.ipad.as_slice()];
        inner_parts.extend_from_slice(parts);
        let inner = self.algorithm.digest(&inner_parts);
        self.algorithm.digest(&[&self.opad, &inner])
    }
}

/// `createHash(algorithm).update(data).digest()`, or `undefined` for an unknown algorithm.
#[wasm_bindgen(js_name = cryptoHash)]
pub fn crypto_hash(algorithm: &str, data: &[u8]) -> Option<Vec<u8>> {
    Some(Algorithm::from_name(algorithm)?.digest(&[data]))
}

/// `createHmac(algorithm, key).update(data).digest()`, or `undefined` for an unknown algorithm.
#[wasm_bindgen(js_name = cryptoHmac)]
pub fn crypto_hmac(algorithm: &str, key: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    Some(Algorithm::from_name(algorithm)?.hmac(key, data))
}

/// `pbkdf2Sync(password, salt, iterations, keylen, algorithm)`, or `undefined` for an unknown
/// algorithm. The JS side has checked the numbers as Node does (iterations >= 1).
#[wasm_bindgen(js_name = cryptoPbkdf2)]
pub fn crypto_pbkdf2(
    algorithm: &str,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    keylen: usize,
) -> Option<Vec<u8>> {
    Some(Algorithm::from_name(algorithm)?.pbkdf2(password, salt, iterations, keylen))
}

/// `scryptSync(password, salt, keylen, { N, r, p })` (RFC 7914), or `undefined` when the
/// memory it needs cannot be had. The JS side has checked the parameters as OpenSSL does.
#[wasm_bindgen(js_name = cryptoScrypt)]
pub fn crypto_scrypt(
    password: &[u8],
    salt: &[u8],
    n: u32,
    r: u32,
    p: u32,
    keylen: usize,
) -> Option<Vec<u8>> {
    scrypt::scrypt(password, salt, n as usize, r as usize, p as usize, keylen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn digests_match_the_published_vectors() {
        // (algorithm, input, digest) — RFC 1321, FIPS 180 examples.
        let cases = [
            ("md5", "", "d41d8cd98f00b204e9800998ecf8427e"),
            ("md5", "abc", "900150983cd24fb0d6963f7d28e17f72"),
            (
                "md5",
                "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
                "57edf4a22be3c955ac49da2e2107b67a",
            ),
            ("SHA1", "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
            (
                "sha256",
                "abc",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
            (
                "sha-256",
                "",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ),
        ];
        for (alg, input, expected) in cases {
            let got = crypto_hash(alg, input.as_bytes()).map(|d| hex(&d));
            assert_eq!(got.as_deref(), Some(expected), "{alg}({input:?})");
        }
        assert_eq!(crypto_hash("whirlpool-ish", b""), None);
    }

    #[test]
    fn hmacs_match_rfc_2202_and_4231() {
        // (algorithm, key, data, mac) — the "Jefe" test case of both RFCs.
        let data = b"what do ya want for nothing?";
        let cases = [
            ("md5", "750c783e6ab0b503eaa86e310a5db738"),
            ("sha1", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"),
            ("sha256", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
            ("sha512", "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"),
        ];
        for (alg, expected) in cases {
            assert_eq!(
                hex(&crypto_hmac(alg, b"Jefe", data).unwrap()),
                expected,
                "{alg}"
            );
        }
        // A key longer than the block is hashed first (RFC 4231 case 6).
        let long = crypto_hmac(
            "sha256",
            &[0xaa; 131],
            b"Test Using Larger Than Block-Size Key - Hash Key First",
        )
        .unwrap();
        assert_eq!(
            hex(&long),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn names_are_openssl_s_in_any_case() {
        for name in [
            "SHA-256",
            "RSA-SHA256",
            "sha256WithRSAEncryption",
            "sha2-256",
        ] {
            assert!(crypto_hash(name, b"").is_some(), "{name}");
        }
        // OpenSSL has no such spellings, so neither does Node.
        for name in ["md-5", "sha512/256", "sha3256", "sha-3-256"] {
            assert!(crypto_hash(name, b"").is_none(), "{name}");
        }
    }

    #[test]
    fn sha512_t_and_sha3_match_the_published_vectors() {
        // FIPS 180-4 and FIPS 202 examples for "abc".
        let cases = [
            (
                "sha512-224",
                "4634270f707b6a54daae7530460842e20e37ed265ceee9a43e8924aa",
            ),
            (
                "sha512-256",
                "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23",
            ),
            (
                "sha3-224",
                "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf",
            ),
            (
                "sha3-256",
                "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532",
            ),
            ("sha3-384", "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b298d88cea927ac7f539f1edf228376d25"),
            ("sha3-512", "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0"),
        ];
        for (alg, expected) in cases {
            assert_eq!(hex(&crypto_hash(alg, b"abc").unwrap()), expected, "{alg}");
        }
        // Input longer than one block (the 136-byte rate of SHA3-256), from Node.
        assert_eq!(
            hex(&crypto_hash("sha3-256", &[b'a'; 200]).unwrap()),
            "cce34485baf2bf2aca99b94833892a4f52896d3d153f7b840cc4f9fe695f1387"
        );
    }

    #[test]
    fn ripemd160_and_md5_sha1_match_openssl() {
        // The RIPEMD-160 paper's vectors; md5-sha1 is the two digests joined.
        let cases = [
            ("ripemd160", "", "9c1185a5c5e9fc54612808977ee8f548b2258d31"),
            (
                "ripemd160",
                "abc",
                "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc",
            ),
            (
                "RIPEMD",
                "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
                "9b752e45573d4b39f4dbd3323cab82bf63326bfb",
            ),
            (
                "md5-sha1",
                "abc",
                "900150983cd24fb0d6963f7d28e17f72a9993e364706816aba3e25717850c26c9cd0d89d",
            ),
        ];
        for (alg, input, expected) in cases {
            assert_eq!(
                hex(&crypto_hash(alg, input.as_bytes()).unwrap()),
                expected,
                "{alg}({input:?})"
            );
        }
        // HMAC over both, from Node.
        assert_eq!(
            hex(&crypto_hmac("ripemd160", b"k", b"abc").unwrap()),
            "760bba2de2cd21e5a26229f0083e9e68deb4f2ea"
        );
        assert_eq!(
            hex(&crypto_hmac("md5-sha1", b"k", b"abc").unwrap()),
            "97cfbb1d0da23504b735e2eef8d66b6e3dbc979d1772d6058e8c63b9950eb9227f472173"
        );
    }

    #[test]
    fn pbkdf2_matches_rfc_6070() {
        let cases = [
            (
                "password",
                "salt",
                1,
                20,
                "0c60c80f961f0e71f3a9b524af6012062fe037a6",
            ),
            (
                "password",
                "salt",
                4096,
                20,
                "4b007901b765489abead49d926f721d065a429c1",
            ),
            (
                "passwordPASSWORDpassword",
                "saltSALTsaltSALTsaltSALTsaltSALTsalt",
                4096,
                25,
                "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038",
            ),
        ];
        for (password, salt, iterations, keylen, expected) in cases {
            let key = crypto_pbkdf2(
                "sha1",
                password.as_bytes(),
                salt.as_bytes(),
                iterations,
                keylen,
            )
            .unwrap();
            assert_eq!(hex(&key), expected);
        }
        assert_eq!(crypto_pbkdf2("sha256", b"p", b"s", 1, 0).unwrap(), b"");
    }

    #[test]
    fn scrypt_matches_rfc_7914() {
        let key = crypto_scrypt(b"", b"", 16, 1, 1, 64).unwrap();
        assert_eq!(hex(&key), "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906");
        let key = crypto_scrypt(b"password", b"NaCl", 1024, 8, 16, 64).unwrap();
        assert_eq!(hex(&key), "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640");
    }
}
