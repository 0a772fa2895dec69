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

/// `doc_attrs` of `text`, or of `fallback` when the spec gives no text.
pub fn doc_or(text: Option<&str>, fallback: &str) -> TokenStream {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => doc_attrs(text),
        None => doc_attrs(fallback),
    }
}

/// The lines of a doc comment, each with the leading space rustdoc expects.
fn clean(text: &str) -> Vec<String> {
    let mut in_fence = false;
    let mut lines: Vec<String> = text
        .trim()
        .lines()
        .map(|line| {
            let line = line.trim_end();
            let trimmed = line.trim_start();
            if let Some(info) = trimmed.strip_prefix("```") {
                let opening = !in_fence;
                in_fence = !in_fence;
                if opening && info.trim().is_empty() {
                    return format!(" {line}text");
                }
                return format!(" {line}");
            }
            if in_fence {
                format!(" {line}")
            } else {
                format!(" {}", line.replace("\\_", "_"))
            }
        })
        .collect();
    if in_fence {
        // An unclosed fence would swallow the rest of the item's docs.
        lines.push(" ```".to_owned());
    }
    lines
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
    fn unclosed_fence_is_closed() {
        assert_eq!(
            clean("```rust\nlet x = 1;"),
            [" ```rust", " let x = 1;", " ```"]
        );
    }
}
