//! Node's `JSON.parse` error messages for `express.json()` (`js/body.mjs`), in every browser:
//! the learner's JSON is still parsed by the JS engine, and only when it throws does the
//! engine say what V8 would have said (`engine::json_error`).

use wasm_bindgen::prelude::*;

/// The message V8's `JSON.parse(text)` throws, or `undefined` when `text` is JSON. Built
/// from UTF-16 code units, since V8's excerpt may cut a surrogate pair.
#[wasm_bindgen(js_name = jsonParseError)]
pub fn json_parse_error(text: &str) -> JsValue {
    let units: Vec<u16> = text.encode_utf16().collect();
    match engine::json_error::message_utf16(&units) {
        Some(message) => js_sys::JsString::from_char_code(&message).into(),
        None => JsValue::UNDEFINED,
    }
}
