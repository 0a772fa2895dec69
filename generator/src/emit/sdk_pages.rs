//! One page per tag, `docs/sdks/<tag>/README.md`: each operation of the tag
//! with a call example, its parameters, its response type and its errors.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::docs::markdown;
use super::example_code::Examples;
use super::pages::{cell, Site};
use crate::ir::{Api, Module, Operation, Paging, Status, StreamFormat, TypeRef};
use crate::naming;

/// The tag of an operation without one.
const DEFAULT_TAG: &str = "default";

/// The tags in the order the document first uses them, each with its
/// operations in document order. An operation with several tags is on each
/// tag's page.
pub fn tags(api: &Api) -> Vec<(&str, Vec<&Operation>)> {
    let mut tags: Vec<(&str, Vec<&Operation>)> = Vec::new();
    for op in &api.operations {
        let names: Vec<&str> = if op.tags.is_empty() {
            vec![DEFAULT_TAG]
        } else {
            op.tags.iter().map(String::as_str).collect()
        };
        for name in names {
            match tags.iter_mut().find(|(tag, _)| *tag == name) {
                Some((_, ops)) => ops.push(op),
                None => tags.push((name, vec![op])),
            }
        }
    }
    tags
}

/// Every tag's page, by path.
pub fn sdk_pages(api: &Api, site: &Site, examples: &Examples<'_>) -> BTreeMap<String, String> {
    let tags = tags(api);
    // A tag's page on a core of its own: a large API's tags hold thousands of
    // operations.
    let made: Vec<(String, String)> = tags
        .par_iter()
        .map(|(tag, operations)| tag_page(api, site, examples, tag, operations))
        .collect();
    let mut pages = BTreeMap::new();
    for (path, page) in made {
        // Two tags can share a folder name (`Pets` and `pets`); the first
        // keeps it, as in the document's order.
        pages.entry(path).or_insert(page);
    }
    pages
}

/// The page of `tag`, with its path.
fn tag_page(
    api: &Api,
    site: &Site,
    examples: &Examples<'_>,
    tag: &str,
    operations: &[&Operation],
) -> (String, String) {
    let path = naming::tag_page(tag);
    let from = path.trim_end_matches("/README.md").to_owned();
    let mut page = format!("# {tag}\n\n## Overview\n\n### Available Operations\n\n");
    for op in operations {
        let name = op.method_name.trim_start_matches("r#");
        let summary = op.summary.as_deref().map(str::trim).unwrap_or("");
        page.push_str(&format!("* [{name}](#{name})"));
        if !summary.is_empty() {
            page.push_str(&format!(" - {}", cell(summary)));
        }
        if op.deprecated {
            page.push_str(&format!(" {}", super::pages::DEPRECATED));
        }
        page.push('\n');
    }
    for op in operations {
        page.push('\n');
        page.push_str(&operation_section(api, op, site, examples, &from));
    }
    (path, page)
}

