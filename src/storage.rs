//! The learner's edits, kept in `localStorage` per lesson example so a reload loses nothing.
//!
//! Storage can be missing or refuse writes (private windows, sandboxed iframes, a full quota);
//! then the playground still works, it just forgets on reload.

use web_sys::Storage;

/// Bump when the stored shape changes, so old entries are ignored rather than misread.
const PREFIX: &str = "express-playground:v1";

/// Where one example's edited code lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeKey(String);

impl CodeKey {
    pub fn new(lesson_slug: &str, filename: &str) -> CodeKey {
        CodeKey(format!("{PREFIX}:{lesson_slug}:{filename}"))
    }

    /// The saved code, if the learner edited this example before.
    pub fn load(&self) -> Option<String> {
        storage()?.get_item(&self.0).ok().flatten()
    }

    /// Saves `code`, or forgets the entry when `code` is the original, so that improving a
    /// lesson's example reaches everyone who never changed it.
    pub fn save(&self, code: &str, original: &str) {
        let Some(storage) = storage() else { return };
        // A failed write only means the edit is not remembered; nothing to tell the learner.
        let _ = if code == original {
            storage.remove_item(&self.0)
        } else {
            storage.set_item(&self.0, code)
        };
    }
}

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
