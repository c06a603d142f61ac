//! Node's `zlib.createGunzip()` and `zlib.createInflate()` as body-parser pipes a request
//! through them: the bytes they produce, and the error they stop with in zlib's own words
//! (`incorrect header check`, `unexpected end of file`, `invalid block type`, ...).
//!
//! A crate inflater decodes the same bytes but reports every corruption as one "failed", and
//! learners see zlib's message in `err.message`. So this follows zlib's `inflate.c` check by
//! check, in its order, written in the manner of Mark Adler's `puff.c` (a readable inflater):
//! one bit at a time, canonical Huffman codes decoded by counting. Request bodies are small,
//! and raw-body stops listening past the size limit ([`inflate`]'s `max_output`).

/// How the deflate stream is wrapped: `Content-Encoding: gzip` or `deflate` (zlib format;
/// Node's `createInflate()` rejects a raw deflate stream with "incorrect header check").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrapper {
    Gzip,
    Zlib,
}

/// The error Node's zlib stream emits: `err.message`, `err.code`, `err.errno`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZlibError {
    pub message: &'static str,
    pub code: &'static str,
    pub errno: i32,
}

impl ZlibError {
    /// The input ended where zlib wanted more; Node's wording for `Z_BUF_ERROR` at the end.
    pub const END_OF_FILE: ZlibError = ZlibError {
        message: "unexpected end of file",
        code: "Z_BUF_ERROR",
        errno: -5,
    };
}

/// What came out: every byte produced before the stream ended, failed, or reached
/// `max_output` (then `bytes` holds exactly `max_output` bytes and `error` is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inflated {
    pub bytes: Vec<u8>,
    pub error: Option<ZlibError>,
}

/// Why decoding stopped early.
enum Stop {
    Eof,
    /// `Z_DATA_ERROR` with zlib's `strm->msg`.
    Data(&'static str),
    /// A zlib header asked for a preset dictionary, which body-parser never gives.
    NeedDict,
    /// `max_output` bytes are out.
    Full,
}

type Step<T> = Result<T, Stop>;

/// Inflates a whole request body the way Node does when it arrives in one piece: gzip members
/// follow one another until the input ends or the next byte is 0 (padding); anything after
/// the end of a zlib stream is ignored.
pub fn inflate(input: &[u8], wrapper: Wrapper, max_output: usize) -> Inflated {
    let mut s = Inflater {
        bits: Bits::new(input),
        out: Vec::new(),
        member_start: 0,
        max_output,
    };
    let result = loop {
        s.member_start = s.out.len();
        let member = match wrapper {
            Wrapper::Gzip => s.gzip_member(),
            Wrapper::Zlib => s.zlib_member(),
        };
        let rest = s.bits.rest();
        match member {
            Ok(()) if wrapper == Wrapper::Gzip && rest.first().is_some_and(|&b| b != 0) => {}
            other => break other,
        }
    };
    let error = match result {
        Ok(()) => None,
        Err(Stop::Full) => {
            s.out.truncate(max_output);
            None
        }
        Err(Stop::Eof) => Some(ZlibError::END_OF_FILE),
        Err(Stop::NeedDict) => Some(ZlibError {
            message: "Missing dictionary",
            code: "Z_NEED_DICT",
            errno: 2,
        }),
        Err(Stop::Data(message)) => Some(ZlibError {
            message,
            code: "Z_DATA_ERROR",
            errno: -3,
        }),
    };
    Inflated {
        bytes: s.out,
        error,
    }
}

/// The input, read least significant bit first as deflate packs it, one byte at a time so
/// that the bytes after a stream are exactly where [`Bits::rest`] says.
struct Bits<'a> {
    input: &'a [u8],
    pos: usize,
    hold: u32,
    count: u32,
}

impl<'a> Bits<'a> {
    fn new(input: &'a [u8]) -> Self {
        Self {
            input,
            pos: 0,
            hold: 0,
            count: 0,
        }
    }

