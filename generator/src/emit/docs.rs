//! Spec descriptions to rustdoc attributes.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = …]` attributes for `text`, one per line, cleaned for rustdoc:
/// fenced code blocks without a language are marked `text` so that they are
/// never run as doctests, and markdown-escaped underscores (`\_`) are unescaped.
pub fn doc_attrs(text: &str) -> TokenStream {
    let lines = clean(text);
    quote! { #(#[doc = #lines])* }
}

/// As `doc_attrs`, as inner attributes (`#![doc = …]`) for a file's own docs.
pub fn inner_doc_attrs(text: &str) -> TokenStream {
    let lines = clean(text);
    quote! { #(#![doc = #lines])* }
}

/// `text` cleaned as for rustdoc, as markdown text (for the generated pages,
/// which are doctests too).
pub fn markdown(text: &str) -> String {
    clean(text)
        .iter()
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The spec's text, or `fallback` when it has none or only blanks.
pub fn text_or(text: Option<&str>, fallback: String) -> String {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map_or(fallback, str::to_owned)
}

/// `doc_attrs` of `text`, or of `fallback` when the spec gives no text.
pub fn doc_or(text: Option<&str>, fallback: &str) -> TokenStream {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => doc_attrs(text),
        None => doc_attrs(fallback),
    }
}

/// Markdown that a line leaves open for the next one to continue lazily.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    /// A list item whose text starts at this column.
    ListItem(usize),
    Quote,
}

/// The lines of a doc comment, each with the leading space rustdoc expects.
///
/// Markdown lets a line continue the list item or block quote above it without
/// being indented or marked ("lazy continuation"), or indented further than the
/// item's text; clippy asks for neither, so such lines are indented exactly to
/// the item's text or given `> `, which renders the same. Tabs become four
/// spaces.
fn clean(text: &str) -> Vec<String> {
    let text = super::rustdoc::for_rustdoc(text.trim());
    let mut in_fence = false;
    let mut open = Open::Nothing;
    let mut lines = Vec::new();
    for line in text.trim().lines() {
        let line = line.trim_end().replace('\t', "    ");
        let trimmed = line.trim_start();
        if let Some(info) = trimmed.strip_prefix("```") {
            // A fence inside a list item leaves the item open after it.
            let opening = !in_fence;
            in_fence = !in_fence;
            if opening && info.trim().is_empty() {
                lines.push(format!(" {line}text"));
            } else {
                lines.push(format!(" {line}"));
            }
            continue;
        }
        if in_fence {
            lines.push(format!(" {line}"));
            continue;
        }
        let line = line.replace("\\_", "_");
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim_start();
        let out = if trimmed.is_empty() {
            open = Open::Nothing;
            String::new()
        } else if let Some(marker) = list_marker(trimmed) {
            open = Open::ListItem(indent + marker);
            line
        } else if indent < 4 && trimmed.starts_with('>') {
            open = Open::Quote;
            line
        } else if starts_block(trimmed) {
            open = Open::Nothing;
            line
        } else {
            match open {
                // A paragraph line can neither start a code block nor leave the
                // item by its indentation, so it is written at the item's column.
                Open::ListItem(column) if indent != column => {
                    format!("{}{trimmed}", " ".repeat(column))
                }
                Open::Quote => format!("> {trimmed}"),
                _ => line,
            }
        };
        lines.push(format!(" {out}"));
    }
    if in_fence {
        // An unclosed fence would swallow the rest of the item's docs.
        lines.push(" ```".to_owned());
    }
    // Aligning continuations can leave a line indented enough to read as a
    // code block (after a fence that closed a list item, for one): read the
    // result once more as rustdoc will.
    let joined: Vec<&str> = lines
        .iter()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect();
    let again = super::rustdoc::for_rustdoc(&joined.join("\n"));
    again.lines().map(|l| format!(" {l}")).collect()
}

/// Where the text of a list item starts, counted from the marker (`- `,
/// `*   `, `1. `, `2) `) at the start of `line`: the marker and the one to four
/// spaces after it (more than four leave one, the rest being an indented
/// code block).
fn list_marker(line: &str) -> Option<usize> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match line.as_bytes().get(digits) {
        Some(b'-' | b'*' | b'+') if digits == 0 => 1,
        Some(b'.' | b')') if (1..10).contains(&digits) => digits + 1,
        _ => return None,
    };
    let spaces = line[marker..].bytes().take_while(|b| *b == b' ').count();
    match spaces {
        0 => None,
        1..=4 => Some(marker + spaces),
        _ => Some(marker + 1),
    }
}

/// Lines that start a block of their own rather than continue a paragraph:
/// ATX headings (`#` to `######` and a space). A `|` or `<` line right after a
/// paragraph is read as more of the paragraph.
fn starts_block(line: &str) -> bool {
    let hashes = line.bytes().take_while(|b| *b == b'#').count();
    (1..=6).contains(&hashes) && line[hashes..].chars().next().is_none_or(|c| c == ' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_fences_become_text_and_escapes_go() {
        let lines = clean("Call it:\n```\ncurl -X\n```\nwith `INVALID\\_TARGET`.");
        assert_eq!(
            lines,
            [
                " Call it:",
                " ```text",
                " curl -X",
                " ```",
                " with `INVALID_TARGET`."
            ]
        );
    }

    #[test]
    fn lazy_continuations_are_written_out() {
        let lines = clean(
            "- item one\ncontinued\n1. numbered\n  more\n> quoted\nstill quoted\n\nafter\tthe list",
        );
        assert_eq!(
            lines,
            [
                " - item one",
                "   continued",
                " 1. numbered",
                "    more",
                " > quoted",
                " > still quoted",
                " ",
                " after    the list"
            ]
        );
    }

    #[test]
    fn list_text_starts_after_the_marker_spaces() {
        assert_eq!(clean("*   wide\nmore"), [" *   wide", "     more"]);
        assert_eq!(list_marker("10. x"), Some(4));
        assert_eq!(list_marker("-x"), None);
        assert_eq!(list_marker("**bold**"), None);
    }

    #[test]
    fn overindented_continuations_align_with_the_item() {
        assert_eq!(clean("1. first\n     more"), [" 1. first", "    more"]);
    }

    #[test]
    fn headings_end_a_list_item() {
        assert_eq!(clean("- a\n## Next"), [" - a", " ## Next"]);
        assert_eq!(clean("- a\n#method"), [" - a", "   #method"]);
        assert_eq!(clean("> a\n|"), [" > a", " > |"]);
    }

    #[test]
    fn a_fence_inside_a_list_item_keeps_it_open() {
        assert_eq!(
            clean("- a\n  ```json\n  {}\n  ```\nmore"),
            [" - a", "   ```json", "   {}", "   ```", "   more"]
        );
    }

    #[test]
    fn blank_text_falls_back() {
        assert_eq!(text_or(Some("  \n"), "fallback".into()), "fallback");
        assert_eq!(text_or(None, "fallback".into()), "fallback");
        assert_eq!(text_or(Some(" spec "), "fallback".into()), "spec");
    }

    #[test]
    fn unclosed_fence_is_closed() {
        assert_eq!(
            clean("```rust\nlet x = 1;"),
            [" ```rust", " let x = 1;", " ```"]
        );
    }
}
