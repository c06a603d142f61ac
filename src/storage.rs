//! The learner's edits, kept in `localStorage` per lesson example so a reload loses nothing: the
//! code, and the environment variables it runs with.
//!
//! Storage can be missing or refuse writes (private windows, sandboxed iframes, a full quota);
//! then the playground still works, it just forgets on reload.

use web_sys::Storage;

/// Bump when the stored shape changes, so old entries are ignored rather than misread.
const PREFIX: &str = "express-playground:v1";

/// Where one of an example's edited texts lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedKey(String);

impl SavedKey {
    /// The example's code.
    pub fn code(lesson_slug: &str, filename: &str) -> SavedKey {
        SavedKey(format!("{PREFIX}:{lesson_slug}:{filename}"))
    }

    /// The example's environment variables, as the learner wrote them (`NAME=value` lines).
    pub fn env(lesson_slug: &str, filename: &str) -> SavedKey {
        SavedKey(format!("{PREFIX}:env:{lesson_slug}:{filename}"))
    }

    /// The saved text, if the learner edited it before.
    pub fn load(&self) -> Option<String> {
        storage()?.get_item(&self.0).ok().flatten()
    }

    /// Saves `text`, or forgets the entry when `text` is the original, so that improving a
    /// lesson's example reaches everyone who never changed it.
    pub fn save(&self, text: &str, original: &str) {
        let Some(storage) = storage() else { return };
        // A failed write only means the edit is not remembered; nothing to tell the learner.
        let _ = if text == original {
            storage.remove_item(&self.0)
        } else {
            storage.set_item(&self.0, text)
        };
    }
}

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
