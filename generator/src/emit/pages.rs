//! The markdown page of each type, in the layout of the reference pages in
//! `../shared/reference/`: `# Name`, a summary, `## Example Usage` with a Rust
//! block, and a `## Fields` table (Field, Type, Required, Description) whose
//! types link to their own pages. Enums get a `## Values` table instead.
//!
//! Component schemas are under `docs/models/`, operation types (requests,
//! inline bodies and responses) under `docs/models/operations/`, as the
//! reference pages' links assume.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::docs::markdown;
use super::example_code::Examples;
use crate::ir::{Api, Module, Operation, TypeDef, TypeKind, TypeRef};
use crate::naming;

/// Where each type's page is, and how to link to it from another page.
pub struct Site {
    pages: HashMap<(Module, String), String>,
}

impl Site {
    /// The pages of every type and request type of `api`.
    pub fn new(api: &Api) -> Self {
        let mut pages = HashMap::new();
        for module in [Module::Models, Module::Operations] {
            let mut names: Vec<&str> = Vec::new();
            if module == Module::Operations {
                names.extend(
                    api.operations
                        .iter()
                        .filter(|op| op.takes_request())
                        .map(|op| op.request_type.as_str()),
                );
            }
            names.extend(
                api.types
                    .iter()
                    .filter(|def| def.module == module)
                    .map(|def| def.name.as_str()),
            );
            for (name, file) in naming::page_files(names) {
                pages.insert(
                    (module, name.to_owned()),
                    format!("{}/{file}", naming::page_folder(module)),
                );
            }
        }
        Site { pages }
    }

    /// The page of a type, relative to the crate root.
    pub fn page(&self, module: Module, name: &str) -> Option<&str> {
        self.pages
            .get(&(module, name.to_owned()))
            .map(String::as_str)
    }

    /// A link to the page of a type from a page in folder `from` (relative to
    /// the crate root), in the reference pages' form: up to `docs/`, then down
    /// (`../../models/x.md` from `docs/models/operations/`).
    pub fn link(&self, from: &str, module: Module, name: &str) -> String {
        let page = self.page(module, name).unwrap_or_default();
        if from.is_empty() {
            return page.to_owned();
        }
        let up = from.split('/').count() - 1;
        format!("{}{}", "../".repeat(up), page.trim_start_matches("docs/"))
    }

    /// The Type cell of a field of type `ty` on a page in folder `from`:
    /// primitives in italics, named types as links, containers around them.
    pub fn type_cell(&self, ty: &TypeRef, from: &str) -> String {
        match ty {
            TypeRef::String => "*String*".to_owned(),
            TypeRef::Formatted(format) => format!("*{}*", format.rust_type()),
            TypeRef::Bool => "*bool*".to_owned(),
            TypeRef::I8 => "*i8*".to_owned(),
            TypeRef::I16 => "*i16*".to_owned(),
            TypeRef::I32 => "*i32*".to_owned(),
            TypeRef::I64 => "*i64*".to_owned(),
            TypeRef::U8 => "*u8*".to_owned(),
            TypeRef::U16 => "*u16*".to_owned(),
            TypeRef::U32 => "*u32*".to_owned(),
            TypeRef::U64 => "*u64*".to_owned(),
            TypeRef::F64 => "*f64*".to_owned(),
            TypeRef::Json => "*serde_json::Value*".to_owned(),
            TypeRef::Download => "*Download* (the body, read when asked)".to_owned(),
            TypeRef::Upload => "*Upload* (a file or bytes)".to_owned(),
            TypeRef::Named { module, name } => format!(
                "[{}::{name}]({})",
                super::module_ident(*module),
                self.link(from, *module, name)
            ),
            TypeRef::Vec(item) => format!("Vec<{}>", self.type_cell(item, from)),
            TypeRef::Map(value) => format!("BTreeMap<String, {}>", self.type_cell(value, from)),
            TypeRef::Nullable(inner) => format!("Option<{}>", self.type_cell(inner, from)),
            // The box only breaks a cycle of types; the page shows what it holds.
            TypeRef::Boxed(inner) => self.type_cell(inner, from),
        }
    }
}

