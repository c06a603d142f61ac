// The lesson model, shared by the app (src/lesson/mod.rs) and the build script (src/build.rs),
// which `include!`s this file; hence plain `//` comments at the top.

/// One lesson, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    /// Stable identifier, used in storage keys; from the front matter's `slug`.
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// `h2` headings in order, for the page's table of contents.
    pub sections: Vec<Section>,
    pub blocks: Vec<Block>,
}

/// An `h2` heading and the anchor it can be linked by.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: String,
    pub title: String,
}

/// A stretch of the page: rendered Markdown, or a runnable example.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// HTML rendered from the lesson's Markdown.
    Prose(String),
    Playground(Example),
}

/// A runnable example: the code the editor starts with and the file name errors refer to.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub filename: String,
    pub code: String,
}
