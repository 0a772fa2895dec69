//! What a harness needs to call every operation of a generated crate as its
//! docs do: each operation's request, built from the spec's examples (the
//! docs' own `let request = …;`), and how its success body can be checked
//! against the bytes that came. `cargo xtask conformance` writes its
//! harness from these.

use super::example_code::Examples;
use crate::ir::{Api, TypeKind, TypeRef};

/// The calls of one API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calls {
    /// The builder calls that set every security scheme's credentials, with
    /// placeholders (`.bearer("<token>")`).
    pub credentials: String,
    /// One per operation, in document order.
    pub calls: Vec<Call>,
}

/// One operation's call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The operationId (or the one made from method and path).
    pub operation: String,
    /// The operation's JSON pointer.
    pub pointer: String,
    /// The client method.
    pub method: String,
    /// `use …; let request = …;`, the docs' request; `None` for an operation
    /// that takes none. (An operation whose request has no example at all is
    /// left out of `calls`.)
    pub request: Option<String>,
    /// What a success body is.
    pub success: Reply,
}

/// What a success body is, for checking it against the bytes that came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// A value that writes itself as JSON (`serde::Serialize`): the body as
    /// it was read (`null` for none).
    Value,
    /// A `Download`: the bytes as they came.
    Download,
    /// An enum by status that holds a download: neither.
    Unchecked,
}

/// The calls of every operation of `api`, for code outside the crate named
/// `lib`.
pub fn calls(api: &Api, lib: &str) -> Calls {
    let examples = Examples::new(api, lib);
    let calls = api
        .operations
        .iter()
        .filter_map(|op| {
            let request = if op.takes_request() {
                Some(examples.request_example(op)?)
            } else {
                None
            };
            let success = match op.success.as_ref() {
                Some(TypeRef::Download) => Reply::Download,
                Some(ty) => match api.named(ty).map(|def| &def.kind) {
                    Some(TypeKind::Statuses(variants))
                        if variants.iter().any(|v| v.ty == Some(TypeRef::Download)) =>
                    {
                        Reply::Unchecked
                    }
                    _ => Reply::Value,
                },
                None => Reply::Value,
            };
            Some(Call {
                operation: op.id.clone(),
                pointer: op.origin.clone(),
                method: op.method_name.clone(),
                request,
                success,
            })
        })
        .collect();
    Calls {
        credentials: examples.credential_calls(),
        calls,
    }
}
