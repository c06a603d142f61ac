//! RIPEMD-160 for `createHash('ripemd160')` (Node lists it in `getHashes()`): two parallel
//! lines of five 16-step rounds over each 64-byte block, written out as the 1996 paper has it.

/// The message word each step reads, on the left line and on the right line.
const R_LEFT: [u8; 80] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 7, 4, 13, 1, 10, 6, 15, 3, 12, 0, 9, 5,
    2, 14, 11, 8, 3, 10, 14, 4, 9, 15, 8, 1, 2, 7, 0, 6, 13, 11, 5, 12, 1, 9, 11, 10, 0, 8, 12, 4,
    13, 3, 7, 15, 14, 5, 6, 2, 4, 0, 5, 9, 7, 12, 2, 10, 14, 1, 3, 8, 11, 6, 15, 13,
];
const R_RIGHT: [u8; 80] = [
    5, 14, 7, 0, 9, 2, 11, 4, 13, 6, 15, 8, 1, 10, 3, 12, 6, 11, 3, 7, 0, 13, 5, 10, 14, 15, 8, 12,
    4, 9, 1, 2, 15, 5, 1, 3, 7, 14, 6, 9, 11, 8, 12, 2, 10, 0, 4, 13, 8, 6, 4, 1, 3, 11, 15, 0, 5,
    12, 2, 13, 9, 7, 10, 14, 12, 15, 10, 4, 1, 5, 8, 7, 6, 2, 13, 14, 0, 3, 9, 11,
];
/// The rotation of each step, on the left line and on the right line.
const S_LEFT: [u8; 80] = [
    11, 14, 15, 12, 5, 8, 7, 9, 11, 13, 14, 15, 6, 7, 9, 8, 7, 6, 8, 13, 11, 9, 7, 15, 7, 12, 15,
    9, 11, 7, 13, 12, 11, 13, 6, 7, 14, 9, 13, 15, 14, 8, 13, 6, 5, 12, 7, 5, 11, 12, 14, 15, 14,
    15, 9, 8, 9, 14, 5, 6, 8, 6, 5, 12, 9, 15, 5, 11, 6, 8, 13, 12, 5, 12, 13, 14, 11, 8, 5, 6,
];
const S_RIGHT: [u8; 80] = [
    8, 9, 9, 11, 13, 15, 15, 5, 7, 7, 8, 11, 14, 14, 12, 6, 9, 13, 15, 7, 12, 8, 9, 11, 7, 7, 12,
    7, 6, 15, 13, 11, 9, 7, 15, 11, 8, 6, 6, 14, 12, 13, 5, 14, 13, 13, 7, 5, 15, 5, 8, 11, 14, 14,
    6, 14, 6, 9, 12, 9, 12, 5, 15, 8, 8, 5, 12, 9, 12, 5, 14, 6, 8, 13, 6, 5, 15, 13, 11, 11,
];
/// The constant of each round, on the left line and on the right line.
const K_LEFT: [u32; 5] = [0x00000000, 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xa953fd4e];
const K_RIGHT: [u32; 5] = [0x50a28be6, 0x5c4dd124, 0x6d703ef3, 0x7a6d76e9, 0x00000000];

/// The boolean function of round `round` (0-4).
fn f(round: usize, x: u32, y: u32, z: u32) -> u32 {
    match round {
        0 => x ^ y ^ z,
        1 => (x & y) | (!x & z),
        2 => (x | !y) ^ z,
        3 => (x & z) | (y & !z),
        _ => x ^ (y | !z),
    }
}

/// One line's 80 steps over the words `x`, from the chaining value `h`.
fn line(h: &[u32; 5], x: &[u32; 16], right: bool) -> [u32; 5] {
    let [mut a, mut b, mut c, mut d, mut e] = *h;
    for j in 0..80 {
        let round = j / 16;
        let (word, rotation, k, function) = if right {
            (
                x[R_RIGHT[j] as usize],
                S_RIGHT[j],
                K_RIGHT[round],
                4 - round,
            )
        } else {
            (x[R_LEFT[j] as usize], S_LEFT[j], K_LEFT[round], round)
        };
        let t = a
            .wrapping_add(f(function, b, c, d))
            .wrapping_add(word)
            .wrapping_add(k)
            .rotate_left(rotation.into())
            .wrapping_add(e);
        (a, e, d, c, b) = (e, d, c.rotate_left(10), b, t);
    }
    [a, b, c, d, e]
}

fn compress(h: &mut [u32; 5], block: &[u8]) {
    let x: [u32; 16] =
        std::array::from_fn(|i| u32::from_le_bytes(block[4 * i..4 * i + 4].try_into().unwrap()));
    let l = line(h, &x, false);
    let r = line(h, &x, true);
    *h = [
        h[1].wrapping_add(l[2]).wrapping_add(r[3]),
        h[2].wrapping_add(l[3]).wrapping_add(r[4]),
        h[3].wrapping_add(l[4]).wrapping_add(r[0]),
        h[4].wrapping_add(l[0]).wrapping_add(r[1]),
        h[0].wrapping_add(l[1]).wrapping_add(r[2]),
    ];
}

/// RIPEMD-160 of `parts`, concatenated.
pub fn ripemd160(parts: &[&[u8]]) -> Vec<u8> {
    let mut h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
    let mut message: Vec<u8> = parts.concat();
    let bits = (message.len() as u64).wrapping_mul(8);
    // MD-style padding: 0x80, zeros to 56 mod 64, the length in bits (little-endian).
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&bits.to_le_bytes());
    for block in message.chunks(64) {
        compress(&mut h, block);
    }
    h.iter().flat_map(|w| w.to_le_bytes()).collect()
}
