//! Operations: the client's methods and their request types.

use super::{keyed, type_text, unraw, Changes, Class};
use crate::ir::{Api, Operation, Paging, TypeRef};

/// One field of a request type as the diff sees it.
#[derive(Debug, Clone, PartialEq)]
struct RequestField {
    ty: TypeRef,
    required: bool,
    deprecated: bool,
    doc: Option<String>,
    setter: Option<String>,
}

pub(super) fn compare(old: &Api, new: &Api, changes: &mut Changes) {
    let by_name = |api: &Api| -> Vec<(String, usize)> {
        api.operations
            .iter()
            .enumerate()
            .map(|(at, op)| (op.method_name.clone(), at))
            .collect()
    };
    // An operation gone whose method and path another new one has was
    // renamed (its operationId changed): one change, not two.
    let mut renamed_to: Vec<&str> = Vec::new();
    keyed(&by_name(old), &by_name(new), |name, before, after| {
        let item = format!("Client::{}", unraw(name));
        match (before, after) {
            (Some(&b), None) => {
                let gone = &old.operations[b];
                let successor = new.operations.iter().find(|op| {
                    op.method == gone.method
                        && op.path == gone.path
                        && !old
                            .operations
                            .iter()
                            .any(|o| o.method_name == op.method_name)
                });
                match successor {
                    Some(op) => {
                        renamed_to.push(&op.method_name);
                        changes.push(
                            Class::Major,
                            "operation renamed",
                            item,
                            format!(
                                "`{} {}` is now `Client::{}`",
                                gone.method.as_str(),
                                gone.path,
                                unraw(&op.method_name)
                            ),
                        );
                        compare_operation(gone, op, changes);
                    }
                    None => changes.push(
                        Class::Major,
                        "operation removed",
                        item,
                        format!("`{} {}`", gone.method.as_str(), gone.path),
                    ),
                }
            }
            (None, Some(&a)) => {
                let op = &new.operations[a];
                if !renamed_to.contains(&op.method_name.as_str()) {
                    changes.push(
                        Class::Minor,
                        "operation added",
                        item,
                        format!("`{} {}`", op.method.as_str(), op.path),
                    );
                }
            }
            (Some(&b), Some(&a)) => {
                compare_operation(&old.operations[b], &new.operations[a], changes)
            }
            (None, None) => {}
        }
    });
}

fn compare_operation(old: &Operation, new: &Operation, changes: &mut Changes) {
    let method = format!("Client::{}", unraw(&new.method_name));
    // The method stays, the endpoint it calls does not: code compiles, but
    // the old endpoint is gone from the SDK (a server of the old release
    // no longer answers it).
    if old.method != new.method || old.path != new.path {
        changes.push(
            Class::Major,
            "endpoint removed",
            &method,
            format!(
                "`{} {}` → `{} {}`",
                old.method.as_str(),
                old.path,
                new.method.as_str(),
                new.path
            ),
        );
    }
    if old.request_type != new.request_type && old.takes_request() && new.takes_request() {
        changes.push(
            Class::Major,
            "request type renamed",
            format!("operations::{}", old.request_type),
            format!("now `operations::{}`", new.request_type),
        );
    }
    if old.takes_request() != new.takes_request() {
        changes.push(
            Class::Major,
            "method signature changed",
            &method,
            if new.takes_request() {
                "now takes a request"
            } else {
                "no longer takes a request"
            },
        );
    }
    for (what, before, after) in [
        ("success type changed", &old.success, &new.success),
        ("error type changed", &old.error, &new.error),
    ] {
        if before != after {
            changes.push(
                Class::Major,
                what,
                &method,
                format!("{} → {}", outcome(before), outcome(after)),
            );
        }
    }
    compare_twins(old, new, &method, changes);
    match (old.deprecated, new.deprecated) {
        (false, true) => changes.push(Class::Minor, "operation deprecated", &method, ""),
        (true, false) => changes.push(Class::Minor, "operation no longer deprecated", &method, ""),
        _ => {}
    }
    if old.summary != new.summary || old.description != new.description {
        changes.push(
            Class::Patch,
            "docs changed",
            &method,
            "summary or description",
        );
    }
    let request = format!("operations::{}", new.request_type);
    keyed(&fields(old), &fields(new), |name, before, after| {
        let item = format!("{request}::{}", unraw(name));
        super::types::compare_field(&item, before.map(view), after.map(view), changes);
    });
}

/// The methods an operation adds beside its own: pages, items, a stream,
/// the body's encoding.
fn compare_twins(old: &Operation, new: &Operation, method: &str, changes: &mut Changes) {
    let twins = |op: &Operation| -> Vec<(String, ())> {
        let mut names = Vec::new();
        if let Paging::Paged(p) = &op.paging {
            names.push(p.pages_method.clone());
            names.push(p.stream_method.clone());
        }
        names.extend(op.streaming.as_ref().and_then(|s| s.twin.clone()));
        names.extend(op.encoding_method.clone());
        names.into_iter().map(|n| (n, ())).collect()
    };
    keyed(&twins(old), &twins(new), |name, before, after| {
        let item = format!("Client::{}", unraw(name));
        match (before, after) {
            (Some(()), None) => changes.push(
                Class::Major,
                "method removed",
                item,
                format!("beside `{method}`"),
            ),
            (None, Some(())) => changes.push(
                Class::Minor,
                "method added",
                item,
                format!("beside `{method}`"),
            ),
            _ => {}
        }
    });
}

fn outcome(ty: &Option<TypeRef>) -> String {
    ty.as_ref().map_or_else(|| "()".to_owned(), type_text)
}

/// The request type's fields: parameters, then the body.
fn fields(op: &Operation) -> Vec<(String, RequestField)> {
    let mut fields: Vec<(String, RequestField)> = op
        .parameters
        .iter()
        .map(|p| {
            (
                p.rust_name.clone(),
                RequestField {
                    ty: p.ty.clone(),
                    required: p.required,
                    deprecated: p.deprecated,
                    doc: p.doc.clone(),
                    setter: p.setter.clone(),
                },
            )
        })
        .collect();
    if let Some(body) = &op.body {
        fields.push((
            body.rust_name.clone(),
            RequestField {
                ty: body.ty.clone(),
                required: body.required,
                deprecated: false,
                doc: body.doc.clone(),
                setter: body.setter.clone(),
            },
        ));
    }
    fields
}

fn view(field: &RequestField) -> super::types::FieldView<'_> {
    super::types::FieldView {
        ty: &field.ty,
        required: field.required,
        deprecated: field.deprecated,
        doc: field.doc.as_deref(),
        setter: field.setter.as_deref(),
        fixed: false,
    }
}
