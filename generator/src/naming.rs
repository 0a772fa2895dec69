//! Every rule that turns a name in the document into a Rust name lives here, so
//! the rules can be read (and are documented in README) in one place.
//!
//! - Types: `UpperCamelCase` of the schema name. A name that clashes with an item
//!   of std's prelude (`Result`, `Option`, `Box`, `String`, `Vec`, …) or with the
//!   generated crate's own root items (`Client`, `Error`, …) gets the suffix
//!   `Model`: the `result` schema becomes `ResultModel`.
//! - Inline schemas take the name of where they stand: a request body is
//!   `{OperationId}RequestBody`; a property's schema is `{Parent}{Property}`, where
//!   the parent of an operation's inline body is the operation itself
//!   (`{OperationId}{Property}`), so `reason` in the inline body of
//!   `backchannel_authentication_fail_api` is `BackchannelAuthenticationFailApiReason`.
//! - A leading `+` or `-` is spelled `plus`/`minus`; a leading digit gets `T`
//!   (types), `V` (variants) or `n` (fields) in front.
//! - Fields, parameters and methods: `snake_case`; Rust keywords become raw
//!   identifiers (`r#type`), except those that cannot be raw (`self`, `Self`,
//!   `super`, `crate`), which get a trailing underscore.
//! - A request type is `{OperationId}Request`; its body field is the snake_case
//!   name of the body's schema when it is a `$ref`, else `request_body`.
//! - Inline array items are `{Parent}Item`; inline map values `{Parent}Value`;
//!   inline `oneOf`/`anyOf` alternatives `{Parent}Variant{n}`. A union's variants
//!   are named after their types (`Cat`, `String`, `IntegerList`), or after
//!   their tags when the union has them; then an inline alternative is
//!   `{Union}{Variant}` (`AddressAllocatorExplicit`, not
//!   `AddressAllocatorVariant1`), and the inline types in it follow
//!   (`AddressAllocatorExplicitType`).
//! - A model's or request type's setter is its field's name, or `set_{field}`
//!   when the type has a method of that name (`new`, or one of a derived
//!   trait such as `clone`); an optional nullable field also has
//!   `{field}_null`, which sets it to `null`.
//! - FastAPI's default operationIds, `{route}_{path}_{method}` with every
//!   character of the path that is not a letter, digit or `_` written `_`
//!   (`get_user_order_users__user_id__orders__order_id__get`), are named by
//!   their route alone (`get_user_order`, `GetUserOrderRequest`), and its
//!   body components `Body_{operationId}` are `{Route}Body` (a `$ref` body's
//!   field `get_user_order_body`). Only an id that ends with its own
//!   operation's path and method is read so.
//! - A component sent as a multipart body and also as JSON has a twin for the
//!   multipart body, `{Name}Form`, whose file fields are `Upload`s.
//! - Names that still collide within one module get `2`, `3`, … in document order.

use std::collections::BTreeSet;

use heck::{ToKebabCase, ToLowerCamelCase, ToSnakeCase, ToUpperCamelCase};

use crate::ir::Status;

/// Items a user may have in scope next to a glob import of `models::*`: std's
/// prelude and the generated crate's root. A type with one of these names would
/// shadow it.
const RESERVED_TYPE_NAMES: &[&str] = &[
    // std prelude types and traits
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Box",
    "String",
    "Vec",
    "ToString",
    "ToOwned",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "AsRef",
    "AsMut",
    "Default",
    "Iterator",
    "IntoIterator",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "Extend",
    "FromIterator",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Debug",
    "Hash",
    "Self",
    // the generated crate's own root items
    "Client",
    "ClientBuilder",
    "Error",
    "ApiResponse",
    "BuildError",
];

/// Methods every generated `Client` (and the blocking one) has; operations get
/// other names.
pub const CLIENT_METHODS: &[&str] = &[
    "base_url",
    "block_on",
    "builder",
    "client",
    // A split workspace's facade and tag crates make clients with it.
    "from_core",
    "new",
    "with_header",
    "with_retry",
    "with_timeout",
];

/// Methods every generated `ClientBuilder` has; security scheme setters get
/// other names.
pub const BUILDER_METHODS: &[&str] = &[
    "base_url",
    "build",
    "connect_timeout",
    "http_client",
    "max_response_bytes",
    "new",
    "on_request",
    "on_response",
    "retry",
    "server",
    "server_variable",
    "timeout",
];

