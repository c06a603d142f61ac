//! scrypt (RFC 7914) for `crypto.scryptSync`/`scrypt`: PBKDF2-HMAC-SHA256 around ROMix, whose
//! BlockMix runs Salsa20/8. Written out here (a few dozen lines) rather than as a crate.

use super::Algorithm;

/// Salsa20/8's core: 8 rounds over `block`, then the input added back (RFC 7914 section 3).
fn salsa20_8(block: &mut [u32; 16]) {
    let mut x = *block;
    let mut quarter = |a: usize, b: usize, c: usize, d: usize| {
        x[b] ^= x[a].wrapping_add(x[d]).rotate_left(7);
        x[c] ^= x[b].wrapping_add(x[a]).rotate_left(9);
        x[d] ^= x[c].wrapping_add(x[b]).rotate_left(13);
        x[a] ^= x[d].wrapping_add(x[c]).rotate_left(18);
    };
    for _ in 0..4 {
        // Columns, then rows.
        quarter(0, 4, 8, 12);
        quarter(5, 9, 13, 1);
        quarter(10, 14, 2, 6);
        quarter(15, 3, 7, 11);
        quarter(0, 1, 2, 3);
        quarter(5, 6, 7, 4);
        quarter(10, 11, 8, 9);
        quarter(15, 12, 13, 14);
    }
    for (b, x) in block.iter_mut().zip(x) {
        *b = b.wrapping_add(x);
    }
}

/// BlockMix (section 4): `input`'s 2r 64-byte blocks chained through Salsa20/8 into `out`,
/// even-numbered results first.
fn block_mix(input: &[u32], out: &mut [u32], r: usize) {
    let mut x: [u32; 16] = input[(2 * r - 1) * 16..]
        .try_into()
        .expect("a 64-byte block");
    for (i, chunk) in input.chunks(16).enumerate() {
        x.iter_mut().zip(chunk).for_each(|(x, c)| *x ^= c);
        salsa20_8(&mut x);
        let at = (i / 2 + (i % 2) * r) * 16;
        out[at..at + 16].copy_from_slice(&x);
    }
}

/// ROMix (section 5) of one 128r-byte block, in place; `v` is its N-block scratch table.
fn ro_mix(block: &mut [u8], n: usize, r: usize, v: &mut [u32]) {
    let words = 32 * r;
    let mut x: Vec<u32> = block
        .chunks(4)
        .map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes")))
        .collect();
    let mut y = vec![0u32; words];
    for i in 0..n {
        v[i * words..(i + 1) * words].copy_from_slice(&x);
        block_mix(&x, &mut y, r);
        std::mem::swap(&mut x, &mut y);
    }
    for _ in 0..n {
        // Integerify: the last 64-byte block's first word, modulo N (a power of two).
        let j = x[(2 * r - 1) * 16] as usize & (n - 1);
        x.iter_mut()
            .zip(&v[j * words..(j + 1) * words])
            .for_each(|(x, v)| *x ^= v);
        block_mix(&x, &mut y, r);
        std::mem::swap(&mut x, &mut y);
    }
    for (bytes, word) in block.chunks_mut(4).zip(x) {
        bytes.copy_from_slice(&word.to_le_bytes());
    }
}

/// scrypt's `keylen` bytes, or `None` when its N * 128r-byte table cannot be allocated.
pub fn scrypt(
    password: &[u8],
    salt: &[u8],
    n: usize,
    r: usize,
    p: usize,
    keylen: usize,
) -> Option<Vec<u8>> {
    let words = n.checked_mul(32 * r)?;
    let mut v = Vec::new();
    v.try_reserve_exact(words).ok()?;
    v.resize(words, 0u32);
    let mut b = Algorithm::Sha256.pbkdf2(password, salt, 1, p * 128 * r);
    for block in b.chunks_mut(128 * r) {
        ro_mix(block, n, r, &mut v);
    }
    Some(Algorithm::Sha256.pbkdf2(password, &b, 1, keylen))
}
