//! Spec descriptions made safe for rustdoc's default lints, so that
//! `RUSTDOCFLAGS="-D warnings" cargo doc` passes on every generated crate.
//!
//! Descriptions are markdown written for other renderers, often with HTML from
//! Javadoc. The text is parsed with pulldown-cmark, the parser rustdoc itself
//! uses, and only the places rustdoc would warn about are rewritten:
//! - `[word]` that is no link (rustdoc would try it as an intra-doc link) gets
//!   its brackets escaped;
//! - a bare URL becomes an autolink, `<https://…>`;
//! - HTML becomes markdown where there is an equivalent (`<b>`, `<i>`, `<code>`,
//!   `<a href>`), disappears where it only shapes the page (`<p>`, lists), and
//!   is escaped otherwise, so no tag is left open or unopened; `<br>` stays;
//! - an indented code block (which rustdoc would compile as a doctest) becomes
//!   a fenced `text` block.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// `text` rewritten where rustdoc would warn; the rest is left as written.
pub fn for_rustdoc(text: &str) -> String {
    if is_plain(text) {
        text.to_owned()
    } else {
        rewrite(text)
    }
}

/// The rewrite itself, on any text.
fn rewrite(text: &str) -> String {
    let mut text = join_split_tags(text);
    // A rewrite can reveal another problem (escaped HTML shows a bare URL), so
    // the text is read again until nothing changes; three rounds are plenty.
    for _ in 0..4 {
        let edits = edits(&text);
        if edits.is_empty() {
            break;
        }
        text = apply(&text, edits);
    }
    text
}

/// Whether `text` holds nothing this module rewrites, so that parsing it can
/// be skipped: most descriptions are a plain sentence. Every rewrite needs one
/// of these: `[` (a broken link), `<` (HTML), `http` (a bare URL), or blanks
/// that can start an indented code block: a line that starts with them, or
/// four after a list or quote marker (`-     code`).
fn is_plain(text: &str) -> bool {
    !text.contains(['[', '<', '\t'])
        && !text.contains("http")
        && !text.contains("    ")
        && !text.lines().any(|line| line.starts_with(' '))
}

/// The parser options rustdoc uses.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// A replacement of a byte range of the text.
#[derive(Debug)]
struct Edit {
    range: Range<usize>,
    with: String,
}

fn edits(text: &str) -> Vec<Edit> {
    let mut broken: Vec<Range<usize>> = Vec::new();
    let mut edits = Vec::new();
    {
        let callback = |link: pulldown_cmark::BrokenLink<'_>| {
            broken.push(link.span);
            None
        };
        let parser = Parser::new_with_broken_link_callback(text, options(), Some(callback));
        let mut in_link = 0usize;
        let mut indented: Option<Range<usize>> = None;
        let mut hrefs: Vec<Option<String>> = Vec::new();
        for (event, range) in parser.into_offset_iter() {
            match event {
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => in_link += 1,
                Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
                // The block's own range is empty here; its text events
                // give the lines it spans.
                Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => {
                    indented = Some(range.start..range.start);
                }
                Event::Text(_) if indented.is_some() => {
                    if let Some(block) = &mut indented {
                        if block.start == block.end {
                            block.start = range.start;
                        }
                        block.end = range.end;
                    }
                }
                Event::End(TagEnd::CodeBlock) => {
                    if let Some(block) = indented.take() {
                        let start = text[..block.start].rfind('\n').map_or(0, |n| n + 1);
                        edits.push(Edit {
                            with: fenced(&text[start..block.end]),
                            range: start..block.end,
                        });
                    }
                }
                Event::Text(_) if in_link == 0 => bare_urls(text, range, &mut edits),
                Event::InlineHtml(_) | Event::Html(_) => {
                    html(text, range, &mut hrefs, &mut edits);
                }
                _ => {}
            }
        }
    }
    for span in broken {
        for (offset, c) in text[span.clone()].char_indices() {
            let at = span.start + offset;
            let escaped = at > 0 && text.as_bytes()[at - 1] == b'\\';
            if (c == '[' || c == ']') && !escaped {
                edits.push(Edit {
                    range: at..at,
                    with: "\\".to_owned(),
                });
            }
        }
    }
    edits
}