    /// The next `n` (≤ 24) bits as a number.
    fn take(&mut self, n: u32) -> Step<u32> {
        while self.count < n {
            let &byte = self.input.get(self.pos).ok_or(Stop::Eof)?;
            self.pos += 1;
            self.hold |= u32::from(byte) << self.count;
            self.count += 8;
        }
        let v = self.hold & ((1u32 << n) - 1);
        self.hold >>= n;
        self.count -= n;
        Ok(v)
    }

    /// A little-endian 32-bit word (after [`Bits::align`]).
    fn word(&mut self) -> Step<u32> {
        Ok(self.take(16)? | (self.take(16)? << 16))
    }

    /// Drops the bits left in the current byte (zlib's `BYTEBITS()`).
    fn align(&mut self) {
        self.hold = 0;
        self.count = 0;
    }

    /// The whole bytes not read yet (after [`Bits::align`]).
    fn rest(&self) -> &'a [u8] {
        &self.input[self.pos..]
    }

    /// The next `n` whole bytes, or as many as there are.
    fn bytes(&mut self, n: usize) -> &'a [u8] {
        let end = (self.pos + n).min(self.input.len());
        let out = &self.input[self.pos..end];
        self.pos = end;
        out
    }
}

struct Inflater<'a> {
    bits: Bits<'a>,
    out: Vec<u8>,
    /// Where the current gzip member's (or the zlib stream's) output begins.
    member_start: usize,
    max_output: usize,
}