/// Every type page and request type page, by path relative to the crate root.
pub fn type_pages(api: &Api, site: &Site, examples: &Examples<'_>) -> BTreeMap<String, String> {
    // Made on every core: a large API has thousands of pages.
    let requests = api
        .operations
        .par_iter()
        .filter(|op| op.takes_request())
        .filter_map(|op| {
            let path = site.page(Module::Operations, &op.request_type)?;
            Some((path.to_owned(), request_page(op, site, examples)))
        });
    let types = api.types.par_iter().filter_map(|def| {
        let path = site.page(def.module, &def.name)?;
        Some((path.to_owned(), type_page(def, site, examples)))
    });
    // Inserted in order, so that a later page of a path replaces an earlier
    // one as before.
    let made: Vec<(String, String)> = requests.chain(types).collect();
    let mut pages = BTreeMap::new();
    pages.extend(made);
    pages
}

/// One row of a Fields table.
struct Row<'r> {
    wire: &'r str,
    ty: &'r TypeRef,
    required: bool,
    doc: Option<&'r str>,
    deprecated: bool,
}

fn request_page(op: &Operation, site: &Site, examples: &Examples<'_>) -> String {
    let from = naming::page_folder(Module::Operations);
    let summary = format!(
        "The request of `{}`: `{} {}`.",
        op.method_name.trim_start_matches("r#"),
        op.method.as_str(),
        op.path
    );
    let mut rows: Vec<Row<'_>> = op
        .parameters
        .iter()
        .map(|p| Row {
            wire: &p.wire_name,
            ty: &p.ty,
            required: p.required,
            doc: p.doc.as_deref(),
            deprecated: p.deprecated,
        })
        .collect();
    if let Some(body) = &op.body {
        rows.push(Row {
            wire: &body.key,
            ty: &body.ty,
            required: body.required,
            doc: body.doc.as_deref(),
            deprecated: false,
        });
    }
    let mut page = head(
        &op.request_type,
        Some(&summary),
        examples.request_example(op),
    );
    page.push_str(&fields_table(&rows, site, from));
    page
}

fn type_page(def: &TypeDef, site: &Site, examples: &Examples<'_>) -> String {
    let from = naming::page_folder(def.module);
    let summary = def.doc.as_deref().and_then(first_line);
    let mut page = head(&def.name, summary.as_deref(), examples.type_example(def));
    if def.deprecated {
        page.push_str(&format!("{DEPRECATED_NOTE}\n\n"));
    }
    match &def.kind {
        TypeKind::Struct(body) => {
            let rows: Vec<Row<'_>> = body
                .fields
                .iter()
                .map(|f| Row {
                    wire: &f.wire_name,
                    ty: &f.ty,
                    required: f.required,
                    doc: f.doc.as_deref(),
                    deprecated: f.deprecated,
                })
                .collect();
            page.push_str(&fields_table(&rows, site, from));
            page.push_str(&format!(
                "\nProperties the schema does not list are kept in `{}`, a \
                 BTreeMap<String, {}>.\n",
                naming::ADDITIONAL_PROPERTIES_FIELD,
                site.type_cell(&body.additional, from)
            ));
        }
        TypeKind::Enum(values) => {
            // Values described one by one (a `oneOf` of enums) get a column
            // for what they mean.
            let described = values.variants.iter().any(|v| v.doc.is_some());
            page.push_str(if described {
                "## Values\n\n| Name | Value | Description |\n| ---- | ----- | ----------- |\n"
            } else {
                "## Values\n\n| Name | Value |\n| ---- | ----- |\n"
            });
            for variant in &values.variants {
                let description = match (&variant.doc, described) {
                    (_, false) => String::new(),
                    (Some(doc), true) => format!(" {} |", cell(&markdown(doc))),
                    (None, true) => " |".to_owned(),
                };
                page.push_str(&format!(
                    "| `{}` | `{}` |{description}\n",
                    variant.rust_name,
                    cell(&variant.wire_value)
                ));
            }
            let other = if described { " |" } else { "" };
            page.push_str(&format!(
                "| `{}(UnknownValue<String>)` | any other value |{other}\n",
                values.unknown_variant
            ));
        }
        TypeKind::IntEnum(values) => {
            page.push_str("## Values\n\n| Name | Value |\n| ---- | ----- |\n");
            for (variant, value) in &values.variants {
                page.push_str(&format!("| `{variant}` | `{value}` |\n"));
            }
            page.push_str(&format!(
                "| `{}(UnknownValue<i64>)` | any other value |\n",
                values.unknown_variant
            ));
        }
        TypeKind::Union(union) => {
            page.push_str("## Variants\n\n| Variant | Type |\n| ------- | ---- |\n");
            for variant in &union.variants {
                page.push_str(&format!(
                    "| `{}` | {} |\n",
                    variant.rust_name,
                    site.type_cell(&variant.ty, from)
                ));
            }
            page.push_str(&format!(
                "| `{}` | *UnknownValue<serde_json::Value>*: a value no alternative accepts |\n",
                union.unknown_variant
            ));
        }
        TypeKind::Statuses(variants) => {
            page.push_str(
                "## Variants\n\n| Variant | Status | Body |\n| ------- | ------ | ---- |\n",
            );
            for variant in variants {
                let body = match &variant.ty {
                    Some(ty) => site.type_cell(ty, from),
                    None => "none".to_owned(),
                };
                page.push_str(&format!(
                    "| `{}` | {} | {body} |\n",
                    variant.rust_name,
                    naming::status_key(variant.status)
                ));
            }
        }
        TypeKind::Alias(target) => {
            page.push_str(&format!(
                "## Type\n\nAnother name for {}.\n",
                site.type_cell(target, from)
            ));
        }
        TypeKind::External(path) => {
            page.push_str(&format!(
                "## Type\n\n`{path}`, the user's own type, used instead of a generated one \
                 (`replace` in `sdkgen.toml`).\n"
            ));
        }
    }
    page
}

