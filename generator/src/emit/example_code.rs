//! Rust examples for the docs: a value of each type, the request of each
//! operation, and a whole call. Values come from the spec's examples where it
//! has them, else placeholders in the reference pages' style (`"<value>"`,
//! `"<id>"`). Every example compiles: the markdown pages and rustdoc that hold
//! them are doctests of the generated crate.

use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::ident;
use crate::ir::{
    Api, Module, Operation, SecurityKind, SecurityScheme, TypeDef, TypeKind, TypeRef, ValueHints,
};

/// Writes examples for one API, for code outside the crate named `lib`.
pub struct Examples<'a> {
    api: &'a Api,
    lib: String,
    types: HashMap<(Module, &'a str), &'a TypeDef>,
    /// Call examples by method name: the method docs, the tag pages and the
    /// README show the same ones, and formatting is the costly part. Behind
    /// a lock because the client's parts are made on several threads.
    calls: Mutex<HashMap<String, Option<String>>>,
}

impl<'a> Examples<'a> {
    /// Examples for `api`, whose crate's library is called `lib`.
    pub fn new(api: &'a Api, lib: &str) -> Self {
        let types = api
            .types
            .iter()
            .map(|def| ((def.module, def.name.as_str()), def))
            .collect();
        Examples {
            api,
            lib: lib.to_owned(),
            types,
            calls: Mutex::new(HashMap::new()),
        }
    }

    /// `let value = …;` for a named type, with the `use` it needs; `None` for a
    /// type no finite value has (a required field that holds its own type).
    pub fn type_example(&self, def: &TypeDef) -> Option<String> {
        let ty = TypeRef::Named {
            module: def.module,
            name: def.name.clone(),
        };
        let mut modules = BTreeSet::new();
        // A named value with no example given takes its schema's (`named`).
        let value = self.value(
            &ty,
            None,
            Hint::new("", &NO_HINTS),
            false,
            &mut Vec::new(),
            &mut modules,
        )?;
        let uses = self.uses(&modules);
        // Typed as the reference pages type theirs (`let value: T = …`), which
        // also tells the compiler what an empty map of an alias holds.
        let module = super::module_ident(def.module);
        let name = ident(&def.name);
        Some(format_statements(quote! {
            #uses
            let value: #module::#name = #value;
        }))
    }

    /// `let request = …;` for an operation's request type, with its `use`.
    pub fn request_example(&self, op: &Operation) -> Option<String> {
        let mut modules = BTreeSet::new();
        let request = self.request(op, &mut modules)?;
        let uses = self.uses(&modules);
        Some(format_statements(quote! {
            #uses
            let request = #request;
        }))
    }

    /// A whole call of the operation: building a client with the credentials
    /// it needs, its request, the call and the body.
    pub fn call_example(&self, op: &Operation) -> Option<String> {
        // A poisoned cache only lost an entry: the example is made again.
        let calls = || {
            self.calls
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
        };
        if let Some(known) = calls().get(&op.method_name) {
            return known.clone();
        }
        // Made outside the lock: two threads may make one example twice, the
        // same both times.
        let made = self.make_call_example(op);
        calls().insert(op.method_name.clone(), made.clone());
        made
    }