/// Applies non-overlapping edits; an edit that overlaps an earlier one waits
/// for the next round.
fn apply(text: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len() + 16 * edits.len());
    let mut done = 0;
    for edit in edits {
        if edit.range.start < done {
            continue;
        }
        out.push_str(&text[done..edit.range.start]);
        out.push_str(&edit.with);
        done = edit.range.end;
    }
    out.push_str(&text[done..]);
    out
}

/// An indented code block as a fenced `text` block.
fn fenced(block: &str) -> String {
    let lines: Vec<&str> = block.lines().collect();
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out = String::from("```text\n");
    for line in lines {
        out.push_str(line.get(indent..).unwrap_or("").trim_end());
        out.push('\n');
    }
    out.push_str("```\n");
    out
}

/// Autolinks for the URLs in a text range, as rustdoc's `bare_urls` lint asks.
fn bare_urls(text: &str, range: Range<usize>, edits: &mut Vec<Edit>) {
    let slice = &text[range.clone()];
    let mut from = 0;
    while let Some(found) = ["https://", "http://"]
        .iter()
        .filter_map(|scheme| slice[from..].find(scheme))
        .min()
    {
        let start = from + found;
        let rest = &slice[start..];
        let mut end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | '`'))
            .unwrap_or(rest.len());
        // Sentence punctuation after a URL is not part of it; a `)` is, when
        // the URL opened one.
        while end > 0 {
            let last = rest[..end].chars().last().unwrap_or(' ');
            let unbalanced =
                last == ')' && rest[..end].matches('(').count() < rest[..end].matches(')').count();
            if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '*' | '_') || unbalanced {
                end -= last.len_utf8();
            } else {
                break;
            }
        }
        let url = &rest[..end];
        if url.len() > "https://".len() {
            let at = range.start + start;
            edits.push(Edit {
                range: at..at + end,
                with: format!("<{url}>"),
            });
        }
        from = start + end.max(1);
    }
}

/// Rewrites one HTML tag (inline) or each tag of a line of an HTML block.
fn html(text: &str, range: Range<usize>, hrefs: &mut Vec<Option<String>>, edits: &mut Vec<Edit>) {
    let slice = &text[range.clone()];
    let mut from = 0;
    while let Some(open) = slice[from..].find('<') {
        let start = from + open;
        let Some(close) = slice[start..].find('>') else {
            // A tag cut off: escape its `<`.
            edits.push(escape_at(range.start + start));
            break;
        };
        let end = start + close + 1;
        let tag = &slice[start..end];
        let at = range.start + start..range.start + end;
        if let Some(with) = rewrite_tag(tag, hrefs) {
            edits.push(Edit { range: at, with });
        }
        from = end;
    }
}

fn escape_at(at: usize) -> Edit {
    Edit {
        range: at..at + 1,
        with: "&lt;".to_owned(),
    }
}

/// What a tag becomes: `None` to keep it (`<br>`), else its replacement.
fn rewrite_tag(tag: &str, hrefs: &mut Vec<Option<String>>) -> Option<String> {
    let inner = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let closing = inner.starts_with('/');
    let name: String = inner
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let replacement = match (name.as_str(), closing) {
        ("br", _) => return None,
        ("b" | "strong", _) => "**".to_owned(),
        ("i" | "em", _) => "*".to_owned(),
        ("code" | "tt", _) => "`".to_owned(),
        (
            "p" | "ul" | "ol" | "li" | "div" | "span" | "dl" | "dt" | "dd" | "details" | "summary",
            _,
        ) => String::new(),
        ("a", false) => {
            let href = attribute(inner, "href");
            let opened = if href.is_some() { "[" } else { "" };
            hrefs.push(href);
            opened.to_owned()
        }
        ("a", true) => match hrefs.pop() {
            Some(Some(href)) => format!("]({href})"),
            _ => String::new(),
        },
        // Anything else (`<digits>`, `<token>`, an unknown tag) was text.
        _ => format!("&lt;{}", &tag[1..]),
    };
    Some(replacement)
}

