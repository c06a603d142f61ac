//! Reading a lesson file: front matter, Markdown rendered to HTML, runnable examples.
//!
//! Runs in the build script (`src/build.rs`), which writes the result as Rust with [`to_rust`],
//! and in this crate's tests. A fenced code block whose info string carries the word
//! `playground` (```` ```js playground server.js ````) becomes the editor + terminal at that place
//! in the page; every other block renders as ordinary Markdown. The Markdown is authored in this
//! repository, so its HTML is trusted.

use std::fmt::Write;

use pulldown_cmark::{
    html, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};

use super::{Block, Example, Lesson, Section};

/// What can be wrong with a lesson file; these fail the build, never a learner's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LessonError {
    MissingFrontMatter,
    MissingField(&'static str),
}

impl Lesson {
    /// Parses a lesson file: `---` front matter of `key: value` lines, then Markdown.
    pub fn parse(source: &str) -> Result<Lesson, LessonError> {
        let (front, body) = split_front_matter(source).ok_or(LessonError::MissingFrontMatter)?;
        let field = |name: &'static str| {
            front
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value.to_string())
                .ok_or(LessonError::MissingField(name))
        };
        let (sections, blocks) = render_body(body);
        Ok(Lesson {
            slug: field("slug")?,
            title: field("title")?,
            summary: field("summary")?,
            sections,
            blocks,
        })
    }
}

/// Writes `lesson` as a Rust expression that rebuilds it, for the build script to `include!`.
pub fn to_rust(lesson: &Lesson) -> String {
    // `{:?}` of a `str` is a valid Rust string literal, escapes included.
    let mut out = String::from("Lesson {\n");
    let _ = writeln!(out, "    slug: String::from({:?}),", lesson.slug);
    let _ = writeln!(out, "    title: String::from({:?}),", lesson.title);
    let _ = writeln!(out, "    summary: String::from({:?}),", lesson.summary);
    out.push_str("    sections: vec![\n");
    for Section { id, title } in &lesson.sections {
        let _ = writeln!(
            out,
            "        Section {{ id: String::from({id:?}), title: String::from({title:?}) }},"
        );
    }
    out.push_str("    ],\n    blocks: vec![\n");
    for block in &lesson.blocks {
        let _ = match block {
            Block::Prose(html) => writeln!(out, "        Block::Prose(String::from({html:?})),"),
            Block::Playground(Example { filename, code }) => writeln!(
                out,
                "        Block::Playground(Example {{ filename: String::from({filename:?}), code: String::from({code:?}) }}),"
            ),
        };
    }
    out.push_str("    ],\n}\n");
    out
}

/// Splits `---\nkey: value\n---\nbody` into its fields and the body.
fn split_front_matter(source: &str) -> Option<(Vec<(&str, &str)>, &str)> {
    let rest = source.strip_prefix("---")?.trim_start_matches([' ', '\t']);
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    let end = rest.find("\n---")?;
    let (front, after) = rest.split_at(end);
    let body = after["\n---".len()..]
        .split_once('\n')
        .map_or("", |(_, body)| body);
    let fields = front
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| (key.trim(), value.trim().trim_matches('"')))
        .collect();
    Some((fields, body))
}

/// Renders Markdown to HTML, cutting it into blocks at each playground code fence and giving
/// every `h2` an anchor.
fn render_body(markdown: &str) -> (Vec<Section>, Vec<Block>) {
    let options = Options::ENABLE_TABLES | Options::ENABLE_SMART_PUNCTUATION;
    let events = label_table_cells(Parser::new_ext(markdown, options).collect());
    let mut sections = Vec::new();
    let mut blocks = Vec::new();
    let mut prose: Vec<Event> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if is_playground(info) => {
                let filename = playground_filename(info);
                let code = fence_text(&events, &mut i);
                flush_prose(&mut prose, &mut blocks);
                blocks.push(Block::Playground(Example { filename, code }));
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.split_whitespace().next() == Some("sh") =>
            {
                let command = fence_text(&events, &mut i);
                prose.push(Event::Html(CowStr::from(command_html(&command))));
            }
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                id: None,
                classes,
                attrs,
            }) => {
                let title = heading_text(&events[i + 1..]);
                let id = unique_slug(&title, &sections);
                prose.push(Event::Start(Tag::Heading {
                    level: HeadingLevel::H2,
                    id: Some(CowStr::from(id.clone())),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
                sections.push(Section { id, title });
            }
            event => prose.push(event.clone()),
        }
        i += 1;
    }
    flush_prose(&mut prose, &mut blocks);
    (sections, blocks)
}

/// Gives each body cell of a table its column's heading as `data-label`, so that on a phone,
/// where style.css stacks a row's cells, every value still says what it is.
fn label_table_cells(events: Vec<Event>) -> Vec<Event> {
    let mut labels: Vec<String> = Vec::new();
    let mut in_head = false;
    let mut column = 0;
    let mut out = Vec::with_capacity(events.len());
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::TableHead) => {
                in_head = true;
                labels.clear();
            }
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableCell) if in_head => labels.push(cell_text(&events[i + 1..])),
            Event::Start(Tag::TableRow) => column = 0,
            Event::Start(Tag::TableCell) => {
                let label = labels.get(column).map_or("", String::as_str);
                let html = format!("<td data-label=\"{}\">", escape_html(label));
                out.push(Event::Html(CowStr::from(html)));
                continue;
            }
            Event::End(TagEnd::TableCell) if !in_head => {
                column += 1;
                out.push(Event::Html(CowStr::from("</td>")));
                continue;
            }
            _ => {}
        }
        out.push(event.clone());
    }
    out
}