fn operation_section(
    api: &Api,
    op: &Operation,
    site: &Site,
    examples: &Examples<'_>,
    from: &str,
) -> String {
    let name = op.method_name.trim_start_matches("r#");
    let mut out = format!("## {name}\n\n");
    if let Some(summary) = op
        .summary
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        out.push_str(&format!("{}\n\n", cell(summary)));
    }
    if op.deprecated {
        out.push_str(&format!("{}\n\n", super::pages::DEPRECATED_NOTE));
    }
    out.push_str(&format!("`{} {}`\n\n", op.method.as_str(), op.path));
    if let Some(description) = op
        .description
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        // Headings in a description would break the page's outline.
        let text = markdown(description)
            .lines()
            .map(|line| {
                if line.starts_with('#') {
                    format!("\\{line}")
                } else {
                    line.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        out.push_str(&text);
        out.push_str("\n\n");
    }
    if let Some(note) = super::client::own_server_note(op) {
        out.push_str(&note);
        out.push_str("\n\n");
    }
    out.push_str(&stream_note(op, site, from));
    if let Some(example) = examples.call_example(op) {
        out.push_str("### Example Usage\n\n```rust,no_run\n");
        out.push_str(&example);
        out.push_str("\n```\n\n");
    }
    out.push_str("### Parameters\n\n");
    if op.takes_request() {
        let request = TypeRef::Named {
            module: Module::Operations,
            name: op.request_type.clone(),
        };
        out.push_str(&format!(
            "| Parameter | Type | Required | Description |\n| --------- | ---- | -------- | ----------- |\n\
             | `request` | {} | :heavy_check_mark: | The request object to use for the request. |\n\n",
            site.type_cell(&request, from)
        ));
    } else {
        out.push_str("None.\n\n");
    }
    let body = |ty: &Option<TypeRef>| {
        ty.as_ref()
            .map_or_else(|| "()".to_owned(), |t| site.type_cell(t, from))
    };
    let response = match &op.streaming {
        Some(streaming) if streaming.twin.is_none() => format!(
            "{}<{}>",
            stream_type(streaming.format),
            site.type_cell(&streaming.item, from)
        ),
        _ => format!("ApiResponse<{}>", body(&op.success)),
    };
    out.push_str(&format!(
        "### Response\n\n**Result<{response}, Error<{}>>**\n\n",
        body(&op.error)
    ));
    out.push_str(&errors_table(api, op, site, from));
    out
}

fn errors_table(api: &Api, op: &Operation, site: &Site, from: &str) -> String {
    let mut out = String::from(
        "### Errors\n\n| Error Type | Status Code | Content Type |\n| ---------- | ----------- | ------------ |\n",
    );
    let documented: Vec<String> = op
        .responses
        .iter()
        .filter(|r| !r.status.is_success())
        .map(|r| match r.status {
            Status::Code(code) => code.to_string(),
            Status::Range(hundreds) => format!("{hundreds}XX"),
            Status::Default => "default".to_owned(),
        })
        .collect();
    if !documented.is_empty() {
        let ty = op
            .error
            .as_ref()
            .map_or_else(|| "()".to_owned(), |t| site.type_cell(t, from));
        let content = if op.error.is_some() {
            "application/json"
        } else {
            "none"
        };
        out.push_str(&format!(
            "| `Error::Api` with {ty} | {} | {content} |\n",
            documented.join(", ")
        ));
    }
    out.push_str(
        "| `Error::UnexpectedStatus` | any other status | any |\n\
         | `Error::Decode` | a documented status whose body does not parse | application/json |\n\
         | `Error::BodyTooLarge` | a body above the client's limit | any |\n\
         | `Error::Transport` | no response (connection, TLS, timeout) | none |\n",
    );
    if api.needs_token(op) {
        out.push_str(
            "| `Error::Auth` | no access token (the token endpoint or provider failed) | none |\n",
        );
    }
    out
}

fn stream_type(format: StreamFormat) -> &'static str {
    match format {
        StreamFormat::ServerSentEvents => "EventStream",
        StreamFormat::JsonLines => "JsonLines",
    }
}

/// What an operation's pages or stream add to its section: the methods that
/// walk them.
fn stream_note(op: &Operation, site: &Site, from: &str) -> String {
    let name = op.method_name.trim_start_matches("r#");
    let mut out = String::new();
    if let Paging::Paged(pagination) = &op.paging {
        out.push_str(&format!(
            "Paged ({}): `{}(request)` streams every item of every page (each a {}), \
             `{}(request)` every whole page; pages are fetched one at a time, as the \
             stream is read.\n\n",
            pagination.source,
            pagination.stream_method,
            site.type_cell(&pagination.item, from),
            pagination.pages_method,
        ));
    }
    if let Some(streaming) = &op.streaming {
        let what = match streaming.format {
            StreamFormat::ServerSentEvents => "server-sent events",
            StreamFormat::JsonLines => "JSON lines",
        };
        match &streaming.twin {
            Some(twin) => out.push_str(&format!(
                "Streamed: `{twin}(request)` asks for the answer as {what} (`{}`) and \
                 returns them as they arrive ({}); `{name}` reads JSON.\n\n",
                streaming.media_type,
                stream_type(streaming.format),
            )),
            None => out.push_str(&format!(
                "Streamed: the answer is read as {what} as they arrive.\n\n"
            )),
        }
    }
    out
}
