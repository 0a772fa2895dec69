//! Which operations return their results in pages, and how the next page is
//! asked for: read from the spec with no configuration where its shape says
//! enough (a `Link` response header, a cursor, `has_more`, offsets, page
//! numbers, Dropshot's extension), or from our `x-pagination` extension.
//! A shape that looks paged but is ambiguous is left alone with a note,
//! never guessed.

use openapiv3::Operation as OaOperation;

use super::Resolver;
use crate::error::Result;
use crate::ir::{
    FieldStep, Operation, PageKind, PageSize, Pagination, Paging, ParameterLocation, TypeDef,
    TypeKind, TypeRef,
};
use crate::naming::{self, Scope};

/// Query parameters that take a cursor from the last page.
const CURSOR_PARAMETERS: &[&str] = &[
    "cursor",
    "page_token",
    "pagetoken",
    "next_token",
    "nexttoken",
    "continuation_token",
    "continuationtoken",
    "continuation",
    "after",
    "next",
    "marker",
    "page_cursor",
    "starting_token",
];

/// Body fields (at the top, or one object down) that hold the next cursor.
const NEXT_FIELDS: &[&str] = &[
    "next_cursor",
    "nextcursor",
    "next_page_token",
    "nextpagetoken",
    "next_token",
    "nexttoken",
    "next_page",
    "nextpage",
    "next",
    "cursor",
    "next_marker",
    "nextmarker",
    "continuation_token",
    "continuationtoken",
    "continuation",
    "after",
    "end_cursor",
    "endcursor",
];

/// Query parameters that take the last item's id.
const AFTER_PARAMETERS: &[&str] = &["starting_after", "after", "after_id"];

/// Query parameters of an offset, and of the end of a window beside it.
const OFFSET_PARAMETERS: &[&str] = &["offset", "start", "skip"];
const END_PARAMETERS: &[&str] = &["end"];

/// Query parameters of a page number.
const PAGE_PARAMETERS: &[&str] = &["page", "page_number", "pagenumber", "page_num"];

/// Query parameters of a page size.
const SIZE_PARAMETERS: &[&str] = &[
    "per_page",
    "perpage",
    "page_size",
    "pagesize",
    "limit",
    "size",
    "count",
    "max_results",
    "maxresults",
    "top",
];

/// Body fields of the total count of items.
const TOTAL_FIELDS: &[&str] = &[
    "total",
    "total_count",
    "totalcount",
    "total_results",
    "totalresults",
    "total_items",
    "totalitems",
];

/// What the spec says, before the methods are named.
type Found = std::result::Result<Option<(PageKind, Vec<FieldStep>, TypeRef, String)>, String>;

impl Resolver<'_> {
    /// How `op` is paged: our `x-pagination` extension when it has one
    /// (a mistake in it is an error), else what its shape shows.
    pub(super) fn paging(
        &mut self,
        op: &Operation,
        source: &OaOperation,
        method_names: &mut Scope,
    ) -> Result<Paging> {
        let shapes = Shapes { types: &self.types };
        let found = match source.extensions.get("x-pagination") {
            Some(extension) => {
                let at = format!("{}/x-pagination", op.origin);
                match shapes.explicit(op, extension) {
                    Ok(found) => Ok(Some(found)),
                    Err(message) => return Err(self.error(at, message)),
                }
            }
            None => shapes.detect(op, source),
        };
        Ok(match found {
            Ok(Some((kind, items, item, source))) => Paging::Paged(Pagination {
                kind,
                items,
                item,
                stream_method: method_names.claim(naming::stream_method_name(&op.method_name)),
                pages_method: method_names.claim(naming::pages_method_name(&op.method_name)),
                source,
            }),
            Ok(None) => Paging::Single,
            Err(why) => Paging::Unclear(why),
        })
    }
}

/// The types resolved so far, to look into response bodies.
struct Shapes<'t> {
    types: &'t [TypeDef],
}