    fn make_call_example(&self, op: &Operation) -> Option<String> {
        let mut modules = BTreeSet::new();
        let lib = ident(&self.lib);
        let method = ident(&op.method_name);
        let (request_stmt, argument) = self.request_statement(op, &mut modules)?;
        let credentials = self.credentials(op);
        let mut uses = self.uses(&modules);
        let base_url = self.base_url();
        // A paginated operation is shown walking every item, a streamed one
        // reading every event: what its users call it for.
        // `true`: the example walks a stream, with `TryStreamExt`.
        let (call, walks) = match (&op.paging, &op.streaming) {
            (crate::ir::Paging::Paged(pagination), _) => {
                let stream = ident(&pagination.stream_method);
                let call = quote! {
                    let mut items = client.#stream(#argument);
                    while let Some(item) = items.try_next().await? {
                        println!("{item:?}");
                    }
                };
                (call, true)
            }
            (_, Some(streaming)) if streaming.twin.is_none() => {
                let data = match streaming.format {
                    crate::ir::StreamFormat::ServerSentEvents => quote!(item.data()),
                    crate::ir::StreamFormat::JsonLines => quote!(item),
                };
                let call = quote! {
                    let mut stream = client.#method(#argument).await?;
                    while let Some(item) = stream.try_next().await? {
                        println!("{:?}", #data);
                    }
                };
                (call, true)
            }
            _ => {
                let call = quote! {
                    let response = client.#method(#argument).await?;
                    println!("{:?}", response.body());
                };
                (call, false)
            }
        };
        if walks {
            uses.extend(quote!(
                use futures_util::TryStreamExt;
            ));
        }
        Some(format_file(quote! {
            #uses

            async fn run() -> Result<(), Box<dyn std::error::Error>> {
                let client = #lib::Client::builder() #base_url #(#credentials)* .build()?;
                #request_stmt
                #call
                Ok(())
            }
        }))
    }

    /// Building a client with the credentials of every security scheme.
    pub fn client_example(&self) -> String {
        let lib = ident(&self.lib);
        let setters = self
            .api
            .security_schemes
            .iter()
            .map(|scheme| credential(scheme, &self.lib));
        let base_url = self.base_url();
        format_file(quote! {
            fn client() -> Result<#lib::Client, #lib::BuildError> {
                #lib::Client::builder() #base_url #(#setters)* .build()
            }
        })
    }

    /// `.base_url(…)` on the builder when the spec lists no server (a client
    /// needs one there), else nothing.
    fn base_url(&self) -> TokenStream {
        if self.api.servers.is_empty() {
            quote!(.base_url("http://127.0.0.1:8000"))
        } else {
            TokenStream::new()
        }
    }

    /// The builder calls that set every security scheme's credentials, with
    /// placeholders (`.bearer("<token>")`).
    pub fn credential_calls(&self) -> String {
        let setters = self
            .api
            .security_schemes
            .iter()
            .map(|scheme| credential(scheme, &self.lib));
        quote!(#(#setters)*).to_string()
    }

    /// Telling the errors of a call of `op` apart.
    pub fn error_example(&self, op: &Operation) -> Option<String> {
        let mut modules = BTreeSet::new();
        let lib = ident(&self.lib);
        let method = ident(&op.method_name);
        let (request_stmt, argument) = self.request_statement(op, &mut modules)?;
        let uses = self.uses(&modules);
        Some(format_file(quote! {
            #uses
            use #lib::Error;

            async fn run(client: &#lib::Client) {
                #request_stmt
                match client.#method(#argument).await {
                    Ok(response) => println!("{:?}", response.body()),
                    Err(Error::Api(error)) => {
                        println!("documented error {}: {:?}", error.status(), error.body())
                    }
                    Err(Error::UnexpectedStatus { status, .. }) => {
                        println!("undocumented status {status}")
                    }
                    Err(other) => println!("{other}"),
                }
            }
        }))
    }

