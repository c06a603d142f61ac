//! Digests for `node:crypto`'s `createHash`/`createHmac` and `jsonwebtoken`'s HS256. The JS
//! side (`js/modules/crypto.mjs`) collects the bytes a learner feeds to `update()`; Rust computes
//! the digest once, at `digest()`.

use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};
use wasm_bindgen::prelude::*;

/// The hash functions the playground's `node:crypto` knows, by their OpenSSL names.
#[derive(Clone, Copy)]
enum Algorithm {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Algorithm {
    /// Node (OpenSSL) accepts names in any case, with or without the dash: `SHA256`, `sha-256`.
    fn from_name(name: &str) -> Option<Self> {
        let name = name.to_ascii_lowercase().replace('-', "");
        Some(match name.as_str() {
            "md5" => Self::Md5,
            "sha1" => Self::Sha1,
            "sha224" => Self::Sha224,
            "sha256" => Self::Sha256,
            "sha384" => Self::Sha384,
            "sha512" => Self::Sha512,
            _ => return None,
        })
    }

    /// The block size HMAC pads keys to (RFC 2104).
    fn block_size(self) -> usize {
        match self {
            Self::Sha384 | Self::Sha512 => 128,
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
        }
    }

    /// HMAC (RFC 2104) over any of the hashes, so `createHmac` takes what `createHash` takes.
    fn hmac(self, key: &[u8], data: &[u8]) -> Vec<u8> {
        let block = self.block_size();
        let mut k = if key.len() > block {
            self.digest(&[key])
        } else {
            key.to_vec()
        };
        k.resize(block, 0);
        let ipad: Vec<u8> = k.iter().map(|b| b ^ 0x36).collect();
        let opad: Vec<u8> = k.iter().map(|b| b ^ 0x5c).collect();
        let inner = self.digest(&[&ipad, data]);
        self.digest(&[&opad, &inner])
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
}