impl Inflater<'_> {
    /// RFC 1950: header, deflate data, Adler-32 of the data (big-endian).
    fn zlib_member(&mut self) -> Step<()> {
        let head = self.bits.take(16)?;
        let (cmf, flg) = (head & 0xff, head >> 8);
        if ((cmf << 8) | flg) % 31 != 0 {
            return Err(Stop::Data("incorrect header check"));
        }
        if cmf & 0x0f != 8 {
            return Err(Stop::Data("unknown compression method"));
        }
        if (cmf >> 4) + 8 > 15 {
            return Err(Stop::Data("invalid window size"));
        }
        if flg & 0x20 != 0 {
            self.bits.word()?;
            return Err(Stop::NeedDict);
        }
        self.deflate()?;
        let check = self.bits.word()?.swap_bytes();
        if check != adler32(&self.out[self.member_start..]) {
            return Err(Stop::Data("incorrect data check"));
        }
        Ok(())
    }

    /// RFC 1952: header (with its optional fields), deflate data, CRC-32 and length.
    fn gzip_member(&mut self) -> Step<()> {
        let start = self.bits.pos;
        if self.bits.take(16)? != 0x8b1f {
            return Err(Stop::Data("incorrect header check"));
        }
        let flags = self.bits.take(16)?;
        if flags & 0xff != 8 {
            return Err(Stop::Data("unknown compression method"));
        }
        if flags & 0xe000 != 0 {
            return Err(Stop::Data("unknown header flags set"));
        }
        self.bits.word()?; // MTIME
        self.bits.take(16)?; // XFL, OS
        if flags & 0x0400 != 0 {
            let len = self.bits.take(16)? as usize;
            if self.bits.bytes(len).len() < len {
                return Err(Stop::Eof);
            }
        }
        for field in [0x0800, 0x1000] {
            // FNAME, FCOMMENT: zero-terminated.
            if flags & field != 0 {
                while self.bits.take(8)? != 0 {}
            }
        }
        if flags & 0x0200 != 0 {
            let crc = crc32(&self.bits.input[start..self.bits.pos]);
            if self.bits.take(16)? != crc & 0xffff {
                return Err(Stop::Data("header crc mismatch"));
            }
        }
        self.deflate()?;
        let data = &self.out[self.member_start..];
        if self.bits.word()? != crc32(data) {
            return Err(Stop::Data("incorrect data check"));
        }
        if self.bits.word()? != data.len() as u32 {
            return Err(Stop::Data("incorrect length check"));
        }
        Ok(())
    }

    /// RFC 1951: blocks until the last one, then the bits up to the next byte are dropped.
    fn deflate(&mut self) -> Step<()> {
        loop {
            let last = self.bits.take(1)? == 1;
            match self.bits.take(2)? {
                0 => self.stored()?,
                1 => self.codes(&Huffman::fixed_lengths(), &Huffman::fixed_distances())?,
                2 => {
                    let (lengths, distances) = self.dynamic_tables()?;
                    self.codes(&lengths, &distances)?;
                }
                _ => return Err(Stop::Data("invalid block type")),
            }
            if last {
                self.bits.align();
                return Ok(());
            }
        }
    }

    fn stored(&mut self) -> Step<()> {
        self.bits.align();
        let lens = self.bits.word()?;
        if lens & 0xffff != (lens >> 16) ^ 0xffff {
            return Err(Stop::Data("invalid stored block lengths"));
        }
        let len = (lens & 0xffff) as usize;
        let data = self.bits.bytes(len);
        self.out.extend_from_slice(data);
        if self.out.len() >= self.max_output {
            return Err(Stop::Full);
        }
        if data.len() < len {
            return Err(Stop::Eof);
        }
        Ok(())
    }

    /// The code lengths of a dynamic block, checked as zlib checks them.
    fn dynamic_tables(&mut self) -> Step<(Huffman, Huffman)> {
        const ORDER: [usize; 19] = [
            16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
        ];
        let nlen = self.bits.take(5)? as usize + 257;
        let ndist = self.bits.take(5)? as usize + 1;
        let ncode = self.bits.take(4)? as usize + 4;
        if nlen > 286 || ndist > 30 {
            return Err(Stop::Data("too many length or distance symbols"));
        }
        let mut code_lengths = [0u8; 19];
        for &i in &ORDER[..ncode] {
            code_lengths[i] = self.bits.take(3)? as u8;
        }
        let codes = Huffman::new(&code_lengths, Kind::Codes)
            .ok_or(Stop::Data("invalid code lengths set"))?;
        let mut lengths = [0u8; 286 + 30];
        let mut have = 0;
        while have < nlen + ndist {
            // An empty code-length code decodes every symbol as length 0 in zlib.
            let symbol = codes.decode(&mut self.bits)?.unwrap_or(0);
            let (len, copy) = match symbol {
                0..=15 => (symbol as u8, 1),
                16 => {
                    let copy = 3 + self.bits.take(2)? as usize;
                    if have == 0 {
                        return Err(Stop::Data("invalid bit length repeat"));
                    }
                    (lengths[have - 1], copy)
                }
                17 => (0, 3 + self.bits.take(3)? as usize),
                _ => (0, 11 + self.bits.take(7)? as usize),
            };
            if have + copy > nlen + ndist {
                return Err(Stop::Data("invalid bit length repeat"));
            }
            lengths[have..have + copy].fill(len);
            have += copy;
        }
        if lengths[256] == 0 {
            return Err(Stop::Data("invalid code -- missing end-of-block"));
        }
        let lit = Huffman::new(&lengths[..nlen], Kind::Lengths)
            .ok_or(Stop::Data("invalid literal/lengths set"))?;
        let dist = Huffman::new(&lengths[nlen..nlen + ndist], Kind::Distances)
            .ok_or(Stop::Data("invalid distances set"))?;
        Ok((lit, dist))
    }

    /// The symbols of one compressed block, up to its end-of-block code.
    fn codes(&mut self, lit: &Huffman, dist: &Huffman) -> Step<()> {
        const LEN_BASE: [u16; 29] = [
            3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99,
            115, 131, 163, 195, 227, 258,
        ];
        const LEN_EXTRA: [u8; 29] = [
            0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
        ];
        const DIST_BASE: [u16; 30] = [
            1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025,
            1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
        ];
        const DIST_EXTRA: [u8; 30] = [
            0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12,
            12, 13, 13,
        ];
        loop {
            if self.out.len() >= self.max_output {
                return Err(Stop::Full);
            }
            let symbol = match lit.decode(&mut self.bits)? {
                Some(s) if s < 286 => usize::from(s),
                _ => return Err(Stop::Data("invalid literal/length code")),
            };
            if symbol < 256 {
                self.out.push(symbol as u8);
                continue;
            }
            if symbol == 256 {
                return Ok(());
            }
            let i = symbol - 257;
            let len = usize::from(LEN_BASE[i]) + self.bits.take(u32::from(LEN_EXTRA[i]))? as usize;
            let d = match dist.decode(&mut self.bits)? {
                Some(d) if d < 30 => usize::from(d),
                _ => return Err(Stop::Data("invalid distance code")),
            };
            let distance =
                usize::from(DIST_BASE[d]) + self.bits.take(u32::from(DIST_EXTRA[d]))? as usize;
            if distance > self.out.len() - self.member_start {
                return Err(Stop::Data("invalid distance too far back"));
            }
            let from = self.out.len() - distance;
            for k in 0..len {
                let byte = self.out[from + k];
                self.out.push(byte);
            }
        }
    }
}