/// The suffix that moves a type name off a reserved name.
const RESERVED_SUFFIX: &str = "Model";

/// Keywords that can be written as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// `UpperCamelCase` of `raw` as an ASCII identifier: `if_empty` when nothing is
/// left, `digit_prefix` in front of a leading digit.
fn upper_camel_ident(raw: &str, if_empty: &str, digit_prefix: char) -> String {
    let mut name = raw.to_upper_camel_case();
    name.retain(|c| c.is_ascii_alphanumeric());
    if name.is_empty() {
        name.push_str(if_empty);
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, digit_prefix);
    }
    name
}

/// The Rust type name for a schema or operation name.
pub fn type_name(raw: &str) -> String {
    let mut name = upper_camel_ident(raw, "Unnamed", 'T');
    if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
        name.push_str(RESERVED_SUFFIX);
    }
    name
}

/// The type name of an inline schema found at `property` inside `parent` (a type
/// name, or an operation's base name).
pub fn nested_type_name(parent: &str, property: &str) -> String {
    type_name(&format!("{parent}_{property}"))
}

/// The type name of an inline schema that is the item of an array named `parent`.
pub fn item_type_name(parent: &str) -> String {
    nested_type_name(parent, "item")
}

/// The type name of an inline schema that is the value of a map named `parent`.
pub fn map_value_type_name(parent: &str) -> String {
    nested_type_name(parent, "value")
}

/// The field of a struct that gathers the properties its schema does not
/// list.
pub const ADDITIONAL_PROPERTIES_FIELD: &str = "additional_properties";

/// The type name of the inline schema that is alternative `index` (from 0) of
/// a `oneOf`/`anyOf` named `parent`: `{Parent}Variant{index + 1}`.
pub fn union_member_type_name(parent: &str, index: usize) -> String {
    nested_type_name(parent, &format!("variant_{}", index + 1))
}

/// The type name of an inline alternative of union `union` whose variant,
/// named by its tag, is `variant`: `{Union}{Variant}`.
pub fn tagged_member_type_name(union: &str, variant: &str) -> String {
    nested_type_name(union, variant)
}

/// The variant name of a union alternative of type `ty`: a named type's name,
/// else the kind of value (`String`, `Integer`, `List`, …).
pub fn union_variant_name(ty: &crate::ir::TypeRef) -> String {
    use crate::ir::TypeRef;
    match ty {
        TypeRef::Named { name, .. } => name.clone(),
        TypeRef::String => "String".to_owned(),
        TypeRef::Formatted(format) => match format {
            crate::ir::Format::ChronoDateTime => "DateTime",
            crate::ir::Format::ChronoDate => "Date",
            crate::ir::Format::Uuid => "Uuid",
            crate::ir::Format::Url => "Url",
            crate::ir::Format::Decimal => "Decimal",
            crate::ir::Format::Bytes => "Bytes",
            crate::ir::Format::TimeDateTime => "DateTime",
            crate::ir::Format::TimeDate => "Date",
        }
        .to_owned(),
        TypeRef::Bool => "Boolean".to_owned(),
        TypeRef::F64 => "Number".to_owned(),
        TypeRef::I8
        | TypeRef::I16
        | TypeRef::I32
        | TypeRef::I64
        | TypeRef::U8
        | TypeRef::U16
        | TypeRef::U32
        | TypeRef::U64 => "Integer".to_owned(),
        TypeRef::Json => "Value".to_owned(),
        TypeRef::Download => "Download".to_owned(),
        TypeRef::Upload => "Upload".to_owned(),
        TypeRef::Vec(item) => format!("{}List", union_variant_name(item)),
        TypeRef::Map(value) => format!("{}Map", union_variant_name(value)),
        TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => union_variant_name(inner),
    }
}

