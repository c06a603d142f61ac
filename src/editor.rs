//! Bindings to the CodeMirror 6 editor bundled from `www/editor/` into `generated/editor.js`.
//!
//! The bundle is a classic script that defines the global `playgroundEditor`; keeping the editor
//! in JS means Rust only sees a handful of calls, and CodeMirror stays the npm package.

use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

#[wasm_bindgen]
extern "C" {
    /// A mounted editor.
    #[derive(Clone)]
    pub type EditorHandle;

    /// Mounts an editor holding `doc` into `parent`. `on_change(doc)` runs after every edit,
    /// `on_run()` on Ctrl/Cmd+Enter. Throws when the bundle did not load.
    #[wasm_bindgen(catch, js_namespace = playgroundEditor, js_name = mount)]
    pub fn mount(
        parent: &HtmlElement,
        doc: &str,
        label: &str,
        on_change: &js_sys::Function,
        on_run: &js_sys::Function,
    ) -> Result<EditorHandle, JsValue>;

    /// The current text.
    #[wasm_bindgen(method, js_name = getDoc)]
    pub fn doc(this: &EditorHandle) -> String;

    /// Replaces the whole text as one undoable edit.
    #[wasm_bindgen(method, js_name = setDoc)]
    pub fn set_doc(this: &EditorHandle, doc: &str);

    #[wasm_bindgen(method)]
    pub fn focus(this: &EditorHandle);

    /// Highlights the 1-based line a run failed on; `None` clears it. Editing clears it too.
    #[wasm_bindgen(method, js_name = markError)]
    pub fn mark_error(this: &EditorHandle, line: Option<u32>);

    #[wasm_bindgen(method)]
    pub fn destroy(this: &EditorHandle);
}