/// The value of `name="…"` (or `'…'`) in a tag's text.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let rest = &tag[at..];
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    let end = value.find(quote)?;
    Some(value[..end].trim().to_owned())
        .filter(|v| !v.is_empty() && !v.contains(char::is_whitespace))
}

/// Javadoc-style HTML often breaks a tag across lines (`<a href="…"` then
/// `>text</a>` on the next line), and markdown reads a line that starts with
/// `>` as a block quote. Such a line break inside a tag becomes a space.
fn join_split_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    let mut newlines_in_tag = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' if chars.peek().is_some_and(|n| n.is_ascii_alphabetic()) => {
                in_tag = true;
                newlines_in_tag = 0;
            }
            '>' => in_tag = false,
            '\n' if in_tag => {
                newlines_in_tag += 1;
                if newlines_in_tag == 1 && chars.peek() == Some(&'>') {
                    out.push(' ');
                    continue;
                }
                in_tag = false;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Pieces of markdown, plain and marked, to write descriptions from.
    const PIECES: &[&str] = &[
        "word",
        "x",
        " ",
        "\n",
        "\n\n",
        "- ",
        "1. ",
        "> ",
        "# ",
        "* ",
        "```",
        "`code`",
        "[a]",
        "[a](b)",
        "]",
        "<b>",
        "</b>",
        "<",
        "https://x.y/z",
        "http",
        "    ",
        "\t",
        "_",
        "\\_",
        "*",
        "|",
        "&amp;",
        ".",
        ":",
        "(",
        ")",
    ];

    proptest! {
        /// The shortcut for plain text gives what the rewrite would.
        #[test]
        fn plain_text_needs_no_rewrite(
            pieces in prop::collection::vec(prop::sample::select(PIECES), 0..16)
        ) {
            let text = pieces.concat();
            let text = text.trim();
            if is_plain(text) {
                prop_assert_eq!(rewrite(text), text);
            }
        }
    }

    #[test]
    fn text_with_a_mark_is_not_plain() {
        let pairs = [
            ("[x]", "x]"),
            ("a <b>", "a b>"),
            ("see https://x.y", "see s://x.y"),
            ("a\n    code", "a\ncode"),
            ("\tx", "x"),
            ("-     x", "- x"),
        ];
        for (marked, plain) in pairs {
            assert!(!is_plain(marked), "{marked:?}");
            assert!(is_plain(plain), "{plain:?}");
        }
    }

    #[test]
    fn brackets_that_are_no_links_are_escaped() {
        assert_eq!(
            for_rustdoc("See [JWA] and [RFC](https://x.org)."),
            "See \\[JWA\\] and [RFC](https://x.org)."
        );
        assert_eq!(
            for_rustdoc("Defaults to [ \"@method\" ]."),
            "Defaults to \\[ \"@method\" \\]."
        );
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            for_rustdoc("More info: https://kubernetes.io/docs/x#y."),
            "More info: <https://kubernetes.io/docs/x#y>."
        );
        assert_eq!(
            for_rustdoc("(see http://a.b/c(d))"),
            "(see <http://a.b/c(d)>)"
        );
        assert_eq!(
            for_rustdoc("`https://in.code` <https://auto.link>"),
            "`https://in.code` <https://auto.link>"
        );
    }

    #[test]
    fn html_becomes_markdown_or_text() {
        assert_eq!(
            for_rustdoc("<p>A <b>bold</b> <code>x</code> and <digits> here.</p>"),
            "A **bold** `x` and &lt;digits> here."
        );
        assert_eq!(
            for_rustdoc("Read <a href=\"https://x.org/spec\"\n>the spec</a>."),
            "Read [the spec](https://x.org/spec)."
        );
        assert_eq!(for_rustdoc("one<br/>two"), "one<br/>two");
        assert_eq!(for_rustdoc("stray</a> end"), "stray end");
    }

    #[test]
    fn indented_code_becomes_a_text_fence() {
        assert_eq!(
            for_rustdoc("Example:\n\n    GET /x\n      Host: y\n\nafter"),
            "Example:\n\n```text\nGET /x\n  Host: y\n```\n\nafter"
        );
    }
}