/// Methods every model and request type has, or reaches through a trait it
/// derives: a setter of the same name would shadow the trait's method
/// (`value.clone()` would call the setter), so setters get other names.
pub const VALUE_METHODS: &[&str] = &[
    "new",
    "default",
    "clone",
    "clone_from",
    "eq",
    "ne",
    "fmt",
    "hash",
    "serialize",
    "deserialize",
    "to_owned",
    "to_string",
    "into",
    "try_into",
    "borrow",
    "borrow_mut",
    "type_id",
    // The names of std's operator and conversion traits' methods: a setter
    // `sub(self, value) -> Self` reads as `Sub::sub` to clippy
    // (`should_implement_trait`), and to a reader.
    "add",
    "sub",
    "mul",
    "div",
    "rem",
    "neg",
    "not",
    "bitand",
    "bitor",
    "bitxor",
    "shl",
    "shr",
    "index",
    "index_mut",
    "deref",
    "deref_mut",
    "as_ref",
    "as_mut",
    "cmp",
    "partial_cmp",
    "drop",
    "next",
    "from_iter",
    "from_str",
    "into_iter",
];

/// Claims, among a model's or request type's `methods`, the setter of
/// `field`: the field's name, or `set_` and the name when the type has a
/// method of that name already (`new`, `clone`).
pub fn claim_setter(methods: &mut Scope, field: &str) -> String {
    if methods.is_free(field) {
        methods.claim(field.to_owned())
    } else {
        methods.claim(format!("set_{}", field.trim_start_matches("r#")))
    }
}

/// Claims the method that sets an optional nullable `field` to `null`:
/// `{field}_null`.
pub fn claim_null_setter(methods: &mut Scope, field: &str) -> String {
    methods.claim(format!("{}_null", field.trim_start_matches("r#")))
}

/// The private function that gives the default of field `field` of type
/// `owner`, for `#[serde(default = …)]`.
pub fn default_fn_name(owner: &str, field: &str) -> String {
    format!(
        "default_{}_{}",
        owner.to_snake_case(),
        field.trim_start_matches("r#")
    )
}

/// The base of every type name that belongs to one operation.
pub fn operation_base(operation_id: &str) -> String {
    type_name(operation_id)
}

/// The request type of an operation.
pub fn request_type_name(operation_id: &str) -> String {
    format!("{}Request", operation_base(operation_id))
}

/// The type of an operation's inline request body.
pub fn request_body_type_name(operation_id: &str) -> String {
    format!("{}RequestBody", operation_base(operation_id))
}

/// The type of an operation's inline response body for status `key` (`200`,
/// `4XX`, `default`): `{Op}Response` for the first success status, else
/// `{Op}Response{Key}`. `base` is the operation's `operation_base`.
pub fn response_type_name(base: &str, key: &str, primary: bool) -> String {
    if primary {
        format!("{base}Response")
    } else {
        format!("{base}Response{}", key.to_upper_camel_case())
    }
}

/// The enum of an operation's success responses when their bodies differ:
/// `{Base}Success`.
pub fn success_enum_name(base: &str) -> String {
    format!("{base}Success")
}

/// The enum of an operation's error responses when their bodies differ:
/// `{Base}Error`.
pub fn error_enum_name(base: &str) -> String {
    format!("{base}Error")
}

/// The variant of a response enum for `status`: the status's reason phrase
/// (`Created`, `NotFound`), `Status{code}` for a code without one,
/// `Status4xx` for a range, `Default` for `default`.
pub fn status_variant_name(status: Status) -> String {
    match status {
        // Variants live in their enum's scope, so `Ok` may keep its name.
        Status::Code(code) => match reason_phrase(code) {
            Some(phrase) => phrase.to_upper_camel_case(),
            None => format!("Status{code}"),
        },
        Status::Range(hundreds) => format!("Status{hundreds}xx"),
        Status::Default => "Default".to_owned(),
    }
}

/// A status as the document keys it: `404`, `4XX`, `default`.
pub fn status_key(status: Status) -> String {
    match status {
        Status::Code(code) => code.to_string(),
        Status::Range(hundreds) => format!("{hundreds}XX"),
        Status::Default => "default".to_owned(),
    }
}