    /// `let request = …;` and the argument of the call (both empty for an
    /// operation that takes no request).
    fn request_statement(
        &self,
        op: &Operation,
        modules: &mut BTreeSet<Module>,
    ) -> Option<(TokenStream, TokenStream)> {
        if !op.takes_request() {
            return Some((TokenStream::new(), TokenStream::new()));
        }
        let request = self.request(op, modules)?;
        Some((quote!(let request = #request;), quote!(request)))
    }

    /// The request value of `op`: its type's constructor with every required
    /// parameter and the body if required.
    fn request(&self, op: &Operation, modules: &mut BTreeSet<Module>) -> Option<TokenStream> {
        modules.insert(Module::Operations);
        let name = ident(&op.request_type);
        let mut args = Vec::new();
        for parameter in op.parameters.iter().filter(|p| p.required) {
            let into = parameter.ty == TypeRef::String;
            let example = parameter.example.as_ref().or(parameter.default.as_ref());
            let hint = Hint::new(&parameter.wire_name, &parameter.hints);
            args.push(self.value(&parameter.ty, example, hint, into, &mut Vec::new(), modules)?);
        }
        if let Some(body) = op.body.as_ref().filter(|b| b.required) {
            let into = body.ty == TypeRef::String;
            // The body's own example; without one, a named body type takes
            // its schema's (`named`).
            let example = body.example.as_ref();
            let hint = Hint::new(&body.key, &NO_HINTS);
            args.push(self.value(&body.ty, example, hint, into, &mut Vec::new(), modules)?);
        }
        Some(quote!(operations::#name::new(#(#args),*)))
    }

    /// The builder calls that set the credentials of the operation's first
    /// security alternative.
    fn credentials(&self, op: &Operation) -> Vec<TokenStream> {
        let Some(first) = op.security.first() else {
            return Vec::new();
        };
        first
            .iter()
            .filter_map(|need| {
                self.api
                    .security_schemes
                    .iter()
                    .find(|s| s.key == need.scheme)
            })
            .map(|scheme| credential(scheme, &self.lib))
            .collect()
    }

    fn uses(&self, modules: &BTreeSet<Module>) -> TokenStream {
        let lib = ident(&self.lib);
        let names: Vec<_> = modules.iter().map(|m| super::module_ident(*m)).collect();
        match names.as_slice() {
            [] => TokenStream::new(),
            [one] => quote!(use #lib::#one;),
            many => quote!(use #lib::{#(#many),*};),
        }
    }

    /// A value of `ty`: from `json` when it fits, else one that fits what
    /// the schema asks (`hint`: a date for `format: date`, a string of the
    /// `pattern`, the `minimum`), else a placeholder named by the wire name it
    /// is for (`serviceId` gets `"<id>"`); `into` says a string may stay a
    /// `&str` (a constructor argument of `impl Into<String>`).
    /// `stack` holds the types being built, to stop at a type that contains
    /// itself.
    fn value(
        &self,
        ty: &TypeRef,
        json: Option<&Value>,
        hint: Hint<'_>,
        into: bool,
        stack: &mut Vec<String>,
        modules: &mut BTreeSet<Module>,
    ) -> Option<TokenStream> {
        Some(match ty {
            TypeRef::String => {
                let text = match json {
                    Some(Value::String(text)) => text.clone(),
                    _ => hint.text(),
                };
                if into {
                    quote!(#text)
                } else {
                    quote!(#text.to_owned())
                }
            }
            TypeRef::Bool => {
                let flag = json.and_then(Value::as_bool).unwrap_or(false);
                quote!(#flag)
            }
            // Parsed from sdkgen's own example of the format, never the
            // spec's: a page's example runs as a doctest, and a spec's
            // example that does not parse would panic there.
            TypeRef::Formatted(crate::ir::Format::Bytes) => quote!(b"bytes".to_vec()),
            TypeRef::Formatted(crate::ir::Format::TimeDateTime) => {
                quote!(time::macros::datetime!(2026-01-01 0:00 UTC))
            }
            TypeRef::Formatted(crate::ir::Format::TimeDate) => {
                quote!(time::macros::date!(2026 - 01 - 01))
            }
            TypeRef::Formatted(format) => {
                let text = format.example();
                let ty = super::type_tokens(ty, None);
                let what = format!("a {}", format.rust_type());
                quote!(#text.parse::<#ty>().expect(#what))
            }
            TypeRef::I8 | TypeRef::I16 | TypeRef::I32 | TypeRef::I64 => integer(
                json.and_then(Value::as_i64)
                    .or_else(|| hint.least_integer())
                    .filter(|n| fits(ty, *n as i128))
                    .unwrap_or(0),
            ),
            TypeRef::U8 | TypeRef::U16 | TypeRef::U32 | TypeRef::U64 => {
                let n = json
                    .and_then(Value::as_u64)
                    .or_else(|| hint.least_integer().and_then(|n| u64::try_from(n).ok()))
                    .filter(|n| fits(ty, *n as i128))
                    .unwrap_or(0);
                let literal = proc_macro2::Literal::u64_unsuffixed(n);
                quote!(#literal)
            }
            TypeRef::F64 => {
                let n = json
                    .and_then(Value::as_f64)
                    .or_else(|| hint.least_integer().map(|n| n as f64))
                    .filter(|n| n.is_finite())
                    .unwrap_or(0.0);
                let literal = proc_macro2::Literal::f64_unsuffixed(n);
                quote!(#literal)
            }
            // JSON text is also the tokens of `json!`, except for `\u` escapes
            // (Rust writes `\u{…}`), which fall back to `null`.
            // With no example, an empty object: a value for a body or a
            // required property, where `null` would often be refused.
            TypeRef::Json => match json
                .map(Value::to_string)
                .filter(|text| !text.contains("\\u"))
                .and_then(|text| text.parse::<TokenStream>().ok())
            {
                Some(tokens) => quote!(serde_json::json!(#tokens)),
                None if json.is_none() => quote!(serde_json::json!({})),
                None => quote!(serde_json::Value::Null),
            },
            TypeRef::Vec(item) => {
                if stack
                    .iter()
                    .any(|s| matches!(&**item, TypeRef::Named { name, .. } if name == s))
                {
                    return Some(quote!(Vec::new()));
                }
                match json {
                    Some(Value::Array(items)) if items.is_empty() => quote!(Vec::new()),
                    _ => {
                        let first = json.and_then(|j| j.as_array()).and_then(|a| a.first());
                        let item = self.value(item, first, hint, false, stack, modules)?;
                        quote!(vec![#item])
                    }
                }
            }
            TypeRef::Map(_) => quote!(std::collections::BTreeMap::new()),
            // Made by the client from a response, never by a caller.
            TypeRef::Download => return None,
            TypeRef::Upload => {
                let lib = ident(&self.lib);
                quote!(#lib::Upload::from_path("<file>"))
            }
            TypeRef::Nullable(inner) => match json {
                Some(value) if !value.is_null() => {
                    let inner = self.value(inner, Some(value), hint, false, stack, modules)?;
                    quote!(Some(#inner))
                }
                Some(_) => quote!(None),
                // No example: a value shows how one is built (and a server
                // that needs one, as a required body, gets it); `None` only
                // when no value can be written.
                None => {
                    let mut tried = modules.clone();
                    match self.value(inner, None, hint, false, stack, &mut tried) {
                        Some(inner) => {
                            *modules = tried;
                            quote!(Some(#inner))
                        }
                        None => quote!(None),
                    }
                }
            },
            TypeRef::Boxed(inner) => {
                let inner = self.value(inner, json, hint, false, stack, modules)?;
                quote!(Box::new(#inner))
            }
            TypeRef::Named { module, name } => {
                let def = self.types.get(&(*module, name.as_str()))?;
                if stack.contains(name) {
                    return None;
                }
                stack.push(name.clone());
                let built = self.named(def, json, hint, stack, modules);
                stack.pop();
                built?
            }
        })
    }

    fn named(
        &self,
        def: &TypeDef,
        json: Option<&Value>,
        hint: Hint<'_>,
        stack: &mut Vec<String>,
        modules: &mut BTreeSet<Module>,
    ) -> Option<TokenStream> {
        modules.insert(def.module);
        // A value with no example of its own takes its schema's.
        let json = json.or_else(|| def.examples.first());
        let module = super::module_ident(def.module);
        let name = ident(&def.name);
        Some(match &def.kind {
            TypeKind::Struct(body) => {
                let mut args = Vec::new();
                // A field `new` fills in itself (`fixed`) is no argument.
                for field in body
                    .fields
                    .iter()
                    .filter(|f| f.required && f.fixed.is_none())
                {
                    let value = json
                        .and_then(|j| j.get(&field.wire_name))
                        .or(field.default.as_ref());
                    let into = field.ty == TypeRef::String;
                    let hint = Hint::new(&field.wire_name, &field.hints);
                    args.push(self.value(&field.ty, value, hint, into, stack, modules)?);
                }
                quote!(#module::#name::new(#(#args),*))
            }
            TypeKind::Enum(values) => {
                let chosen = json
                    .and_then(Value::as_str)
                    .and_then(|wire| values.variants.iter().find(|v| v.wire_value == wire))
                    .or_else(|| values.variants.first());
                match chosen {
                    Some(variant) => {
                        let variant = ident(&variant.rust_name);
                        quote!(#module::#name::#variant)
                    }
                    // An enum that lists no value: any text reads into it.
                    None => quote!(#module::#name::from("<value>".to_owned())),
                }
            }
            TypeKind::IntEnum(values) => {
                let chosen = json
                    .and_then(Value::as_i64)
                    .and_then(|n| values.variants.iter().find(|(_, v)| *v == n))
                    .or_else(|| values.variants.first());
                match chosen {
                    Some((variant, _)) => {
                        let variant = ident(variant);
                        quote!(#module::#name::#variant)
                    }
                    None => quote!(#module::#name::from(0)),
                }
            }
            TypeKind::Union(union) => {
                // The first alternative that has a value; the spec's example
                // may be of another, so it is not used. With a discriminator,
                // the alternative's tag fills the tag property.
                let (variant, value) = union.variants.iter().find_map(|variant| {
                    let tagged = union
                        .discriminator
                        .as_ref()
                        .zip(variant.tags.first())
                        .map(|(d, tag)| serde_json::json!({ d.property.as_str(): tag }));
                    let hint = hint.with(&variant.hints);
                    let value =
                        self.value(&variant.ty, tagged.as_ref(), hint, false, stack, modules)?;
                    Some((ident(&variant.rust_name), value))
                })?;
                quote!(#module::#name::#variant(#value))
            }
            // Built by the client from a response, never by a caller; a
            // user's own type is built as its own crate says.
            TypeKind::Statuses(_) | TypeKind::External(_) => return None,
            TypeKind::Alias(target) => {
                self.value(target, json, hint.with(&def.hints), false, stack, modules)?
            }
        })
    }
}

/// The builder call that sets a scheme's credentials, with placeholders.
fn credential(scheme: &SecurityScheme, lib: &str) -> TokenStream {
    let setter = ident(&scheme.setter);
    let lib = ident(lib);
    match &scheme.kind {
        SecurityKind::Bearer | SecurityKind::OAuth2 { token_url: None } => {
            quote!(.#setter("<token>"))
        }
        SecurityKind::OAuth2 { token_url: Some(_) } => quote! {
            .#setter(#lib::OAuth2::client_credentials("<client id>", "<client secret>"))
        },
        SecurityKind::Basic => quote!(.#setter("<username>", "<password>")),
        SecurityKind::ApiKeyHeader(_)
        | SecurityKind::ApiKeyQuery(_)
        | SecurityKind::ApiKeyCookie(_) => {
            quote!(.#setter("<api-key>"))
        }
    }
}

/// No hints: a value whose schema asks nothing beyond its type.
const NO_HINTS: ValueHints = ValueHints {
    format: None,
    pattern: None,
    minimum: None,
    maximum: None,
};

/// What an example value is for: the wire name (for a placeholder) and
/// what its schema asks.
#[derive(Clone, Copy)]
struct Hint<'h> {
    name: &'h str,
    hints: &'h ValueHints,
}

impl<'h> Hint<'h> {
    fn new(name: &'h str, hints: &'h ValueHints) -> Self {
        Hint { name, hints }
    }

    /// This hint with `hints` instead, when they ask anything (an alias's or
    /// an inline union alternative's own schema); else this one.
    fn with(self, hints: &'h ValueHints) -> Self {
        if *hints == NO_HINTS {
            self
        } else {
            Hint::new(self.name, hints)
        }
    }

    /// A string that fits the format, else the pattern when it is simple,
    /// else the reference pages' placeholder.
    fn text(self) -> String {
        self.hints
            .format
            .as_deref()
            .and_then(format_example)
            .map(str::to_owned)
            .or_else(|| self.hints.pattern.as_deref().and_then(pattern_example))
            .unwrap_or_else(|| placeholder(self.name).to_owned())
    }

    /// The least whole number the `minimum` allows, when 0 is below it.
    fn least_integer(self) -> Option<i64> {
        let (minimum, exclusive) = self.hints.minimum?;
        let least = if exclusive {
            minimum.floor() + 1.0
        } else {
            minimum.ceil()
        };
        (least > 0.0 && least < 9e15).then_some(least as i64)
    }
}

/// A value of a string `format`, when sdkgen knows the format.
fn format_example(format: &str) -> Option<&'static str> {
    Some(match format {
        "date" => "2026-01-01",
        "date-time" => "2026-01-01T00:00:00Z",
        "time" => "12:00:00",
        "duration" => "PT1S",
        "uuid" => "00000000-0000-4000-8000-000000000000",
        "email" => "user@example.com",
        "uri" | "url" | "uri-reference" | "iri" => "https://example.com",
        "hostname" => "example.com",
        "ipv4" | "ip" => "192.0.2.1",
        "ipv6" => "2001:db8::1",
        "byte" => "AAAA",
        _ => return None,
    })
}

/// The shortest string a simple `pattern` matches: literals, `\d`, `\w`,
/// character classes and the quantifiers `? * + {n} {n,m}`, anchored or
/// not. `None` for anything else (groups, alternatives, lookaround), which
/// is left to a placeholder.
fn pattern_example(pattern: &str) -> Option<String> {
    let body = pattern.strip_prefix('^').unwrap_or(pattern);
    let body = body.strip_suffix('$').unwrap_or(body);
    let mut chars = body.chars().peekable();
    let mut out = String::new();
    while let Some(c) = chars.next() {
        let atom = match c {
            '\\' => match chars.next()? {
                'd' => '0',
                'w' => 'a',
                escaped if escaped.is_ascii_alphanumeric() => return None,
                escaped => escaped,
            },
            '[' => {
                let mut class = Vec::new();
                loop {
                    match chars.next()? {
                        ']' if !class.is_empty() => break,
                        '\\' => class.push(chars.next()?),
                        c => class.push(c),
                    }
                }
                match class.first() {
                    Some('^') | None => return None,
                    Some(&first) => first,
                }
            }
            '(' | ')' | '|' | '.' | '^' | '$' | '*' | '+' | '?' | '{' => return None,
            literal => literal,
        };
        let count = match chars.peek() {
            Some('?' | '*') => {
                chars.next();
                0
            }
            Some('+') => {
                chars.next();
                1
            }
            Some('{') => {
                chars.next();
                let mut spec = String::new();
                loop {
                    match chars.next()? {
                        '}' => break,
                        c => spec.push(c),
                    }
                }
                spec.split(',')
                    .next()?
                    .trim()
                    .parse::<usize>()
                    .ok()?
                    .min(256)
            }
            _ => 1,
        };
        out.extend(std::iter::repeat_n(atom, count));
    }
    Some(out)
}

/// The reference pages' placeholders: `"<id>"` for identifiers, else
/// `"<value>"`.
fn placeholder(hint: &str) -> &'static str {
    let lower = hint.to_ascii_lowercase();
    if lower == "id" || hint.ends_with("Id") || hint.ends_with("ID") || lower.ends_with("_id") {
        "<id>"
    } else {
        "<value>"
    }
}

fn integer(n: i64) -> TokenStream {
    let literal = proc_macro2::Literal::i64_unsuffixed(n.abs());
    if n < 0 {
        quote!(-#literal)
    } else {
        quote!(#literal)
    }
}

/// Whether `n` fits the integer type `ty`.
fn fits(ty: &TypeRef, n: i128) -> bool {
    let (min, max): (i128, i128) = match ty {
        TypeRef::I8 => (i8::MIN.into(), i8::MAX.into()),
        TypeRef::I16 => (i16::MIN.into(), i16::MAX.into()),
        TypeRef::I32 => (i32::MIN.into(), i32::MAX.into()),
        TypeRef::I64 => (i64::MIN.into(), i64::MAX.into()),
        TypeRef::U8 => (0, u8::MAX.into()),
        TypeRef::U16 => (0, u16::MAX.into()),
        TypeRef::U32 => (0, u32::MAX.into()),
        TypeRef::U64 => (0, u64::MAX.into()),
        _ => return false,
    };
    (min..=max).contains(&n)
}

/// Statements formatted as prettyplease would inside a function, without the
/// function.
fn format_statements(statements: TokenStream) -> String {
    let file = format_file(quote! { fn example() { #statements } });
    let body: Vec<&str> = file.lines().collect();
    // `fn example() {` … `}`: the lines between, one indent less.
    let inner: Vec<&str> = body[1..body.len().saturating_sub(1)]
        .iter()
        .map(|line| line.strip_prefix("    ").unwrap_or(line))
        .filter(|line| !line.is_empty())
        .collect();
    after_uses(&inner.join("\n"))
}

fn format_file(tokens: TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => after_uses(prettyplease::unparse(&file).trim_end()),
        // Not reached for tokens built here; the unformatted text still reads.
        Err(_) => tokens.to_string(),
    }
}

/// A blank line after the `use` lines, as people write it (prettyplease
/// leaves none).
fn after_uses(code: &str) -> String {
    let mut out = Vec::new();
    let lines: Vec<&str> = code.lines().collect();
    for (index, line) in lines.iter().enumerate() {
        out.push(*line);
        let is_use = line.trim_start().starts_with("use ");
        let next = lines.get(index + 1).map(|l| l.trim_start());
        if is_use && next.is_some_and(|n| !n.is_empty() && !n.starts_with("use ")) {
            out.push("");
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(text: &str) -> Api {
        let loaded = crate::load::load("t.yaml", text).unwrap();
        crate::resolve::resolve("t.yaml", &loaded.doc).unwrap().api
    }

    const SPEC: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
  schemas:
    Pet:
      type: object
      required: [name, kind, tags]
      properties:
        name: {type: string}
        kind: {type: string, enum: [cat, dog]}
        tags: {type: array, items: {type: string}}
        age: {type: integer}
      example: {name: Rex, kind: dog, tags: [good]}
security: [{key: []}]
paths:
  /owners/{ownerId}/pets:
    post:
      operationId: addPet
      parameters:
        - {name: ownerId, in: path, required: true, schema: {type: string}, example: o-42}
        - {name: dryRun, in: query, schema: {type: boolean}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
      responses:
        '204': {description: added}
";

    #[test]
    fn examples_use_the_specs_examples() {
        let api = api(SPEC);
        let examples = Examples::new(&api, "pets");
        let pet = api.types.iter().find(|t| t.name == "Pet").unwrap();
        assert_eq!(
            examples.type_example(pet).unwrap(),
            "use pets::models;\n\nlet value: models::Pet = models::Pet::new(\n    \"Rex\",\n    models::PetKind::Dog,\n    vec![\"good\".to_owned()],\n);"
        );
        let call = examples.call_example(&api.operations[0]).unwrap();
        // The spec lists no server: the example sets a base URL.
        assert!(
            call.contains(
                "pets::Client::builder()\n        .base_url(\"http://127.0.0.1:8000\")\n        .key(\"<api-key>\")\n        .build()?"
            ),
            "{call}"
        );
        // The parameter's example; the optional query parameter is left out.
        assert!(
            call.contains("operations::AddPetRequest::new(\n        \"o-42\","),
            "{call}"
        );
        assert!(!call.contains("dry_run"), "{call}");
        assert!(call.contains("client.add_pet(request).await?"), "{call}");
    }

    #[test]
    fn placeholders_fill_what_the_spec_does_not_show() {
        let api = api(&SPEC
            .replace(" example: o-42", "")
            .replace("      example: {name: Rex, kind: dog, tags: [good]}\n", ""));
        let examples = Examples::new(&api, "pets");
        let request = examples.request_example(&api.operations[0]).unwrap();
        assert!(request.contains("\"<id>\""), "{request}");
        assert!(
            request.contains(
                "models::Pet::new(\"<value>\", models::PetKind::Cat, vec![\"<value>\".to_owned()])"
            ),
            "{request}"
        );
    }

    #[test]
    fn a_discriminated_union_example_carries_its_tag() {
        let api = api("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Shape:\n      oneOf: [{$ref: '#/components/schemas/Circle'}]\n      discriminator: {propertyName: kind, mapping: {round: '#/components/schemas/Circle'}}\n    Circle:\n      type: object\n      required: [kind, radius]\n      properties:\n        kind: {type: string}\n        radius: {type: number}\n");
        let examples = Examples::new(&api, "t");
        let shape = api.types.iter().find(|t| t.name == "Shape").unwrap();
        let example = examples.type_example(shape).unwrap();
        assert!(
            example.contains("models::Shape::Circle(models::Circle::new(\"round\", 0.0))"),
            "{example}"
        );
    }

    #[test]
    fn a_type_that_holds_itself_has_no_example() {
        let api = api("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Node:\n      type: object\n      required: [next]\n      properties:\n        next: {$ref: '#/components/schemas/Node'}\n");
        let examples = Examples::new(&api, "t");
        assert_eq!(examples.type_example(&api.types[0]), None);
    }

    /// Without examples, the values fit what the schema asks: a default, a
    /// format, a simple pattern, a minimum; an inline union alternative's
    /// format; a placeholder only for the rest.
    #[test]
    fn examples_fit_formats_patterns_defaults_and_minimums() {
        let api = api("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /m/{sid}:\n    post:\n      operationId: send\n      parameters:\n        - {name: sid, in: path, required: true, schema: {type: string, pattern: '^MG[0-9a-f]{4}$'}}\n        - {name: day, in: query, required: true, schema: {type: string, format: date}}\n        - {name: size, in: query, required: true, schema: {type: integer, minimum: 1, default: 20}}\n        - {name: floor, in: query, required: true, schema: {type: integer, minimum: 0, exclusiveMinimum: true}}\n        - {name: who, in: query, required: true, schema: {oneOf: [{type: string, format: uuid}, {type: string, pattern: '^(?!x)'}]}}\n        - {name: note, in: query, required: true, schema: {type: string}}\n      responses:\n        '204': {description: sent}\n");
        let call = Examples::new(&api, "m")
            .call_example(&api.operations[0])
            .unwrap();
        for expected in [
            "\"MG0000\"",
            "\"2026-01-01\"",
            "20,",
            "1,",
            "\"00000000-0000-4000-8000-000000000000\"",
            "\"<value>\"",
        ] {
            assert!(call.contains(expected), "{expected} in\n{call}");
        }
    }

    #[test]
    fn simple_patterns_and_known_formats_give_values_that_fit() {
        use super::{format_example, pattern_example};
        assert_eq!(
            pattern_example("^MG[0-9a-f]{32}$").unwrap(),
            format!("MG{}", "0".repeat(32))
        );
        assert_eq!(
            pattern_example(r"^\d{3}-\d{2,4}$").as_deref(),
            Some("000-00")
        );
        assert_eq!(pattern_example("^[A-Z]+_x?$").as_deref(), Some("A_"));
        assert_eq!(pattern_example(r"^a\.b$").as_deref(), Some("a.b"));
        for hard in ["^(a|b)$", "^[^x]+$", "^(?!x)a$", "a.b", r"\p{L}"] {
            assert_eq!(pattern_example(hard), None, "{hard}");
        }
        assert_eq!(format_example("date"), Some("2026-01-01"));
        assert_eq!(format_example("no-such-format"), None);
    }

    #[test]
    fn placeholders_follow_the_reference_pages() {
        assert_eq!(placeholder("serviceId"), "<id>");
        assert_eq!(placeholder("client_id"), "<id>");
        assert_eq!(placeholder("ticket"), "<value>");
        assert_eq!(placeholder("idea"), "<value>");
    }

    #[test]
    fn statements_are_formatted_without_their_function() {
        let text = format_statements(quote! { use a::b; let value = 1; let other = 2; });
        assert_eq!(text, "use a::b;\n\nlet value = 1;\nlet other = 2;");
    }
}