/// The title, summary and example of a page.
fn head(name: &str, summary: Option<&str>, example: Option<String>) -> String {
    let mut page = format!("# {}\n\n", name.trim_start_matches("r#"));
    if let Some(summary) = summary {
        page.push_str(summary);
        page.push_str("\n\n");
    }
    if let Some(example) = example {
        page.push_str("## Example Usage\n\n```rust\n");
        page.push_str(&example);
        page.push_str("\n```\n\n");
    }
    page
}

/// How a deprecated field, operation or type is marked in a page.
pub const DEPRECATED: &str = ":warning: **Deprecated.**";

/// The paragraph under the heading of a deprecated operation or type.
pub const DEPRECATED_NOTE: &str =
    "> :warning: **Deprecated** by the API: it may be removed in a later version.";

fn fields_table(rows: &[Row<'_>], site: &Site, from: &str) -> String {
    let mut table =
        String::from("## Fields\n\n| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |\n");
    for row in rows {
        let required = if row.required {
            ":heavy_check_mark:"
        } else {
            ":heavy_minus_sign:"
        };
        let mut doc = row
            .doc
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map_or_else(|| "N/A".to_owned(), cell);
        if row.deprecated {
            doc = format!("{DEPRECATED} {doc}");
        }
        table.push_str(&format!(
            "| `{}` | {} | {required} | {doc} |\n",
            row.wire,
            site.type_cell(row.ty, from)
        ));
    }
    table
}

/// Text for a table cell: one line, line breaks as `<br/>` (as the reference
/// pages keep them), `|` escaped.
pub fn cell(text: &str) -> String {
    text.trim()
        .replace("\r\n", "\n")
        .replace('|', "\\|")
        .replace('\n', "<br/>")
}

/// The first line of a description, as the page's summary; `None` when it
/// starts with something that is no sentence (a fence, a heading, a table).
fn first_line(doc: &str) -> Option<String> {
    let cleaned = markdown(doc);
    let line = cleaned.lines().map(str::trim).find(|l| !l.is_empty())?;
    let prose = !(line.starts_with("```") || line.starts_with('#') || line.starts_with('|'));
    prose.then(|| line.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_line_breaks_as_br() {
        assert_eq!(cell("one\ntwo | three\n"), "one<br/>two \\| three");
    }

    #[test]
    fn summaries_are_prose() {
        assert_eq!(first_line("\nA pet.\nMore."), Some("A pet.".to_owned()));
        assert_eq!(first_line("```\ncode\n```"), None);
    }
}