/// RFC 9110's reason phrases (and a few registered since).
fn reason_phrase(code: u16) -> Option<&'static str> {
    Some(match code {
        100 => "continue",
        101 => "switching protocols",
        200 => "ok",
        201 => "created",
        202 => "accepted",
        203 => "non authoritative information",
        204 => "no content",
        205 => "reset content",
        206 => "partial content",
        207 => "multi status",
        208 => "already reported",
        226 => "im used",
        300 => "multiple choices",
        301 => "moved permanently",
        302 => "found",
        303 => "see other",
        304 => "not modified",
        307 => "temporary redirect",
        308 => "permanent redirect",
        400 => "bad request",
        401 => "unauthorized",
        402 => "payment required",
        403 => "forbidden",
        404 => "not found",
        405 => "method not allowed",
        406 => "not acceptable",
        407 => "proxy authentication required",
        408 => "request timeout",
        409 => "conflict",
        410 => "gone",
        411 => "length required",
        412 => "precondition failed",
        413 => "content too large",
        414 => "uri too long",
        415 => "unsupported media type",
        416 => "range not satisfiable",
        417 => "expectation failed",
        418 => "im a teapot",
        421 => "misdirected request",
        422 => "unprocessable entity",
        423 => "locked",
        424 => "failed dependency",
        425 => "too early",
        426 => "upgrade required",
        428 => "precondition required",
        429 => "too many requests",
        431 => "request header fields too large",
        451 => "unavailable for legal reasons",
        500 => "internal server error",
        501 => "not implemented",
        502 => "bad gateway",
        503 => "service unavailable",
        504 => "gateway timeout",
        505 => "http version not supported",
        507 => "insufficient storage",
        508 => "loop detected",
        511 => "network authentication required",
        _ => return None,
    })
}

/// The type of an inline schema inside the shared response
/// `components.responses[name]`: `{Name}Response`, or `Response{Name}` when the
/// name is a status code such as `400`.
pub fn component_response_type_name(name: &str) -> String {
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        type_name(&format!("response_{name}"))
    } else {
        type_name(&format!("{name}_response"))
    }
}

/// The field of a request type that holds the body: the schema's snake_case name
/// for a `$ref` body, `request_body` for an inline one.
pub fn body_field_name(schema_name: Option<&str>) -> String {
    match schema_name {
        Some(name) => field_name(name),
        None => "request_body".to_owned(),
    }
}

/// The key of the body field when a request type is serialized: the
/// lowerCamelCase of the field name, as the reference pages show it.
pub fn body_key(field: &str) -> String {
    field.trim_start_matches("r#").to_lower_camel_case()
}

/// The default package name of a generated crate: the kebab-case of the
/// spec's title (`Authlete API` → `authlete-api`).
pub fn crate_name(title: &str) -> String {
    let mut name = title.to_kebab_case();
    name.retain(|c| c.is_ascii_alphanumeric() || c == '-');
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "api-");
    }
    let name = name.trim_end_matches('-').to_owned();
    // A title such as "Self" would give a keyword for a library name.
    if crate_name_problem(&name).is_some() {
        format!("{name}-api")
    } else {
        name
    }
}

/// A leading `+` or `-` is spelled out (`+1` → `plus_1`, `-1` → `minus_1`),
/// because both would otherwise vanish and leave two names the same.
fn spell_sign(raw: &str) -> std::borrow::Cow<'_, str> {
    match raw.as_bytes().first() {
        Some(b'+') => format!("plus_{}", &raw[1..]).into(),
        Some(b'-') => format!("minus_{}", &raw[1..]).into(),
        _ => raw.into(),
    }
}

/// The markdown pages of a module's types, as the reference pages name
/// theirs: the Rust name in lowercase (`BackchannelAuthenticationFailRequest`
/// → `backchannelauthenticationfailrequest.md`). Names that differ only in
/// case (`AccessToken`, `Accesstoken`) would share a page on a file system
/// that ignores case, so the later one gets `2`, `3`, ….
pub fn page_files<'a>(type_names: impl IntoIterator<Item = &'a str>) -> Vec<(&'a str, String)> {
    let mut scope = Scope::new();
    type_names
        .into_iter()
        .map(|name| {
            let lower = name.trim_start_matches("r#").to_ascii_lowercase();
            (name, format!("{}.md", scope.claim(lower)))
        })
        .collect()
}

/// The folder, relative to the crate root, of the pages of a module's types:
/// component schemas under `docs/models`, operation types under
/// `docs/models/operations`, where the reference pages' links expect them.
pub fn page_folder(module: crate::ir::Module) -> &'static str {
    match module {
        crate::ir::Module::Models => "docs/models",
        crate::ir::Module::Operations => "docs/models/operations",
    }
}

