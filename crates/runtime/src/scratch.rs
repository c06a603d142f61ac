//! Strings from JS for the calls every request makes, without wasm-bindgen's per-string
//! `malloc` and character loop: JS encodes them with `TextEncoder.encodeInto` straight into
//! this buffer (`Scratch` in `js/exchange.mjs`), and the call that follows gives their
//! lengths in bytes.

use std::borrow::Cow;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Makes room for `len` bytes and returns where they go; the address holds until the next
/// call here.
#[wasm_bindgen]
pub fn scratch(len: usize) -> u32 {
    SCRATCH.with_borrow_mut(|buf| {
        if buf.len() < len {
            buf.resize(len, 0);
        }
        buf.as_ptr() as u32
    })
}

/// Runs `f` on the strings JS wrote one after another, `lens` bytes each.
pub(crate) fn read<const N: usize, R>(lens: [usize; N], f: impl FnOnce([&str; N]) -> R) -> R {
    SCRATCH.with_borrow(|buf| {
        let mut at = 0;
        let texts: [Cow<str>; N] = lens.map(|len| {
            let bytes = &buf[at..at + len];
            at += len;
            // `encodeInto` writes UTF-8 only (lone surrogates become U+FFFD); lossy is a guard.
            match std::str::from_utf8(bytes) {
                Ok(text) => Cow::Borrowed(text),
                Err(_) => String::from_utf8_lossy(bytes),
            }
        });
        f(texts.each_ref().map(|t| t.as_ref()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_read_back_to_back() {
        scratch(16);
        SCRATCH.with_borrow_mut(|buf| buf[..9].copy_from_slice("hélloabc".as_bytes()));
        assert_eq!(read([6, 3], |[a, b]| format!("{a}|{b}")), "héllo|abc");
    }

    #[test]
    fn the_buffer_only_grows() {
        let small = scratch(4);
        assert!(scratch(2) == small);
        scratch(1 << 16);
        SCRATCH.with_borrow(|buf| assert!(buf.len() >= 1 << 16));
    }
}
