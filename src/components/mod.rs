//! The page's components, one per file, each named for what the learner sees.

pub mod app;
pub mod code_editor;
pub mod env_editor;
pub mod lesson_page;
pub mod playground;
pub mod prose;
pub mod status;
pub mod terminal;
pub mod terminal_output;
pub mod toolbar;