/// The page of a tag, relative to the crate root: `docs/sdks/`, the tag's
/// snake_case (`Authorization Endpoint` → `authorization_endpoint`; a tag
/// with no letters or digits left is `default`, as are operations without a
/// tag), `README.md`.
pub fn tag_page(tag: &str) -> String {
    let mut name = tag.to_snake_case();
    name.retain(|c| c.is_ascii_alphanumeric() || c == '_');
    if name.is_empty() {
        name.push_str("default");
    }
    format!("docs/sdks/{name}/README.md")
}

/// Cargo features sdkgen itself gives a generated crate, which no tag may take.
const RESERVED_FEATURES: &[&str] = &[
    "default",
    "blocking",
    "full-serde",
    // The crates of a split workspace other than the tags' (`resolve::split`).
    "models",
    "native-tls",
    "rustls-tls",
    "tracing",
    "untagged",
];

/// The cargo feature of a tag: its kebab-case in ASCII letters, digits and
/// `-` (`Authorization Endpoint` → `authorization-endpoint`, `apps_v1` →
/// `apps-v1`), with `tag-` before one that would start with a digit and
/// `-api` after one sdkgen uses itself (`blocking` → `blocking-api`).
/// `None` for a tag with no letters or digits, whose operations are then
/// always compiled.
pub fn feature_name(tag: &str) -> Option<String> {
    let mut name = tag.to_kebab_case();
    name.retain(|c| c.is_ascii_alphanumeric() || c == '-');
    let name = name
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .to_ascii_lowercase();
    if name.is_empty() {
        None
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        Some(format!("tag-{name}"))
    } else if RESERVED_FEATURES.contains(&name.as_str()) {
        Some(format!("{name}-api"))
    } else {
        Some(name)
    }
}

/// Methods every generated `webhooks::Verifier` has; webhooks get other
/// names.
pub const VERIFIER_METHODS: &[&str] = &["at", "inner", "new", "tolerance", "verify"];

/// The `webhooks::Verifier` method that reads a webhook or callback: its
/// name, with its HTTP method when that is not POST (`onEvent` sent as PUT →
/// `on_event_put`).
pub fn webhook_method_name(webhook: &str, method: &str) -> String {
    if method.eq_ignore_ascii_case("post") {
        method_name(webhook)
    } else {
        method_name(&format!("{webhook}_{}", method.to_ascii_lowercase()))
    }
}

/// The component schema key of a webhook's inline payload (`newPet` →
/// `newPet_payload`, a type `NewPetPayload`); with the method when the webhook
/// has several (`newPet_post_payload`).
pub fn webhook_payload_key(webhook: &str, method: &str, several_methods: bool) -> String {
    if several_methods {
        format!("{webhook}_{method}_payload")
    } else {
        format!("{webhook}_payload")
    }
}

/// A crate of `generate --split`'s workspace for the package `crate_name`:
/// its package name, its folder and the facade `Client`'s field holding
/// its client, for a tag's feature (`issues` → `NAME-issues`,
/// `crates/issues`, `issues_ops`), `None` for the untagged operations'
/// crate, or `models`. The reserved feature names keep the last two apart
/// from any tag's.
pub fn split_crate(crate_name: &str, feature: Option<&str>) -> (String, String, String) {
    let suffix = feature.unwrap_or("untagged");
    (
        format!("{crate_name}-{suffix}"),
        format!("crates/{suffix}"),
        format!("{}_ops", suffix.to_snake_case()),
    )
}

/// The folder of a crate's runtime crate, below the crate's root.
pub const RUNTIME_DIR: &str = "runtime";

/// The package name of the runtime crate of the crate named `crate_name`.
pub fn runtime_crate_name(crate_name: &str) -> String {
    format!("{crate_name}-runtime")
}

/// The name code uses for a crate: its package name with `-` as `_`.
pub fn lib_name(crate_name: &str) -> String {
    crate_name.replace('-', "_")
}

