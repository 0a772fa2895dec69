//! The client methods that walk pages (`…_pages`, `…_stream`) and read
//! streamed responses (`…_events`). The machinery is the runtime's
//! (`paginate`, `events`); each method only says how its operation's pages
//! follow each other, or how its items decode.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::{ident, type_tokens};
use crate::ir::{
    FieldStep, Operation, PageKind, PageSize, Pagination, Paging, StreamFormat, Streaming, TypeRef,
};

/// The two methods of a paginated operation: every page, and every item.
/// With `delegate` (a split workspace's facade), each hands the call to the
/// client in that field, whose methods these are.
pub(super) fn pagination_methods(
    op: &Operation,
    delegate: Option<&proc_macro2::Ident>,
) -> TokenStream {
    let Paging::Paged(pagination) = &op.paging else {
        return TokenStream::new();
    };
    let method = ident(&op.method_name);
    let pages = ident(&pagination.pages_method);
    let stream = ident(&pagination.stream_method);
    let page = super::client::outcome_tokens(op.success.as_ref());
    let error = super::client::outcome_tokens(op.error.as_ref());
    let item = type_tokens(&pagination.item, None);
    // `request` is what the pages start from; `argument` what `…_stream`
    // hands `…_pages`.
    // `fetch` is the method itself, which the runtime calls on a client it
    // owns (`paginate::call`); a method without a request is given one,
    // `()`, by a closure.
    let (param, request, argument, fetch) = if op.takes_request() {
        let request_type = ident(&op.request_type);
        (
            quote!(request: super::operations::#request_type),
            quote!(request),
            quote!(request),
            quote!(Self::#method),
        )
    } else {
        (
            TokenStream::new(),
            quote!(()),
            TokenStream::new(),
            quote!(|client, ()| client.#method()),
        )
    };
    let build = match (&pagination.kind, delegate) {
        (_, Some(field)) => quote!(self.#field.#pages(#argument)),
        (PageKind::Link, None) => quote! {
            super::runtime::paginate::Pages::linked(self.clone(), #request, #fetch)
        },
        (kind, None) => {
            let advance = advance(op, pagination, kind);
            quote! {
                super::runtime::paginate::Pages::new(self.clone(), #request, #fetch, #advance)
            }
        }
    };
    let items = owned_items(&pagination.items);
    let name = op.method_name.trim_start_matches("r#");
    let pages_doc = doc_attrs(&format!(
        "Every page of [`{name}`](Self::{name}), as a stream of whole responses ({how}). \
         Pages are fetched lazily, one request at a time, each retried as any call is; \
         an error is yielded and ends the stream.",
        how = describe(op, &pagination.kind),
    ));
    let stream_doc = doc_attrs(&format!(
        "Every item of every page of [`{name}`](Self::{name}), as a stream: the next page \
         is fetched when the items of the last are used up (see \
         [`{pages}`](Self::{pages})). The example of [`{name}`](Self::{name}), where it \
         has one, walks it.",
        pages = pagination.pages_method
    ));
    let deprecated = super::models::deprecated_attr(op.deprecated);
    quote! {
        #pages_doc
        #deprecated
        pub fn #pages(&self, #param) -> super::runtime::paginate::Pages<#page, #error> {
            #build
        }

        #stream_doc
        #deprecated
        pub fn #stream(&self, #param) -> super::runtime::paginate::Items<#item, #error> {
            self.#pages(#argument).items(#items)
        }
    }
}

/// How a page is asked for, for the docs.
fn describe(op: &Operation, kind: &PageKind) -> String {
    let name = |index: &usize| format!("`{}`", op.parameters[*index].wire_name);
    match kind {
        PageKind::Link => "each next page is the `next` link of the last one's `Link` header, \
                           followed only on the base URL's origin"
            .to_owned(),
        PageKind::Cursor { parameter, .. } => format!(
            "each next page is asked for with the cursor the last one gave in {}; the pages \
             end when it gives none, or the same again",
            name(parameter)
        ),
        PageKind::AfterId { parameter, .. } => format!(
            "each next page starts after the last item's id, sent in {}, while the last page \
             says there are more",
            name(parameter)
        ),
        PageKind::Offset { parameter, .. } => format!(
            "{} moves on by the number of items read; the pages end on an empty page, a \
             short one when the page size is known to be filled, or the total count",
            name(parameter)
        ),
        PageKind::Page { parameter, .. } => format!(
            "{} counts up; the pages end on an empty page, a short one when the page size \
             is known to be filled, or the total count",
            name(parameter)
        ),
    }
}

/// The function that turns the request of the page just read into the
/// next page's, per kind; `false` at the end.
fn advance(op: &Operation, pagination: &Pagination, kind: &PageKind) -> TokenStream {
    let count = match borrowed(quote!(body), &pagination.items) {
        (items, false) => quote!(#items.len()),
        (items, true) => quote!(#items.map_or(0, Vec::len)),
    };
    let field = |index: &usize| ident(&op.parameters[*index].rust_name);
    match kind {
        PageKind::Link => unreachable!("a link is followed by the runtime"),
        PageKind::Cursor {
            parameter,
            next,
            reset,
        } => {
            let cursor = field(parameter);
            let next = optional(borrowed(quote!(body), next));
            let resets = reset.iter().map(|index| {
                let field = field(index);
                quote!(request.#field = None;)
            });
            let advance =
                quote!(super::runtime::paginate::next_cursor(&mut request.#cursor, #next));
            if reset.is_empty() {
                return quote! {
                    |request, page| {
                        let body = page.body();
                        #advance
                    }
                };
            }
            quote! {
                |request, page| {
                    let body = page.body();
                    let more = #advance;
                    if more {
                        #(#resets)*
                    }
                    more
                }
            }
        }
        PageKind::AfterId {
            parameter,
            has_more,
            id,
        } => {
            let after = field(parameter);
            let more = optional(borrowed(quote!(body), has_more));
            let last = match borrowed(quote!(body), &pagination.items) {
                (items, false) => quote!(#items.last()),
                (items, true) => quote!(#items.and_then(|items| items.last())),
            };
            let last = match borrowed(quote!(item), std::slice::from_ref(id)) {
                (id, false) => quote!(#last.map(|item| &#id)),
                (id, true) => quote!(#last.and_then(|item| #id)),
            };
            quote! {
                |request, page| {
                    let body = page.body();
                    let more = #more.copied().unwrap_or(false);
                    let last = #last;
                    super::runtime::paginate::next_cursor(&mut request.#after, last.filter(|_| more))
                }
            }
        }
        PageKind::Offset {
            parameter,
            end,
            size,
            total,
        } => {
            let offset = number_or(op, *parameter, quote!(0));
            let set_offset = set_number(op, *parameter, quote!(next));
            let full = full_size(op, size.as_ref());
            let total = total_tokens(total.as_deref());
            // A window end moves with the offset, keeping its width (or the
            // width of the page just read when none was set, so that the
            // server's default cannot narrow the window to nothing).
            let set_end = end.map(|index| {
                let width = match op_number(op, index) {
                    (end, true) => quote!(#end.map_or(count as i64, |end| end - offset)),
                    (end, false) => quote!(#end - offset),
                };
                let set = set_number(op, index, quote!(next.saturating_add(width)));
                quote! {
                    let width = #width.max(1);
                    #set
                }
            });
            quote! {
                |request, page| {
                    let body = page.body();
                    let count = #count;
                    let offset = #offset;
                    match super::runtime::paginate::next_offset(offset, count, #full, #total) {
                        Some(next) => {
                            #set_end
                            #set_offset
                            true
                        }
                        None => false,
                    }
                }
            }
        }
        PageKind::Page {
            parameter,
            first,
            size,
            total,
        } => {
            let number = number_or(op, *parameter, quote!(#first));
            let set = set_number(op, *parameter, quote!(next));
            let full = full_size(op, size.as_ref());
            let total = total_tokens(total.as_deref());
            quote! {
                |request, page| {
                    let body = page.body();
                    let count = #count;
                    let number = #number;
                    match super::runtime::paginate::next_page(number, #first, count, #full, #total) {
                        Some(next) => {
                            #set
                            true
                        }
                        None => false,
                    }
                }
            }
        }
    }
}

/// A numeric parameter of `request` as an `i64`, or an `Option<i64>` when
/// it is optional (`true`).
fn op_number(op: &Operation, index: usize) -> (TokenStream, bool) {
    let p = &op.parameters[index];
    let field = ident(&p.rust_name);
    let cast = to_i64(&p.ty);
    if p.required {
        (quote!(request.#field #cast), false)
    } else {
        match cast {
            Some(cast) => (quote!(request.#field.map(|value| value #cast)), true),
            None => (quote!(request.#field), true),
        }
    }
}

/// A numeric parameter of `request` as an `i64`, `default` when unset.
fn number_or(op: &Operation, index: usize, default: TokenStream) -> TokenStream {
    match op_number(op, index) {
        (value, true) => quote!(#value.unwrap_or(#default)),
        (value, false) => value,
    }
}

/// The statement that sets a numeric parameter of `request` to `value` (an
/// `i64`).
fn set_number(op: &Operation, index: usize, value: TokenStream) -> TokenStream {
    let p = &op.parameters[index];
    let field = ident(&p.rust_name);
    let value = match p.ty.unwrapped() {
        TypeRef::I64 => value,
        ty => {
            let ty = type_tokens(ty, None);
            quote!(#value as #ty)
        }
    };
    if p.required {
        quote!(request.#field = #value;)
    } else {
        quote!(request.#field = Some(#value);)
    }
}

/// `as i64` for a number type that is not `i64`.
fn to_i64(ty: &TypeRef) -> Option<TokenStream> {
    (!matches!(ty.unwrapped(), TypeRef::I64)).then(|| quote!(as i64))
}

/// The page size the server is known to fill (`full_size`), from the size
/// parameter sent or its default, within its maximum.
fn full_size(op: &Operation, size: Option<&PageSize>) -> TokenStream {
    let Some(size) = size else {
        return quote!(None);
    };
    let Some(maximum) = size.maximum else {
        return quote!(None);
    };
    let asked = match (op_number(op, size.parameter), size.default) {
        ((asked, true), Some(default)) => quote!(#asked.or(Some(#default))),
        ((asked, true), None) => asked,
        ((asked, false), _) => quote!(Some(#asked)),
    };
    quote!(super::runtime::paginate::full_size(#asked, Some(#maximum)))
}

/// `Option<i64>` of the total count in `body`.
fn total_tokens(total: Option<&[FieldStep]>) -> TokenStream {
    match total {
        Some(steps) => {
            let value = optional(borrowed(quote!(body), steps));
            quote!(#value.and_then(|total| super::runtime::paginate::Total::total(*total)))
        }
        None => quote!(None),
    }
}

/// An expression for the value at `steps` below `root`, borrowed: a place
/// (`false`) or an `Option<&T>` (`true`) once a step may be absent.
fn borrowed(root: TokenStream, steps: &[FieldStep]) -> (TokenStream, bool) {
    let mut expr = root;
    let mut optional = false;
    for step in steps {
        let field = ident(&step.rust_name);
        expr = match (optional, step.options) {
            (false, 0) => quote!(#expr.#field),
            (false, 1) => quote!(#expr.#field.as_ref()),
            (false, _) => quote!(#expr.#field.as_ref().and_then(Option::as_ref)),
            (true, 0) => quote!(#expr.map(|value| &value.#field)),
            (true, 1) => quote!(#expr.and_then(|value| value.#field.as_ref())),
            (true, _) => {
                quote!(#expr.and_then(|value| value.#field.as_ref().and_then(Option::as_ref)))
            }
        };
        optional |= step.options > 0;
    }
    (expr, optional)
}

/// [`borrowed`] as an `Option<&T>` in every case.
fn optional((expr, optional): (TokenStream, bool)) -> TokenStream {
    if optional {
        expr
    } else {
        quote!(Some(&#expr))
    }
}

/// The function that takes the items out of a page's body, by value.
fn owned_items(steps: &[FieldStep]) -> TokenStream {
    let mut expr = quote!(page);
    let mut optional = false;
    for step in steps {
        let field = ident(&step.rust_name);
        expr = match (optional, step.options) {
            (false, 0 | 1) => quote!(#expr.#field),
            (false, _) => quote!(#expr.#field.flatten()),
            (true, 0) => quote!(#expr.map(|value| value.#field)),
            (true, 1) => quote!(#expr.and_then(|value| value.#field)),
            (true, _) => quote!(#expr.and_then(|value| value.#field.flatten())),
        };
        optional |= step.options > 0;
    }
    if optional {
        quote!(|page| #expr.unwrap_or_default())
    } else {
        quote!(|page| #expr)
    }
}

/// The type a streamed method returns, and how it reads the response.
pub(super) struct StreamRead {
    /// `EventStream<T, E>` or `JsonLines<T, E>`.
    pub ty: TokenStream,
    /// The expression that turns `response` (a success with the stream)
    /// into the result.
    pub read: TokenStream,
}

/// How a streaming operation's stream is typed and read.
pub(super) fn stream_read(op: &Operation, streaming: &Streaming) -> StreamRead {
    let item = type_tokens(&streaming.item, None);
    let error = super::client::outcome_tokens(op.error.as_ref());
    let decode = match (&streaming.item, streaming.format) {
        (TypeRef::String, StreamFormat::ServerSentEvents) => quote!(super::runtime::events::text),
        _ => quote!(super::runtime::events::json::<#item>),
    };
    match streaming.format {
        StreamFormat::ServerSentEvents => {
            let sentinel = match &streaming.sentinel {
                Some(end) => quote!(Some(#end)),
                None => quote!(None),
            };
            StreamRead {
                ty: quote!(super::runtime::events::EventStream<#item, #error>),
                read: quote!(response.events(#decode, #sentinel).await),
            }
        }
        StreamFormat::JsonLines => StreamRead {
            ty: quote!(super::runtime::events::JsonLines<#item, #error>),
            read: quote!(response.json_lines(#decode).await),
        },
    }
}