/// Which table zlib's `inflate_table` builds: the code-length code may not be incomplete, the
/// others may be when they hold a single one-bit code.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Codes,
    Lengths,
    Distances,
}

/// A canonical Huffman code: how many codes of each length, and the symbols in code order.
struct Huffman {
    count: [u16; 16],
    symbols: Vec<u16>,
    /// The longest code length; 0 when no symbol has a code.
    max: usize,
}

impl Huffman {
    /// `None` where `inflate_table` fails: an over-subscribed or (mostly) incomplete code.
    fn new(lengths: &[u8], kind: Kind) -> Option<Huffman> {
        let mut count = [0u16; 16];
        for &len in lengths {
            count[usize::from(len)] += 1;
        }
        let max = (1..16).rev().find(|&len| count[len] != 0).unwrap_or(0);
        if max != 0 {
            let mut left: i32 = 1;
            for &c in &count[1..] {
                left = (left << 1) - i32::from(c);
                if left < 0 {
                    return None;
                }
            }
            if left > 0 && (kind == Kind::Codes || max != 1) {
                return None;
            }
        }
        let mut symbols = Vec::with_capacity(lengths.len());
        for len in 1..=max as u8 {
            let with_len = lengths.iter().enumerate().filter(|&(_, &l)| l == len);
            symbols.extend(with_len.map(|(sym, _)| sym as u16));
        }
        Some(Huffman {
            count,
            symbols,
            max,
        })
    }

    /// The next symbol, or `None` for bits that are no code (zlib's invalid-code entries,
    /// which take one bit when the code is empty or a lone one-bit code).
    fn decode(&self, bits: &mut Bits) -> Step<Option<u16>> {
        if self.max == 0 {
            bits.take(1)?;
            return Ok(None);
        }
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for &count in &self.count[1..=self.max] {
            code |= bits.take(1)? as i32;
            let count = i32::from(count);
            if code - first < count {
                return Ok(Some(self.symbols[(index + code - first) as usize]));
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Ok(None)
    }

    /// Block type 1's literal/length code; symbols 286 and 287 have codes but no meaning.
    fn fixed_lengths() -> Huffman {
        let mut lengths = [8u8; 288];
        lengths[144..256].fill(9);
        lengths[256..280].fill(7);
        Huffman::new(&lengths, Kind::Lengths).expect("the fixed code is complete")
    }

    /// Block type 1's distance code: 32 five-bit codes, of which 30 and 31 are invalid.
    fn fixed_distances() -> Huffman {
        Huffman::new(&[5u8; 32], Kind::Distances).expect("the fixed code is complete")
    }
}

const fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xedb8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
}

static CRC_TABLE: [u32; 256] = crc_table();

/// The gzip trailer's (and header CRC's) CRC-32.
fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0u32, |c, &b| {
        CRC_TABLE[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8)
    })
}

/// The zlib trailer's Adler-32.
fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in data.chunks(5552) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    (b << 16) | a
}

#[cfg(test)]
mod tests;