/// Why `name` cannot be a generated crate's package name, if it cannot: it
/// must start with a letter, hold only ASCII letters, digits, `-` and `_`,
/// and its library name must not be a Rust keyword.
pub fn crate_name_problem(name: &str) -> Option<String> {
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Some(format!(
            "crate name {name:?} must start with an ASCII letter"
        ));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Some(format!(
            "crate name {name:?} may hold only ASCII letters, digits, `-` and `_`, not {bad:?}"
        ));
    }
    let lib = lib_name(name);
    if RAW_KEYWORDS.contains(&lib.as_str()) || NON_RAW_KEYWORDS.contains(&lib.as_str()) {
        return Some(format!("crate name {name:?} is a Rust keyword"));
    }
    None
}

/// A field, parameter or method name.
pub fn field_name(raw: &str) -> String {
    let mut name = spell_sign(raw).to_snake_case();
    name.retain(|c| c.is_ascii_alphanumeric() || c == '_');
    if name.is_empty() {
        name.push_str("value");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'n');
    }
    keyword_safe(name)
}

/// The route name of a FastAPI default operationId: `operation_id` less the
/// suffix FastAPI adds, `_{path}_{method}` with each character of `path`
/// that is not ASCII alphanumeric or `_` written `_`. `None` when the id
/// does not end so (or nothing is left).
pub fn route_name<'a>(operation_id: &'a str, method: &str, path: &str) -> Option<&'a str> {
    let mut suffix: String = path
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    suffix.push('_');
    suffix.push_str(&method.to_ascii_lowercase());
    let route = operation_id.strip_suffix(&suffix)?;
    (!route.is_empty() && route.chars().any(|c| c.is_ascii_alphanumeric())).then_some(route)
}

/// The name a FastAPI body component (`Body_{operationId}`) is known by when
/// its operation's id has a route name: `{route}_body`.
pub fn fastapi_body_key(key: &str, route_of: impl Fn(&str) -> Option<String>) -> Option<String> {
    let id = key.strip_prefix("Body_")?;
    Some(format!("{}_body", route_of(id)?))
}

/// The twin of a component schema `name` sent as a multipart body whose
/// file fields are `Upload`s, when the component is also used as JSON
/// (`resolve::uploads`): `{Name}Form`.
pub fn multipart_form_name(name: &str) -> String {
    format!("{name}Form")
}

/// The client method for an operation.
pub fn method_name(operation_id: &str) -> String {
    field_name(operation_id)
}

/// The client method that takes the body's encoding as an argument, beside
/// `method` (which sends the default one): `capture_charge_as`.
pub fn encoding_method_name(method: &str) -> String {
    format!("{}_as", method.trim_start_matches("r#"))
}

/// The client method that streams every item of a paginated operation's
/// pages: `list_things_stream`.
pub fn stream_method_name(method: &str) -> String {
    format!("{}_stream", method.trim_start_matches("r#"))
}

/// The client method that streams a paginated operation's whole pages:
/// `list_things_pages`.
pub fn pages_method_name(method: &str) -> String {
    format!("{}_pages", method.trim_start_matches("r#"))
}

/// The client method that asks an operation answering JSON or a stream for
/// the stream: `create_completion_events`.
pub fn events_method_name(method: &str) -> String {
    format!("{}_events", method.trim_start_matches("r#"))
}

/// The type of one item of a streamed response whose schema is inline:
/// `{Response}Event` for server-sent events, `{Response}Line` for JSON lines.
pub fn stream_item_name(response_type: &str, format: crate::ir::StreamFormat) -> String {
    match format {
        crate::ir::StreamFormat::ServerSentEvents => format!("{response_type}Event"),
        crate::ir::StreamFormat::JsonLines => format!("{response_type}Line"),
    }
}

/// The client builder's setter for a security scheme.
pub fn security_setter_name(scheme_key: &str) -> String {
    field_name(scheme_key)
}

/// An operation's id: its `operationId`, else one made from its method and
/// path ([`synthetic_operation_id`]).
pub fn operation_id(operation: &openapiv3::Operation, method: &str, path: &str) -> String {
    operation
        .operation_id
        .clone()
        .unwrap_or_else(|| synthetic_operation_id(method, path))
}

/// The operationId given to an operation that has none: method and path.
pub fn synthetic_operation_id(method: &str, path: &str) -> String {
    let mut id = method.to_ascii_lowercase();
    for part in path.split('/').filter(|p| !p.is_empty()) {
        id.push('_');
        match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            Some(param) => {
                id.push_str("by_");
                id.push_str(param);
            }
            None => id.push_str(part),
        }
    }
    id
}

