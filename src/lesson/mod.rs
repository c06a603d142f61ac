//! Lessons: Markdown files under `lessons/`, turned into HTML and runnable examples when the
//! crate compiles (see `src/build.rs`), so the page ships no Markdown parser and parses nothing
//! at start-up.

include!("model.rs");

#[cfg(test)]
mod parse;

/// The lesson this page teaches.
pub fn background_workers() -> Lesson {
    include!(concat!(env!("OUT_DIR"), "/background_workers.rs"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_background_workers_lesson_runs_the_seed_example() {
        let lesson = background_workers();
        let examples: Vec<&Example> = lesson
            .blocks
            .iter()
            .filter_map(|block| match block {
                Block::Playground(example) => Some(example),
                Block::Prose(_) => None,
            })
            .collect();
        assert_eq!(examples.len(), 1, "one editor per page");
        assert_eq!(examples[0].filename, "server.js");
        assert_eq!(
            examples[0].code,
            "import express from \"express\";\n\
             const app = express();\n\
             app.use(express.json());\n\
             app.post(\"/api/background-workers\", (req, res) => res.json({ success: true, processed: req.body }));"
        );
        assert_eq!(lesson.slug, "background-workers");
        assert!(lesson.sections.len() >= 6);
    }
}
