//! The `operations` module: one request type per operation, and the inline
//! schemas of operations.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_or;
use super::models::{
    constructor, derive_attr, field, setter, types_in, Arg, FieldSpec, SetterSpec,
};
use super::{gate, ident, Part};
use crate::ir::{Api, Module, Operation, ParameterLocation, TypeRef};

/// The whole `operations` file: one part per type.
pub fn operations_rs(api: &Api) -> Vec<Part<'_>> {
    let mut parts = vec![Part::new(|| {
        quote! {
            #![doc = " Request types of the operations, and the types of schemas written inline in operations."]
        }
    })];
    parts.extend(request_types(api));
    parts.extend(types_in(api, Module::Operations));
    parts
}

/// The request type of each operation that takes one, a part each.
pub fn request_types(api: &Api) -> impl Iterator<Item = Part<'_>> + '_ {
    api.operations
        .iter()
        .filter(|op| op.takes_request())
        .map(move |op| Part::new(move || request_type(api, op)))
}

/// One serializable field of a request type.
struct RequestField<'a> {
    name: &'a str,
    setter: Option<&'a str>,
    key: &'a str,
    ty: &'a TypeRef,
    required: bool,
    doc: TokenStream,
    deprecated: bool,
}

fn request_type(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.request_type);
    let doc = format!(
        " The request of `{}`: `{} {}`.",
        op.method_name,
        op.method.as_str(),
        op.path
    );
    let mut fields: Vec<RequestField<'_>> = op
        .parameters
        .iter()
        .map(|p| {
            let place = match p.location {
                ParameterLocation::Path => "path",
                ParameterLocation::Query => "query",
                ParameterLocation::Header => "header",
                ParameterLocation::Cookie => "cookie",
            };
            let fallback = format!("The `{}` {place} parameter.", p.wire_name);
            RequestField {
                name: &p.rust_name,
                setter: p.setter.as_deref(),
                key: &p.wire_name,
                ty: &p.ty,
                required: p.required,
                doc: doc_or(p.doc.as_deref(), &fallback),
                deprecated: p.deprecated,
            }
        })
        .collect();
    if let Some(body) = &op.body {
        fields.push(RequestField {
            name: &body.rust_name,
            setter: body.setter.as_deref(),
            key: &body.key,
            ty: &body.ty,
            required: body.required,
            doc: doc_or(body.doc.as_deref(), "The request body."),
            deprecated: false,
        });
    }
    let field_tokens = fields.iter().map(|f| {
        let spec = FieldSpec {
            name: f.name,
            key: f.key,
            ty: f.ty,
            required: f.required,
            default_fn: None,
            // A request is only written, never read: how a `null` reads
            // back does not arise.
            holds_null: false,
            deprecated: f.deprecated,
            serde_gated: api.serde_by_direction,
            derived_de: true,
        };
        field(spec, f.doc.clone(), Module::Operations)
    });
    let all_optional = fields.iter().all(|f| !f.required);
    let args: Vec<Arg<'_>> = fields
        .iter()
        .map(|f| Arg {
            name: f.name,
            ty: f.ty,
            required: f.required,
            fixed: None,
        })
        .collect();
    let constructor = constructor(&args, None, Module::Operations);
    let setters = fields.iter().filter_map(|f| {
        let spec = SetterSpec {
            setter: f.setter?,
            field: f.name,
            ty: f.ty,
            null_setter: None,
            deprecated: f.deprecated,
        };
        Some(setter(spec, Module::Operations))
    });
    let gate = gate(&op.features);
    let mut builtin = vec!["Clone", "Debug"];
    builtin.extend(all_optional.then_some("Default"));
    builtin.push("PartialEq");
    // The client sends a request's parts one by one, never the request
    // as a whole: written as JSON only with `full-serde`.
    let serde = super::wire::derives(
        api,
        super::wire::Need::WithFeature,
        super::wire::Need::Never,
        None,
    );
    builtin.extend(&serde.always);
    let derives = derive_attr(api, Module::Operations, &op.request_type, &builtin);
    let serde_attrs = serde.attrs;
    quote! {
        #[doc = #doc]
        #gate
        #derives
        #serde_attrs
        #[non_exhaustive]
        pub struct #name {
            #(#field_tokens)*
        }

        #gate
        impl #name {
            #constructor
            #(#setters)*
        }
    }
}