/// The variant name for an enum's wire value.
pub fn variant_name(value: &str) -> String {
    let mut name = upper_camel_ident(&spell_sign(value), "Empty", 'V');
    if name == "Self" {
        name.push('_');
    }
    name
}

/// The name of an open enum's or union's catch-all variant: `Unknown`, or
/// `UnknownValue` (then numbered) when a listed value already took it.
pub fn unknown_variant_name(taken: &[String]) -> String {
    let mut scope = Scope::new();
    for name in taken {
        scope.claim(name.clone());
    }
    match scope.claim("Unknown".to_owned()).as_str() {
        "Unknown" => "Unknown".to_owned(),
        _ => scope.claim("UnknownValue".to_owned()),
    }
}

fn keyword_safe(name: String) -> String {
    if NON_RAW_KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else if RAW_KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Hands out names unique within one scope (a module's types, a struct's fields,
/// an enum's variants), adding `2`, `3`, … to later claimants of a taken name.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope in which nothing is taken.
    pub fn new() -> Self {
        Self::default()
    }

    /// A scope in which `taken` (names that are spoken for, such as a type's own
    /// methods) are taken already.
    pub fn with_taken(taken: &[&str]) -> Self {
        Scope {
            taken: taken.iter().map(|name| (*name).to_owned()).collect(),
        }
    }

    /// Whether `name` is free to claim as it is.
    pub fn is_free(&self, name: &str) -> bool {
        !self.taken.contains(name)
    }

    /// Claims `wanted`, or the first free `wanted{n}` for n = 2, 3, ….
    pub fn claim(&mut self, wanted: String) -> String {
        if self.taken.insert(wanted.clone()) {
            return wanted;
        }
        // A numbered raw identifier (`type2`) is no longer a keyword.
        let stem = wanted.strip_prefix("r#").unwrap_or(&wanted).to_owned();
        (2..)
            .map(|n| format!("{stem}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fastapi_ids_are_named_by_their_route() {
        use super::route_name;
        let id = "get_user_order_users__user_id__orders__order_id__get";
        assert_eq!(
            route_name(id, "GET", "/users/{user_id}/orders/{order_id}"),
            Some("get_user_order")
        );
        assert_eq!(
            route_name("read_ticket_pdf_get", "GET", "/ticket.pdf"),
            Some("read")
        );
        // Another method or path: not FastAPI's id for this operation.
        assert_eq!(
            route_name(id, "POST", "/users/{user_id}/orders/{order_id}"),
            None
        );
        assert_eq!(route_name("listPets", "GET", "/pets"), None);
        assert_eq!(route_name("_pets_get", "GET", "/pets"), None);
        assert_eq!(
            super::fastapi_body_key("Body_upload_files_post", |id| {
                (id == "upload_files_post").then(|| "upload".to_owned())
            }),
            Some("upload_body".to_owned())
        );
    }

    use super::*;

    #[test]
    fn feature_names_are_kebab_ascii_and_avoid_ours() {
        let name = |tag: &str| feature_name(tag);
        assert_eq!(
            name("Authorization Endpoint").as_deref(),
            Some("authorization-endpoint")
        );
        assert_eq!(name("apps_v1").as_deref(), Some("apps-v1"));
        assert_eq!(name("Café & Bar").as_deref(), Some("caf-bar"));
        assert_eq!(name("2fa").as_deref(), Some("tag-2fa"));
        assert_eq!(name("blocking").as_deref(), Some("blocking-api"));
        assert_eq!(name("Default").as_deref(), Some("default-api"));
        assert_eq!(name("—"), None);
    }

    #[test]
    fn pages_are_lowercase_names_unique_without_case() {
        assert_eq!(
            page_files([
                "BackchannelAuthenticationFailRequest",
                "AccessToken",
                "Accesstoken"
            ]),
            [
                (
                    "BackchannelAuthenticationFailRequest",
                    "backchannelauthenticationfailrequest.md".to_owned()
                ),
                ("AccessToken", "accesstoken.md".to_owned()),
                ("Accesstoken", "accesstoken2.md".to_owned()),
            ]
        );
        assert_eq!(
            tag_page("Authorization Endpoint"),
            "docs/sdks/authorization_endpoint/README.md"
        );
        assert_eq!(tag_page("日本"), "docs/sdks/default/README.md");
    }

    #[test]
    fn schema_names_become_upper_camel_case() {
        assert_eq!(
            type_name("backchannel_authentication_fail_request"),
            "BackchannelAuthenticationFailRequest"
        );
        assert_eq!(type_name("2fa-settings"), "T2faSettings");
    }

    #[test]
    fn prelude_and_crate_names_get_a_suffix() {
        assert_eq!(type_name("result"), "ResultModel");
        assert_eq!(type_name("Option"), "OptionModel");
        assert_eq!(type_name("client"), "ClientModel");
        assert_eq!(type_name("error"), "ErrorModel");
    }

    #[test]
    fn operation_type_names_follow_the_reference_pages() {
        let id = "backchannel_authentication_fail_api";
        assert_eq!(
            request_type_name(id),
            "BackchannelAuthenticationFailApiRequest"
        );
        assert_eq!(
            request_body_type_name(id),
            "BackchannelAuthenticationFailApiRequestBody"
        );
        assert_eq!(
            nested_type_name(&operation_base(id), "reason"),
            "BackchannelAuthenticationFailApiReason"
        );
        assert_eq!(
            nested_type_name("BackchannelAuthenticationFailRequest", "reason"),
            "BackchannelAuthenticationFailRequestReason"
        );
    }

    #[test]
    fn fields_are_snake_case_and_keyword_safe() {
        assert_eq!(field_name("errorDescription"), "error_description");
        assert_eq!(field_name("X-Request-Id"), "x_request_id");
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("use"), "r#use");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("1st"), "n1st");
        assert_eq!(field_name("+1"), "plus_1");
        assert_eq!(field_name("-1"), "minus_1");
        assert_eq!(body_field_name(None), "request_body");
        assert_eq!(
            body_field_name(Some("backchannel_authentication_fail_request")),
            "backchannel_authentication_fail_request"
        );
    }

    #[test]
    fn variants_are_upper_camel_case_of_the_value() {
        assert_eq!(
            variant_name("EXPIRED_LOGIN_HINT_TOKEN"),
            "ExpiredLoginHintToken"
        );
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("1"), "V1");
        assert_eq!(variant_name("+1"), "Plus1");
        assert_eq!(variant_name("-1"), "Minus1");
        assert_eq!(unknown_variant_name(&[]), "Unknown");
        assert_eq!(unknown_variant_name(&["Unknown".into()]), "UnknownValue");
    }

    #[test]
    fn operations_without_id_are_named_from_method_and_path() {
        assert_eq!(
            synthetic_operation_id("GET", "/api/{serviceId}/client/get"),
            "get_api_by_serviceId_client_get"
        );
    }

    #[test]
    fn scope_numbers_later_claimants() {
        let mut scope = Scope::new();
        assert_eq!(scope.claim("AccessToken".into()), "AccessToken");
        assert_eq!(scope.claim("AccessToken".into()), "AccessToken2");
        assert_eq!(scope.claim("AccessToken".into()), "AccessToken3");
        assert_eq!(scope.claim("r#type".into()), "r#type");
        assert_eq!(scope.claim("r#type".into()), "type2");
    }

    #[test]
    fn crate_names_from_titles_are_never_keywords_and_bad_ones_are_explained() {
        assert_eq!(crate_name("Authlete API"), "authlete-api");
        assert_eq!(crate_name("Self"), "self-api");
        assert_eq!(crate_name("2048"), "api-2048");
        assert_eq!(crate_name_problem("authlete-api"), None);
        assert!(crate_name_problem("a b").is_some());
        assert!(crate_name_problem("crate").is_some());
        assert!(crate_name_problem("").is_some());
    }

    #[test]
    fn status_variants_are_reason_phrases() {
        assert_eq!(status_variant_name(Status::Code(200)), "Ok");
        assert_eq!(
            status_variant_name(Status::Code(422)),
            "UnprocessableEntity"
        );
        assert_eq!(status_variant_name(Status::Code(299)), "Status299");
        assert_eq!(status_variant_name(Status::Range(4)), "Status4xx");
        assert_eq!(status_variant_name(Status::Default), "Default");
    }
}