/// The plain text of a table cell, from the events after its start tag.
fn cell_text(events: &[Event]) -> String {
    events
        .iter()
        .take_while(|event| !matches!(event, Event::End(TagEnd::TableCell)))
        .filter_map(|event| match event {
            Event::Text(text) | Event::Code(text) => Some(text.as_ref()),
            _ => None,
        })
        .collect()
}

/// The text of the fenced block starting at `events[*i]`, without its final newline; leaves `*i`
/// at the block's end tag.
fn fence_text(events: &[Event], i: &mut usize) -> String {
    let mut text = String::new();
    *i += 1;
    while let Some(Event::Text(part)) = events.get(*i) {
        text.push_str(part);
        *i += 1;
    }
    text.strip_suffix('\n').unwrap_or(&text).to_string()
}

/// A shell block: one-line commands get a button that puts them at the terminal's prompt.
fn command_html(command: &str) -> String {
    let code = escape_html(command);
    if command.contains('\n') {
        return format!("<pre><code class=\"language-sh\">{code}</code></pre>\n");
    }
    format!(
        "<div class=\"command-block\"><pre><code class=\"language-sh\">{code}</code></pre>\
         <button type=\"button\" class=\"to-terminal\" data-command=\"{code}\">Paste into terminal</button></div>\n"
    )
}

/// Escapes text for HTML content and double-quoted attribute values.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn flush_prose(prose: &mut Vec<Event>, blocks: &mut Vec<Block>) {
    if prose.is_empty() {
        return;
    }
    let mut out = String::new();
    html::push_html(&mut out, prose.drain(..));
    blocks.push(Block::Prose(out));
}

fn is_playground(info: &str) -> bool {
    info.split_whitespace().any(|word| word == "playground")
}

/// The fence's file name (`js playground server.js`), `server.js` when none is given.
fn playground_filename(info: &str) -> String {
    info.split_whitespace()
        .skip(1)
        .find(|word| *word != "playground")
        .unwrap_or("server.js")
        .to_string()
}

/// The plain text of a heading, from the events after its start tag.
fn heading_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
    }
    text
}

/// `"Why it matters"` → `why-it-matters`, suffixed when an earlier section took the same anchor.
fn unique_slug(title: &str, taken: &[Section]) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let base = slug.trim_end_matches('-').to_string();
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.iter().any(|section| section.id == candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "---\nslug: demo\ntitle: Demo\nsummary: \"A short one.\"\n---\n\
        ## Why it matters\n\nSome *prose*.\n\n\
        ```js playground app.js\nconst a = 1;\n```\n\n\
        ## Why it matters\n\n```js\nnot runnable\n```\n\n\
        ```sh\ncurl -d '{\"a\":1}' localhost:3000\n```\n";

    #[test]
    fn front_matter_and_blocks() {
        let lesson = Lesson::parse(SMALL).unwrap();
        assert_eq!(
            (lesson.slug.as_str(), lesson.title.as_str()),
            ("demo", "Demo")
        );
        assert_eq!(lesson.summary, "A short one.");
        assert_eq!(lesson.blocks.len(), 3);
        assert!(matches!(&lesson.blocks[0], Block::Prose(html)
            if html.contains(r#"<h2 id="why-it-matters">"#) && html.contains("<em>prose</em>")));
        assert_eq!(
            lesson.blocks[1],
            Block::Playground(Example {
                filename: "app.js".into(),
                code: "const a = 1;".into()
            })
        );
        let Block::Prose(html) = &lesson.blocks[2] else {
            panic!("prose after the playground: {:?}", lesson.blocks[2]);
        };
        assert!(html.contains(r#"id="why-it-matters-2""#) && html.contains("not runnable"));
        assert!(
            html.contains(r#"data-command="curl -d &#39;{&quot;a&quot;:1}&#39; localhost:3000">"#),
            "{html}"
        );
    }

    #[test]
    fn slugs() {
        let cases = [
            ("Why it matters", "why-it-matters"),
            (
                "In-process vs. separate workers",
                "in-process-vs-separate-workers",
            ),
            ("res.json() and friends", "res-json-and-friends"),
        ];
        for (title, slug) in cases {
            assert_eq!(unique_slug(title, &[]), slug);
        }
    }

    #[test]
    fn table_cells_carry_their_column_heading() {
        let lesson = Lesson::parse(
            "---\nslug: t\ntitle: T\nsummary: S\n---\n| Call | What it does |\n| --- | --- |\n| `res.json()` | Sends *JSON* |\n",
        )
        .unwrap();
        let Block::Prose(html) = &lesson.blocks[0] else {
            panic!("one prose block: {:?}", lesson.blocks);
        };
        assert!(html.contains("<th>What it does</th>"), "{html}");
        assert!(
            html.contains(r#"<td data-label="Call"><code>res.json()</code></td><td data-label="What it does">Sends <em>JSON</em></td>"#),
            "{html}"
        );
    }

    #[test]
    fn rust_output_names_every_part() {
        let lesson = Lesson::parse(SMALL).unwrap();
        let code = to_rust(&lesson);
        assert!(code.starts_with("Lesson {"));
        assert!(code.contains(r#"slug: String::from("demo")"#));
        assert!(code.contains(r#"Section { id: String::from("why-it-matters-2")"#));
        assert!(code.contains(r#"code: String::from("const a = 1;")"#));
        assert!(
            code.contains(r#"<h2 id=\"why-it-matters\">"#),
            "quotes are escaped"
        );
    }

    #[test]
    fn broken_files_say_what_is_missing() {
        assert_eq!(
            Lesson::parse("# no front matter"),
            Err(LessonError::MissingFrontMatter)
        );
        assert_eq!(
            Lesson::parse("---\ntitle: T\nsummary: S\n---\nbody"),
            Err(LessonError::MissingField("slug"))
        );
    }
}
