//! SHA-3 (FIPS 202) for `createHash('sha3-256')` and friends: the Keccak-f[1600] permutation
//! and its sponge, written out here because it is a few dozen lines, smaller than a crate.

/// The round constants of the 24 rounds (the iota step).
const RC: [u64; 24] = [
    0x0000000000000001,
    0x0000000000008082,
    0x800000000000808a,
    0x8000000080008000,
    0x000000000000808b,
    0x0000000080000001,
    0x8000000080008081,
    0x8000000000008009,
    0x000000000000008a,
    0x0000000000000088,
    0x0000000080008009,
    0x000000008000000a,
    0x000000008000808b,
    0x800000000000008b,
    0x8000000000008089,
    0x8000000000008003,
    0x8000000000008002,
    0x8000000000000080,
    0x000000000000800a,
    0x800000008000000a,
    0x8000000080008081,
    0x8000000000008080,
    0x0000000080000001,
    0x8000000080008008,
];

/// The rotation of each lane along the rho-pi walk, and the lane the walk visits next.
const ROTATIONS: [u8; 24] = [
    1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44,
];
const PI: [u8; 24] = [
    10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1,
];

/// Keccak-f[1600] on the 5x5 lanes of `state` (lane x,y at index x + 5y).
fn keccak_f(state: &mut [u64; 25]) {
    for rc in RC {
        // theta
        let mut column = [0u64; 5];
        for (x, c) in column.iter_mut().enumerate() {
            *c = state[x] ^ state[x + 5] ^ state[x + 10] ^ state[x + 15] ^ state[x + 20];
        }
        for x in 0..5 {
            let d = column[(x + 4) % 5] ^ column[(x + 1) % 5].rotate_left(1);
            for y in 0..5 {
                state[x + 5 * y] ^= d;
            }
        }
        // rho and pi
        let mut carried = state[1];
        for (&to, &rotation) in PI.iter().zip(&ROTATIONS) {
            let next = state[to as usize];
            state[to as usize] = carried.rotate_left(rotation.into());
            carried = next;
        }
        // chi
        for y in 0..5 {
            let row: [u64; 5] = std::array::from_fn(|x| state[x + 5 * y]);
            for x in 0..5 {
                state[x + 5 * y] = row[x] ^ (!row[(x + 1) % 5] & row[(x + 2) % 5]);
            }
        }
        // iota
        state[0] ^= rc;
    }
}

/// The bytes a SHA-3 hash of `bits` absorbs per permutation (also its HMAC block size).
pub fn rate(bits: usize) -> usize {
    200 - 2 * bits / 8
}

/// SHA3-`bits` of `parts`, concatenated.
pub fn sha3(bits: usize, parts: &[&[u8]]) -> Vec<u8> {
    let rate = rate(bits);
    let mut state = [0u64; 25];
    let mut block = Vec::with_capacity(rate);
    let absorb = |block: &[u8], state: &mut [u64; 25]| {
        for (lane, bytes) in state.iter_mut().zip(block.chunks(8)) {
            *lane ^= u64::from_le_bytes(bytes.try_into().expect("8-byte lanes"));
        }
        keccak_f(state);
    };
    for &byte in parts.iter().flat_map(|part| part.iter()) {
        block.push(byte);
        if block.len() == rate {
            absorb(&block, &mut state);
            block.clear();
        }
    }
    // The SHA-3 domain bits (01), then pad10*1.
    let filled = block.len();
    block.resize(rate, 0);
    block[filled] ^= 0x06;
    block[rate - 1] ^= 0x80;
    absorb(&block, &mut state);
    state
        .iter()
        .flat_map(|lane| lane.to_le_bytes())
        .take(bits / 8)
        .collect()
}