impl Shapes<'_> {
    /// The named type `ty` refers to, through `Box`, `Option` and aliases.
    fn def(&self, ty: &TypeRef) -> Option<&TypeDef> {
        let TypeRef::Named { module, name } = ty.unwrapped() else {
            return None;
        };
        let def = self
            .types
            .iter()
            .find(|d| d.module == *module && d.name == *name)?;
        match &def.kind {
            TypeKind::Alias(target) if matches!(target.unwrapped(), TypeRef::Named { .. }) => {
                self.def(target)
            }
            _ => Some(def),
        }
    }

    /// The list type `ty` is, through `Box`, `Option` and aliases.
    fn list_item<'a>(&'a self, ty: &'a TypeRef) -> Option<&'a TypeRef> {
        match ty.unwrapped() {
            TypeRef::Vec(item) => Some(item),
            named @ TypeRef::Named { .. } => match &self.def(named)?.kind {
                TypeKind::Alias(target) => self.list_item(target),
                _ => None,
            },
            _ => None,
        }
    }

    /// The fields of the object `ty` is, if it is one.
    fn fields(&self, ty: &TypeRef) -> Option<&[crate::ir::Field]> {
        match &self.def(ty)?.kind {
            TypeKind::Struct(body) => Some(&body.fields),
            _ => None,
        }
    }

    /// The field of `ty` whose wire name, lowercased, is in `names` (the
    /// first name that matches wins), with its type.
    fn field_named<'a>(&'a self, ty: &TypeRef, names: &[&str]) -> Option<(FieldStep, &'a TypeRef)> {
        let fields = self.fields(ty)?;
        names.iter().find_map(|name| {
            let field = fields
                .iter()
                .find(|f| f.wire_name.eq_ignore_ascii_case(name))?;
            Some((step(field), &field.ty))
        })
    }

    /// The field path of the dotted wire names `path` inside `ty`, with the
    /// last field's type.
    fn path<'a>(&'a self, ty: &'a TypeRef, path: &str) -> Option<(Vec<FieldStep>, &'a TypeRef)> {
        let mut steps = Vec::new();
        let mut current = ty;
        for name in path.split('.').filter(|n| !n.is_empty()) {
            let field = self.fields(current)?.iter().find(|f| f.wire_name == name)?;
            steps.push(step(field));
            current = &field.ty;
        }
        Some((steps, current))
    }

    /// Where the items of a page are: the body when it is a list, else its
    /// one list field.
    fn items(&self, body: &TypeRef) -> std::result::Result<(Vec<FieldStep>, TypeRef), String> {
        if let Some(item) = self.list_item(body) {
            return Ok((Vec::new(), item.clone()));
        }
        let Some(fields) = self.fields(body) else {
            return Err("its success body is neither a list nor an object".to_owned());
        };
        let lists: Vec<_> = fields
            .iter()
            .filter_map(|f| Some((f, self.list_item(&f.ty)?)))
            .collect();
        match lists.as_slice() {
            [(field, item)] => Ok((vec![step(field)], (*item).clone())),
            [] => Err("its success body holds no list of items".to_owned()),
            _ => Err(format!(
                "its success body holds {} lists ({}): which are the items is not clear",
                lists.len(),
                lists
                    .iter()
                    .map(|(f, _)| format!("`{}`", f.wire_name))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    /// What the shape of `op` shows. `Err` is why a paged-looking operation
    /// is left alone.
    fn detect(&self, op: &Operation, source: &OaOperation) -> Found {
        let query = |names: &[&str]| query_parameter(op, names);
        let success = op.success.as_ref();
        let has_link = op
            .responses
            .iter()
            .filter(|r| r.status.is_success())
            .any(|r| r.headers.iter().any(|h| h.eq_ignore_ascii_case("link")));
        let dropshot = source.extensions.get("x-dropshot-pagination");
        let cursor = query(CURSOR_PARAMETERS).filter(|&i| is_optional_string(op, i));
        let after = query(AFTER_PARAMETERS).filter(|&i| is_optional_string(op, i));
        let offset = query(OFFSET_PARAMETERS).filter(|&i| is_integer(&op.parameters[i].ty));
        let page = query(PAGE_PARAMETERS).filter(|&i| is_integer(&op.parameters[i].ty));
        if dropshot.is_none()
            && !has_link
            && cursor.is_none()
            && after.is_none()
            && offset.is_none()
            && page.is_none()
        {
            return Ok(None);
        }
        if op.streaming.as_ref().is_some_and(|s| s.twin.is_none()) {
            return Err("it answers a stream".to_owned());
        }
        let Some(body) = success.filter(|ty| !self.is_statuses(ty)) else {
            return Err("its success responses differ by status".to_owned());
        };
        let (items, item) = self.items(body)?;
        if let Some(extension) = dropshot {
            let cursor = query(&["page_token"]).ok_or("it has no `page_token` parameter")?;
            let (next, ty) = self
                .field_named(body, &["next_page"])
                .ok_or("its body has no `next_page` field")?;
            if !is_string(ty) {
                return Err("its `next_page` is not a string".to_owned());
            }
            // Dropshot refuses scan parameters beside a page token: every
            // optional query parameter but the limit and those the extension
            // lists as required goes.
            let required: Vec<&str> = extension
                .get("required")
                .and_then(|r| r.as_array())
                .map(|r| r.iter().filter_map(|v| v.as_str()).collect())
                .unwrap_or_default();
            let reset = (0..op.parameters.len())
                .filter(|&i| {
                    let p = &op.parameters[i];
                    p.location == ParameterLocation::Query
                        && !p.required
                        && i != cursor
                        && p.wire_name != "limit"
                        && !required.contains(&p.wire_name.as_str())
                })
                .collect();
            let kind = PageKind::Cursor {
                parameter: cursor,
                next: vec![next],
                reset,
            };
            return Ok(Some((
                kind,
                items,
                item,
                "x-dropshot-pagination".to_owned(),
            )));
        }
        if has_link {
            return Ok(Some((
                PageKind::Link,
                items,
                item,
                "Link header".to_owned(),
            )));
        }
        if let Some(parameter) = after {
            if let Some((has_more, ty)) = self.field_named(body, &["has_more", "hasmore"]) {
                if !matches!(ty.unwrapped(), TypeRef::Bool) {
                    return Err("its `has_more` is not a boolean".to_owned());
                }
                let (id, id_ty) = self
                    .field_named(&item, &["id"])
                    .ok_or("its items have no `id` to start after")?;
                if !is_string(id_ty) {
                    return Err("its items' `id` is not a string".to_owned());
                }
                let kind = PageKind::AfterId {
                    parameter,
                    has_more: vec![has_more],
                    id,
                };
                return Ok(Some((kind, items, item, "has_more".to_owned())));
            }
        }
        if let Some(parameter) = cursor.or(after) {
            let next = self.next_cursor(body).ok_or_else(|| {
                format!(
                    "it takes a cursor (`{}`) but its body has no next cursor",
                    op.parameters[parameter].wire_name
                )
            })?;
            let kind = PageKind::Cursor {
                parameter,
                next,
                reset: Vec::new(),
            };
            return Ok(Some((kind, items, item, "cursor".to_owned())));
        }
        let size = query(SIZE_PARAMETERS)
            .filter(|&i| is_integer(&op.parameters[i].ty))
            .map(|i| page_size(op, i));
        let total = self.total(body);
        if let Some(parameter) = offset {
            let end = query(END_PARAMETERS).filter(|&i| is_integer(&op.parameters[i].ty));
            let kind = PageKind::Offset {
                parameter,
                end,
                size,
                total,
            };
            return Ok(Some((kind, items, item, "offset".to_owned())));
        }
        if let Some(parameter) = page {
            let p = &op.parameters[parameter];
            let first = p
                .default
                .as_ref()
                .and_then(serde_json::Value::as_i64)
                .or_else(|| p.hints.minimum.map(|(m, _)| m as i64))
                .unwrap_or(1);
            let kind = PageKind::Page {
                parameter,
                first,
                size,
                total,
            };
            return Ok(Some((kind, items, item, "page number".to_owned())));
        }
        Ok(None)
    }

    /// Where the next cursor is: a string field named as one, at the top of
    /// the body or one object down (`response_metadata.next_cursor`).
    fn next_cursor(&self, body: &TypeRef) -> Option<Vec<FieldStep>> {
        if let Some((next, ty)) = self.field_named(body, NEXT_FIELDS) {
            return is_string(ty).then(|| vec![next]);
        }
        self.fields(body)?.iter().find_map(|field| {
            let (next, ty) = self.field_named(&field.ty, NEXT_FIELDS)?;
            is_string(ty).then(|| vec![step(field), next])
        })
    }

    /// Where the total count of items is: a number field named as one.
    fn total(&self, body: &TypeRef) -> Option<Vec<FieldStep>> {
        let (total, ty) = self.field_named(body, TOTAL_FIELDS)?;
        (is_integer(ty) || matches!(ty.unwrapped(), TypeRef::F64)).then(|| vec![total])
    }

    fn is_statuses(&self, ty: &TypeRef) -> bool {
        self.def(ty)
            .is_some_and(|d| matches!(d.kind, TypeKind::Statuses(_)))
    }

    /// Pagination as our `x-pagination` extension states it. `Err` is what
    /// is wrong with it.
    fn explicit(
        &self,
        op: &Operation,
        extension: &serde_json::Value,
    ) -> std::result::Result<(PageKind, Vec<FieldStep>, TypeRef, String), String> {
        let text = |key: &str| extension.get(key).and_then(serde_json::Value::as_str);
        let body = op
            .success
            .as_ref()
            .filter(|ty| !self.is_statuses(ty))
            .ok_or("the operation has no one success body to read pages from")?;
        let (items, item) = match text("items") {
            Some(path) => {
                let (steps, ty) = self
                    .path(body, path)
                    .ok_or_else(|| format!("`items: {path}` is no field of the success body"))?;
                let item = self
                    .list_item(ty)
                    .ok_or_else(|| format!("`items: {path}` is not a list"))?;
                (steps, item.clone())
            }
            None => self.items(body)?,
        };
        let param_of = |key: &str| -> std::result::Result<Option<usize>, String> {
            let Some(name) = text(key) else {
                return Ok(None);
            };
            op.parameters
                .iter()
                .position(|p| p.location == ParameterLocation::Query && p.wire_name == name)
                .map(Some)
                .ok_or_else(|| format!("`{key}: {name}` is no query parameter of the operation"))
        };
        let required = |key: &str| {
            param_of(key)?.ok_or_else(|| format!("`{key}` (a query parameter) is required"))
        };
        let field = |key: &str| -> std::result::Result<Option<(Vec<FieldStep>, &TypeRef)>, String> {
            let Some(path) = text(key) else {
                return Ok(None);
            };
            self.path(body, path)
                .map(Some)
                .ok_or_else(|| format!("`{key}: {path}` is no field of the success body"))
        };
        let total = field("total")?.map(|(steps, _)| steps);
        let size = param_of("size")?.map(|i| page_size(op, i));
        let kind =
            match text("kind").ok_or("`kind` is required (link, cursor, after, offset or page)")? {
                "link" => PageKind::Link,
                "cursor" => {
                    let parameter = required("parameter")?;
                    if !is_optional_string(op, parameter) {
                        return Err("the cursor parameter must be an optional string".to_owned());
                    }
                    let (next, ty) =
                        field("next")?.ok_or("`next` (where the next cursor is) is required")?;
                    if !is_string(ty) {
                        return Err("`next` must be a string field".to_owned());
                    }
                    PageKind::Cursor {
                        parameter,
                        next,
                        reset: Vec::new(),
                    }
                }
                "after" => {
                    let parameter = required("parameter")?;
                    if !is_optional_string(op, parameter) {
                        return Err("the `after` parameter must be an optional string".to_owned());
                    }
                    let (has_more, ty) =
                        field("has-more")?.ok_or("`has-more` (a boolean field) is required")?;
                    if !matches!(ty.unwrapped(), TypeRef::Bool) {
                        return Err("`has-more` must be a boolean field".to_owned());
                    }
                    let id_name = text("id").unwrap_or("id");
                    let (id, id_ty) = self
                        .field_named(&item, &[id_name])
                        .ok_or_else(|| format!("the items have no `{id_name}` field"))?;
                    if !is_string(id_ty) {
                        return Err(format!("the items' `{id_name}` must be a string"));
                    }
                    PageKind::AfterId {
                        parameter,
                        has_more,
                        id,
                    }
                }
                "offset" => {
                    let parameter = required("parameter")?;
                    let end = param_of("end")?;
                    PageKind::Offset {
                        parameter,
                        end,
                        size,
                        total,
                    }
                }
                "page" => {
                    let parameter = required("parameter")?;
                    let first = extension
                        .get("first")
                        .and_then(serde_json::Value::as_i64)
                        .unwrap_or(1);
                    PageKind::Page {
                        parameter,
                        first,
                        size,
                        total,
                    }
                }
                other => {
                    return Err(format!(
                        "unknown `kind: {other}` (link, cursor, after, offset or page)"
                    ))
                }
            };
        for index in page_parameters(&kind) {
            let p = &op.parameters[index];
            let numeric = matches!(kind, PageKind::Offset { .. } | PageKind::Page { .. });
            if numeric && !is_integer(&p.ty) {
                return Err(format!(
                    "the parameter `{}` must be an integer",
                    p.wire_name
                ));
            }
        }
        Ok((kind, items, item, "x-pagination".to_owned()))
    }
}

/// The numeric parameters of a page kind.
fn page_parameters(kind: &PageKind) -> Vec<usize> {
    match kind {
        PageKind::Offset {
            parameter,
            end,
            size,
            ..
        } => [Some(*parameter), *end, size.map(|s| s.parameter)]
            .into_iter()
            .flatten()
            .collect(),
        PageKind::Page {
            parameter, size, ..
        } => [Some(*parameter), size.map(|s| s.parameter)]
            .into_iter()
            .flatten()
            .collect(),
        PageKind::Link | PageKind::Cursor { .. } | PageKind::AfterId { .. } => Vec::new(),
    }
}

/// The page size parameter at `index`.
fn page_size(op: &Operation, index: usize) -> PageSize {
    let p = &op.parameters[index];
    PageSize {
        parameter: index,
        default: p.default.as_ref().and_then(serde_json::Value::as_i64),
        maximum: p
            .hints
            .maximum
            .map(|(m, exclusive)| if exclusive { m as i64 - 1 } else { m as i64 }),
    }
}

/// The first query parameter whose lowercased name is in `names`, in the
/// order of `names`.
fn query_parameter(op: &Operation, names: &[&str]) -> Option<usize> {
    names.iter().find_map(|name| {
        op.parameters.iter().position(|p| {
            p.location == ParameterLocation::Query && p.wire_name.eq_ignore_ascii_case(name)
        })
    })
}

fn step(field: &crate::ir::Field) -> FieldStep {
    FieldStep {
        rust_name: field.rust_name.clone(),
        options: u8::from(!field.required) + u8::from(matches!(field.ty, TypeRef::Nullable(_))),
    }
}

fn is_string(ty: &TypeRef) -> bool {
    matches!(ty.unwrapped(), TypeRef::String)
}

fn is_integer(ty: &TypeRef) -> bool {
    ty.unwrapped().is_integer()
}

fn is_optional_string(op: &Operation, index: usize) -> bool {
    let p = &op.parameters[index];
    !p.required && is_string(&p.ty)
}
