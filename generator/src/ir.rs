//! The intermediate representation between resolve and emit: plain data, every
//! name already decided (see `naming`), nothing left to look up in the document.
//! Vectors are kept in a deterministic order: document order for operations and
//! fields, and for types the order resolve defined them in (component schemas
//! in document order, each inline type right after the type that holds it).

/// A whole API, ready to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.version`, as written in the document.
    pub version: String,
    /// `info.description`.
    pub description: Option<String>,
    /// `servers`, in document order; the first is the client's default.
    pub servers: Vec<Server>,
    /// Every named type, component schemas and inline schemas alike.
    pub types: Vec<TypeDef>,
    /// Every operation, in document order.
    pub operations: Vec<Operation>,
    /// `components.securitySchemes`, in name order.
    pub security_schemes: Vec<SecurityScheme>,
    /// What sdkgen passed over, as `(JSON pointer, what)`: the generated docs
    /// of the type or operation at or above each pointer say so.
    pub notes: Vec<(String, String)>,
    /// The crate's cargo features, one per tag, in name order; empty when the
    /// API has fewer than two tags (see `resolve::features`).
    pub features: Vec<Feature>,
    /// The requests the API sends: 3.1 `webhooks` and 3.0 operations'
    /// `callbacks`, in document order.
    pub webhooks: Vec<Webhook>,
    /// How the API signs them.
    pub webhook_signature: WebhookSignature,
    /// Derives beyond sdkgen's own (`sdkgen.toml`), by type: `(module,
    /// name)` of a named type or a request type.
    pub derives: std::collections::BTreeMap<(Module, String), Vec<String>>,
    /// Dependencies the crate gets for the user's own types and derives
    /// (`sdkgen.toml`): `(name, Cargo dependency as TOML)`, in name order.
    pub extra_dependencies: Vec<(String, String)>,
    /// Whether each type compiles only the serde impls its direction needs
    /// (`TypeDef::wire`), request types and enums of responses by status
    /// none, the rest coming with the `full-serde` feature. False in a
    /// module, which has no features: everything gets both.
    pub serde_by_direction: bool,
    /// Where [`Api::named`] finds each type: emit looks types up by
    /// reference thousands of times, and a scan of `types` each time made
    /// large APIs quadratic.
    pub lookup: TypeLookup,
}

/// How many named types a walk through them ([`Api::dealiased`]) follows
/// into each other before it stops.
pub const ALIAS_DEPTH: usize = 4;

/// Each type's position in [`Api::types`] by module and name, made at the
/// first lookup. Passes may still change `types` after it is made, so a
/// position is believed only when the type found there has the name looked
/// for; otherwise (a type moved or added since) `types` is scanned. Never
/// part of what an `Api` is: every lookup compares equal, and a clone starts
/// empty.
#[derive(Default)]
pub struct TypeLookup(
    std::sync::OnceLock<
        std::collections::HashMap<Module, std::collections::HashMap<String, usize>>,
    >,
);

impl TypeLookup {
    fn find<'a>(&self, types: &'a [TypeDef], module: Module, name: &str) -> Option<&'a TypeDef> {
        let positions = self.0.get_or_init(|| {
            let mut positions =
                std::collections::HashMap::<_, std::collections::HashMap<_, _>>::new();
            for (at, def) in types.iter().enumerate() {
                positions
                    .entry(def.module)
                    .or_default()
                    .entry(def.name.clone())
                    .or_insert(at);
            }
            positions
        });
        let is = |def: &&TypeDef| def.module == module && def.name == name;
        positions
            .get(&module)
            .and_then(|names| names.get(name))
            .and_then(|&at| types.get(at))
            .filter(is)
            .or_else(|| types.iter().find(is))
    }
}

impl Clone for TypeLookup {
    fn clone(&self) -> Self {
        TypeLookup::default()
    }
}

impl PartialEq for TypeLookup {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for TypeLookup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TypeLookup")
    }
}

/// A request the API sends to the user's server (a webhook or a callback),
/// whose payload the `webhooks` module checks and reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    /// Its name: the webhook's key, or `operationId`'s callback key.
    pub key: String,
    /// The `webhooks::Verifier` method that reads it.
    pub method_name: String,
    /// The HTTP method the API sends it with.
    pub method: Method,
    /// The type of its JSON body.
    pub payload: TypeRef,
    /// Its summary or description.
    pub doc: Option<String>,
    /// Where it is declared (a JSON pointer).
    pub origin: String,
}

/// How an API signs the webhooks it sends (`x-webhook-signature`, or the
/// generator's configuration).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum WebhookSignature {
    /// Standard Webhooks (`webhook-id`, `webhook-timestamp`,
    /// `webhook-signature`).
    #[default]
    StandardWebhooks,
    /// The body's HMAC-SHA256 as hex in `header`, after `prefix`.
    HexBody {
        /// The header.
        header: String,
        /// What precedes the digits.
        prefix: String,
    },
    /// `t=…,v1=…` in `header`, over `<t>.<body>`.
    Timestamped {
        /// The header.
        header: String,
    },
}

/// A cargo feature of the generated crate: one tag's operations and the types
/// they reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feature {
    /// The feature's name (`naming::feature_name`).
    pub name: String,
    /// The tags whose name it is, in document order (two tags can spell one
    /// feature: `Apps` and `apps`).
    pub tags: Vec<String>,
}

/// How `sdkgen generate --split` lays out a workspace (`resolve::split::plan`):
/// one crate of every type and the runtime, one crate of operations per
/// group, and the facade at the root re-exporting them under the paths of
/// the unsplit crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitPlan {
    /// The package name of the crate of types (`github-models`).
    pub models_crate: String,
    /// Its folder, relative to the workspace root (`crates/models`).
    pub models_dir: String,
    /// The crates of operations, in feature order, the untagged last.
    pub groups: Vec<SplitGroup>,
}

/// One crate of operations in a split workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitGroup {
    /// Its package name (`github-issues`).
    pub crate_name: String,
    /// Its folder, relative to the workspace root (`crates/issues`).
    pub dir: String,
    /// The field of the facade's `Client` that holds this crate's client.
    pub field: String,
    /// The tag's feature; `None` for the operations without a tag, which
    /// are always compiled.
    pub feature: Option<String>,
    /// The operations it holds, by position in `Api::operations`: each
    /// operation lives in the crate of its first feature.
    pub operations: Vec<usize>,
    /// The features that need this crate (those of its operations), in
    /// name order; empty: always needed.
    pub enabled_by: Vec<String>,
    /// The types it holds, by position in `Api::types`: those only its
    /// feature's operations reach. The rest are in the models crate.
    pub types: Vec<usize>,
}

/// Each type's position in `types`, by module and name: for passes that look
/// types up many times while they change the list.
pub fn type_index(types: &[TypeDef]) -> std::collections::BTreeMap<(Module, &str), usize> {
    types
        .iter()
        .enumerate()
        .map(|(i, t)| ((t.module, t.name.as_str()), i))
        .collect()
}

// What a type or an operation holds, listed once here for the passes that
// read it (`features`) and those that rewrite it (`tagged_names`); a new
// place that holds a type goes into both twins.

/// The type references `kind` holds (fields, additional properties,
/// variants, an alias' target, response bodies).
pub fn kind_refs(kind: &TypeKind) -> Vec<&TypeRef> {
    match kind {
        TypeKind::Struct(body) => body
            .fields
            .iter()
            .map(|f| &f.ty)
            .chain([&body.additional])
            .collect(),
        TypeKind::Union(union) => union.variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(target) => vec![target],
        TypeKind::Statuses(variants) => variants.iter().filter_map(|v| v.ty.as_ref()).collect(),
        TypeKind::Enum(_) | TypeKind::IntEnum(_) | TypeKind::External(_) => Vec::new(),
    }
}

/// [`kind_refs`], to rewrite them.
pub fn kind_refs_mut(kind: &mut TypeKind) -> Vec<&mut TypeRef> {
    match kind {
        TypeKind::Struct(body) => body
            .fields
            .iter_mut()
            .map(|f| &mut f.ty)
            .chain([&mut body.additional])
            .collect(),
        TypeKind::Union(union) => union.variants.iter_mut().map(|v| &mut v.ty).collect(),
        TypeKind::Alias(target) => vec![target],
        TypeKind::Statuses(variants) => variants.iter_mut().filter_map(|v| v.ty.as_mut()).collect(),
        TypeKind::Enum(_) | TypeKind::IntEnum(_) | TypeKind::External(_) => Vec::new(),
    }
}

impl Operation {
    /// The type references the operation holds: parameters, body, responses
    /// and outcomes.
    pub fn type_refs(&self) -> Vec<&TypeRef> {
        let mut refs = self.sent_refs();
        refs.extend(self.received_refs());
        refs
    }

    /// The type references of what the client sends: parameters and body.
    pub fn sent_refs(&self) -> Vec<&TypeRef> {
        let parameters = self.parameters.iter().map(|p| &p.ty);
        parameters.chain(self.body.iter().map(|b| &b.ty)).collect()
    }

    /// The type references of what the client reads: responses, streams,
    /// pages and outcomes.
    pub fn received_refs(&self) -> Vec<&TypeRef> {
        let responses = self.responses.iter().filter_map(|r| r.body.as_ref());
        let streams = self.responses.iter().filter_map(|r| r.stream.as_ref());
        let paged = match &self.paging {
            Paging::Paged(pagination) => Some(&pagination.item),
            Paging::Single | Paging::Unclear(_) => None,
        };
        responses
            .chain(streams.map(|s| &s.item))
            .chain(self.success.as_ref())
            .chain(self.error.as_ref())
            .chain(paged)
            .chain(self.streaming.as_ref().map(|s| &s.item))
            .collect()
    }

    /// [`Operation::type_refs`], to rewrite them.
    pub fn type_refs_mut(&mut self) -> Vec<&mut TypeRef> {
        let parameters = self.parameters.iter_mut().map(|p| &mut p.ty);
        let body = self.body.iter_mut().map(|b| &mut b.ty);
        let (responses, streams): (Vec<_>, Vec<_>) = self
            .responses
            .iter_mut()
            .map(|r| (r.body.as_mut(), r.stream.as_mut().map(|s| &mut s.item)))
            .unzip();
        let paged = match &mut self.paging {
            Paging::Paged(pagination) => Some(&mut pagination.item),
            Paging::Single | Paging::Unclear(_) => None,
        };
        parameters
            .chain(body)
            .chain(responses.into_iter().flatten())
            .chain(streams.into_iter().flatten())
            .chain(self.success.as_mut())
            .chain(self.error.as_mut())
            .chain(paged)
            .chain(self.streaming.as_mut().map(|s| &mut s.item))
            .collect()
    }
}

impl TypeRef {
    /// The type without the `Option` and `Box` around it (`Option<Box<Pet>>`
    /// → `Pet`), lists and maps kept.
    pub fn unwrapped(&self) -> &TypeRef {
        match self {
            TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => inner.unwrapped(),
            other => other,
        }
    }

    /// Whether the type is one of the integer types.
    pub fn is_integer(&self) -> bool {
        matches!(
            self,
            TypeRef::I8
                | TypeRef::I16
                | TypeRef::I32
                | TypeRef::I64
                | TypeRef::U8
                | TypeRef::U16
                | TypeRef::U32
                | TypeRef::U64
        )
    }

    /// The type inside every list, map, `Option` and `Box` around it
    /// (`Vec<Option<Pet>>` → `Pet`).
    pub fn innermost(&self) -> &TypeRef {
        match self {
            TypeRef::Vec(inner)
            | TypeRef::Map(inner)
            | TypeRef::Nullable(inner)
            | TypeRef::Boxed(inner) => inner.innermost(),
            other => other,
        }
    }

    /// [`TypeRef::innermost`], to rewrite it.
    pub fn innermost_mut(&mut self) -> &mut TypeRef {
        match self {
            TypeRef::Vec(inner)
            | TypeRef::Map(inner)
            | TypeRef::Nullable(inner)
            | TypeRef::Boxed(inner) => inner.innermost_mut(),
            other => other,
        }
    }
}

impl Api {
    /// The definition `ty` names, when it is a named type.
    pub fn named(&self, ty: &TypeRef) -> Option<&TypeDef> {
        let TypeRef::Named { module, name } = ty else {
            return None;
        };
        self.lookup.find(&self.types, *module, name)
    }

    /// `ty` without its boxes and with its aliases followed, `depth` of them
    /// having been followed already: the type it stands for, and the depth
    /// reached. Aliases may name each other, so past [`ALIAS_DEPTH`] the walk
    /// stops on what it has reached.
    pub fn dealiased<'t>(&'t self, ty: &'t TypeRef, depth: usize) -> (&'t TypeRef, usize) {
        match ty {
            TypeRef::Boxed(inner) => self.dealiased(inner, depth),
            TypeRef::Named { .. } if depth < ALIAS_DEPTH => {
                match self.named(ty).map(|def| &def.kind) {
                    Some(TypeKind::Alias(target)) => self.dealiased(target, depth + 1),
                    _ => (ty, depth),
                }
            }
            _ => (ty, depth),
        }
    }

    /// Whether an operation streams its response (server-sent events, JSON
    /// lines): the crate then carries the runtime's `events`.
    pub fn has_streams(&self) -> bool {
        self.operations.iter().any(|op| op.streaming.is_some())
    }

    /// Whether the client makes idempotency keys for some operation: the
    /// crate then carries the runtime's `idempotency`.
    pub fn makes_idempotency_keys(&self) -> bool {
        self.operations
            .iter()
            .any(|op| op.idempotency.as_ref().is_some_and(|i| i.generated))
    }

    /// Whether the API marks an operation, parameter, property or schema
    /// `deprecated`: the crate's own code then names deprecated items, and
    /// allows the lint where it does.
    pub fn has_deprecated(&self) -> bool {
        self.operations
            .iter()
            .any(|op| op.deprecated || op.parameters.iter().any(|p| p.deprecated))
            || self.types.iter().any(|def| {
                def.deprecated
                    || matches!(&def.kind, TypeKind::Struct(body) if body.fields.iter().any(|f| f.deprecated))
            })
    }

    /// The typed string formats the crate uses (`sdkgen.toml`'s `formats`),
    /// in order, each once.
    pub fn formats(&self) -> Vec<Format> {
        fn walk(ty: &TypeRef, found: &mut std::collections::BTreeSet<Format>) {
            match ty {
                TypeRef::Formatted(format) => {
                    found.insert(*format);
                }
                TypeRef::Vec(inner)
                | TypeRef::Map(inner)
                | TypeRef::Nullable(inner)
                | TypeRef::Boxed(inner) => walk(inner, found),
                _ => {}
            }
        }
        let mut found = std::collections::BTreeSet::new();
        for ty in self
            .types
            .iter()
            .flat_map(|def| kind_refs(&def.kind))
            .chain(self.operations.iter().flat_map(|op| op.type_refs()))
        {
            walk(ty, &mut found);
        }
        found.into_iter().collect()
    }

    /// Whether a security scheme is OAuth 2.0 (or OpenID Connect): the crate
    /// root then offers `OAuth2` and its provider types.
    pub fn has_oauth2(&self) -> bool {
        self.security_schemes
            .iter()
            .any(|s| matches!(s.kind, SecurityKind::OAuth2 { .. }))
    }

    /// Whether a call of `op` may need an OAuth 2.0 token, which the client
    /// fetches (or asks a provider for): it can then fail with
    /// `Error::Auth`.
    pub fn needs_token(&self, op: &Operation) -> bool {
        op.security.iter().flatten().any(|need| {
            self.security_schemes
                .iter()
                .any(|s| s.key == need.scheme && matches!(s.kind, SecurityKind::OAuth2 { .. }))
        })
    }

    /// Whether an operation follows `Link` headers to its next pages.
    pub fn has_linked_pages(&self) -> bool {
        self.operations
            .iter()
            .any(|op| matches!(&op.paging, Paging::Paged(p) if p.kind == PageKind::Link))
    }

    /// Compiles everything unconditionally: for code that will be a module of
    /// another crate, where our features do not exist.
    pub fn drop_features(&mut self) {
        self.features.clear();
        for op in &mut self.operations {
            op.features.clear();
        }
        for def in &mut self.types {
            def.features.clear();
            // Nor the `full-serde` feature: every type gets both traits.
            def.wire = Wire::Both;
        }
        self.serde_by_direction = false;
    }

    /// The feature of `tag`, when the API is split by tag.
    pub fn feature_of_tag(&self, tag: &str) -> Option<&str> {
        self.features
            .iter()
            .find(|feature| feature.tags.iter().any(|t| t == tag))
            .map(|feature| feature.name.as_str())
    }

    /// The notes about the part of the document at `origin` or inside it.
    pub fn notes_under<'a>(&'a self, origin: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.notes
            .iter()
            .filter(move |(pointer, _)| {
                pointer == origin
                    || pointer
                        .strip_prefix(origin)
                        .is_some_and(|rest| rest.starts_with('/'))
            })
            .map(|(_, note)| note.as_str())
    }
}

/// One entry of `servers`.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// The URL with its variables at their defaults, with no trailing slash.
    pub url: String,
    /// The URL as written, with `{name}` where a variable goes and no
    /// trailing slash.
    pub template: String,
    /// The server's description.
    pub description: Option<String>,
    /// Its variables, in document order.
    pub variables: Vec<ServerVariable>,
}

/// A variable of a server URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerVariable {
    /// The name in the URL's braces.
    pub name: String,
    /// The value used unless the client sets another.
    pub default: String,
    /// The values allowed (`enum`; empty: any).
    pub values: Vec<String>,
    /// `description`.
    pub description: Option<String>,
}

/// The module of the generated crate that holds a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Module {
    /// `models`: component schemas and the inline schemas inside them.
    Models,
    /// `operations`: request types and the inline schemas of operations.
    Operations,
}

/// A named type to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The Rust type name.
    pub name: String,
    /// The module it lives in.
    pub module: Module,
    /// Documentation from the spec's `description` (or `title`).
    pub doc: Option<String>,
    /// JSON pointer of the schema it comes from.
    pub origin: String,
    /// Its shape.
    pub kind: TypeKind,
    /// The schema's `example`, when it has one.
    pub examples: Vec<serde_json::Value>,
    /// The cargo features of which any one compiles it (those of the tags
    /// whose operations reach it); empty: always compiled.
    pub features: Vec<String>,
    /// What its schema asks of a value (an alias of a string with a
    /// `format`), for the docs' examples.
    pub hints: ValueHints,
    /// Whether its schema says `deprecated: true`.
    pub deprecated: bool,
    /// Which way its values travel, and so which of serde's traits the
    /// client needs of it (see `resolve::wire`).
    pub wire: Wire,
}

/// Which way a type's values travel between client and server: what decides
/// whether the crate compiles its `Serialize` impl, its `Deserialize` impl or
/// both (the other comes with the `full-serde` feature). A type whose values
/// go nowhere (a component schema no operation uses) is `Both`: it has no
/// direction to be judged by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Wire {
    /// Only sent: in request bodies and parameters.
    Sent,
    /// Only read: in responses, streams and webhooks.
    Received,
    /// Both ways, or neither.
    #[default]
    Both,
}

impl Wire {
    /// Whether the client writes values of the type.
    pub fn serializes(self) -> bool {
        self != Wire::Received
    }

    /// Whether the client reads values of the type.
    pub fn deserializes(self) -> bool {
        self != Wire::Sent
    }
}

/// What a schema asks of a value beyond its type, which the docs' examples
/// honour so that a validating server accepts them: a string's `format`
/// and `pattern`, a number's `minimum`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ValueHints {
    /// `format` (`date`, `uuid`, `email`, …).
    pub format: Option<String>,
    /// `pattern`.
    pub pattern: Option<String>,
    /// The least value allowed (`minimum`, above it when exclusive).
    pub minimum: Option<(f64, bool)>,
    /// The greatest value allowed (`maximum`, below it when exclusive).
    pub maximum: Option<(f64, bool)>,
}

/// The shape of a named type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object with named properties.
    Struct(Struct),
    /// A string enum; open, so unknown wire values are kept.
    Enum(StringEnum),
    /// An integer enum; open, so unknown wire values are kept.
    IntEnum(IntEnum),
    /// Another name for a type (a component schema that is a primitive or array).
    Alias(TypeRef),
    /// A value of one of several types (`oneOf`, `anyOf`); open, so a value that
    /// matches none is kept as JSON.
    Union(Union),
    /// The success (or error) responses of one operation whose bodies differ:
    /// one variant per documented status, picked by the status, not by serde.
    Statuses(Vec<StatusVariant>),
    /// A type of the user's, named by its path (`sdkgen.toml`'s `replace`),
    /// used instead of generating one: the name is an alias of it.
    External(String),
}

/// One documented status of an operation's response enum.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusVariant {
    /// The Rust variant name (`Created`, `NotFound`, `Status4xx`).
    pub rust_name: String,
    /// The status it is for.
    pub status: Status,
    /// The body's type (`None`: a unit variant, no body).
    pub ty: Option<TypeRef>,
    /// How the body is read.
    pub media: ResponseMedia,
    /// The response's `description`.
    pub doc: Option<String>,
}

/// A `oneOf` or `anyOf`.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// The alternatives, in document order.
    pub variants: Vec<UnionVariant>,
    /// The property whose value names the alternative, when the schema has a
    /// `discriminator`.
    pub discriminator: Option<Discriminator>,
    /// The name of the variant that holds a value no alternative accepts.
    pub unknown_variant: String,
}

/// One alternative of a union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// The Rust variant name.
    pub rust_name: String,
    /// The type it holds.
    pub ty: TypeRef,
    /// The discriminator values that select it (empty without a discriminator).
    pub tags: Vec<String>,
    /// What an inline alternative's schema asks of a value (`format: uuid`),
    /// for the docs' examples.
    pub hints: ValueHints,
}

/// A union's `discriminator`.
#[derive(Debug, Clone, PartialEq)]
pub struct Discriminator {
    /// The property that holds the tag.
    pub property: String,
}

/// An object schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// Properties in document order.
    pub fields: Vec<Field>,
    /// The type of the properties `fields` does not list, gathered into a
    /// flattened map: the schema's `additionalProperties`, else any JSON
    /// value. JSON Schema allows properties a schema does not list, and a
    /// server that adds one must not see it dropped on the way back.
    pub additional: TypeRef,
    /// Whether the schema forbids properties it does not list
    /// (`additionalProperties: false`): a union does not pick it for a value
    /// that has some. One that arrives anyway is kept all the same.
    pub closed: bool,
}

/// One property of an object schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The Rust field name (may be a raw identifier such as `r#type`).
    pub rust_name: String,
    /// The property name on the wire.
    pub wire_name: String,
    /// The field's type, before any `Option` for optional fields.
    pub ty: TypeRef,
    /// Whether the schema lists the property in `required`.
    pub required: bool,
    /// Documentation from the property's `description`.
    pub doc: Option<String>,
    /// The property's `default` value.
    pub default: Option<serde_json::Value>,
    /// The function that fills a required field the server leaves out, when
    /// its `default` can be written as a Rust literal of its type.
    pub default_fn: Option<DefaultFn>,
    /// The variant of the only value a required field may hold (its type is
    /// an enum of one value, as a discriminated union's tag is): `new` fills
    /// it in instead of asking for it.
    pub fixed: Option<String>,
    /// What its schema asks of a value, for the docs' examples.
    pub hints: ValueHints,
    /// The method that sets it (an optional field), claimed among its
    /// type's methods.
    pub setter: Option<String>,
    /// The method that sets it to `null` (an optional field whose type is
    /// nullable), claimed likewise.
    pub null_setter: Option<String>,
    /// Whether its schema says `deprecated: true`.
    pub deprecated: bool,
}

/// A private function of a model's module that gives a field's default, for
/// `#[serde(default = …)]`.
#[derive(Debug, Clone, PartialEq)]
pub struct DefaultFn {
    /// Its name, claimed in the module's naming pass.
    pub name: String,
    /// What it returns.
    pub literal: Literal,
}

/// A `default` value that is a Rust literal of its field's type.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// A `String`.
    String(String),
    /// A `bool`.
    Bool(bool),
    /// An `f64`.
    Float(f64),
    /// An integer that fits the field's integer type.
    Integer(i128),
    /// An empty `Vec`.
    EmptyList,
    /// A listed value of a string enum: the variant's Rust name.
    Variant(String),
}

/// A string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct StringEnum {
    /// The listed values, in document order.
    pub variants: Vec<Variant>,
    /// The name of the variant that holds values the spec does not list.
    pub unknown_variant: String,
}

/// An integer enum.
#[derive(Debug, Clone, PartialEq)]
pub struct IntEnum {
    /// The listed values with their Rust variant names, in document order.
    pub variants: Vec<(String, i64)>,
    /// The name of the variant that holds values the spec does not list.
    pub unknown_variant: String,
}

/// One value of an enum.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The Rust variant name.
    pub rust_name: String,
    /// The value on the wire.
    pub wire_value: String,
    /// What the value means, when the spec says (the `description` of a
    /// `oneOf` alternative that lists it).
    pub doc: Option<String>,
}

/// A string `format` read as a Rust type of its own (`sdkgen.toml`'s
/// `formats`); each is a string on the wire, through the type's own serde
/// impls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// `date-time`: `chrono::DateTime<chrono::FixedOffset>` (RFC 3339).
    ChronoDateTime,
    /// `date`: `chrono::NaiveDate` (`2026-01-01`).
    ChronoDate,
    /// `uuid`: `uuid::Uuid`.
    Uuid,
    /// `uri`: `url::Url`.
    Url,
    /// `decimal` (a string): `rust_decimal::Decimal`.
    Decimal,
    /// `byte`: `Vec<u8>`, base64 on the wire (the runtime's `text_format`
    /// adapters; only as a struct field, see `resolve::formats`).
    Bytes,
    /// `date-time`: `time::OffsetDateTime` (RFC 3339, through the runtime's
    /// adapters, as `Bytes`).
    TimeDateTime,
    /// `date`: `time::Date` (`2026-01-01`, likewise).
    TimeDate,
}

impl Format {
    /// The Rust type, as a path from anywhere.
    pub fn rust_type(self) -> &'static str {
        match self {
            Format::ChronoDateTime => "chrono::DateTime<chrono::FixedOffset>",
            Format::ChronoDate => "chrono::NaiveDate",
            Format::Uuid => "uuid::Uuid",
            Format::Url => "url::Url",
            Format::Decimal => "rust_decimal::Decimal",
            Format::Bytes => "Vec<u8>",
            Format::TimeDateTime => "time::OffsetDateTime",
            Format::TimeDate => "time::Date",
        }
    }

    /// Whether its type's own serde does not write its text, so that a
    /// field of it names the runtime's `text_format` adapters (and it can
    /// stand only where one can be named).
    pub fn needs_adapter(self) -> bool {
        matches!(
            self,
            Format::Bytes | Format::TimeDateTime | Format::TimeDate
        )
    }

    /// A value of it, as text, for the docs' examples.
    pub fn example(self) -> &'static str {
        match self {
            Format::ChronoDateTime => "2026-01-01T00:00:00Z",
            Format::ChronoDate => "2026-01-01",
            Format::Uuid => "00000000-0000-4000-8000-000000000000",
            Format::Url => "https://example.com/",
            Format::Decimal => "12.50",
            Format::Bytes => "AAEC",
            Format::TimeDateTime => "2026-01-01T00:00:00Z",
            Format::TimeDate => "2026-01-01",
        }
    }

    /// The crate its type comes from, and the Cargo dependency the generated
    /// crate then has; `None` for bytes, a std type (base64 is the runtime
    /// adapter's, `runtime::Needs::text_format`).
    pub fn dependency(self) -> Option<(&'static str, &'static str)> {
        Some(match self {
            Format::ChronoDateTime | Format::ChronoDate => (
                "chrono",
                "{ version = \"0.4.20\", default-features = false, features = [\"serde\", \"std\"] }",
            ),
            Format::Uuid => ("uuid", "{ version = \"1\", features = [\"serde\"] }"),
            Format::Url => ("url", "{ version = \"2\", features = [\"serde\"] }"),
            // Its default serde writes text (the scale kept: `12.50`) and
            // reads text or a number.
            Format::Decimal => (
                "rust_decimal",
                "{ version = \"1.32\", default-features = false, features = [\"serde\", \"std\"] }",
            ),
            Format::Bytes => return None,
            Format::TimeDateTime | Format::TimeDate => (
                "time",
                "{ version = \"0.3.30\", features = [\"formatting\", \"macros\", \"parsing\"] }",
            ),
        })
    }
}

/// A reference to a type from a field, parameter or body.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `i8` (`format: int8`).
    I8,
    /// `i16` (`format: int16`).
    I16,
    /// `u8` (`format: uint8`).
    U8,
    /// `u16` (`format: uint16`).
    U16,
    /// `u32` (`format: uint32`).
    U32,
    /// `u64` (`format: uint64`, `uint`).
    U64,
    /// `f64`.
    F64,
    /// Any JSON value (`serde_json::Value`).
    Json,
    /// The body of a binary response, not read yet (the runtime's
    /// `Download`).
    Download,
    /// A file or bytes to send (the runtime's `Upload`): a binary request body,
    /// or a `format: binary` property of a multipart body, sent as a part of
    /// its own and never serialized.
    Upload,
    /// A string of a `format` typed as `sdkgen.toml`'s `formats` says.
    Formatted(Format),
    /// A named type of the generated crate.
    Named {
        /// The module it lives in.
        module: Module,
        /// Its Rust name.
        name: String,
    },
    /// `Vec<T>`.
    Vec(Box<TypeRef>),
    /// A string-keyed map, `BTreeMap<String, T>`.
    Map(Box<TypeRef>),
    /// A value that may be `null`: `Option<T>`.
    Nullable(Box<TypeRef>),
    /// A named type held through a `Box`, to break a cycle of types that would
    /// otherwise contain themselves.
    Boxed(Box<TypeRef>),
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// GET
    Get,
    /// PUT
    Put,
    /// POST
    Post,
    /// DELETE
    Delete,
    /// OPTIONS
    Options,
    /// HEAD
    Head,
    /// PATCH
    Patch,
    /// TRACE
    Trace,
}

impl Method {
    /// The method as it is sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

/// One operation: a method on a path.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The operationId (or the name made from method and path when it has none).
    pub id: String,
    /// The client method's name.
    pub method_name: String,
    /// The name of the method that takes the body's encoding as an argument,
    /// when the body may be sent as JSON or as a form.
    pub encoding_method: Option<String>,
    /// The name of the request type in `operations`.
    pub request_type: String,
    /// Whether it says `deprecated: true`.
    pub deprecated: bool,
    /// The HTTP method.
    pub method: Method,
    /// The path template, as written (`/api/{serviceId}/…`).
    pub path: String,
    /// The path split into literal text and parameters.
    pub path_segments: Vec<PathSegment>,
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `tags`.
    pub tags: Vec<String>,
    /// Parameters (path, query, header, cookie), path-level ones merged in.
    pub parameters: Vec<Parameter>,
    /// The request body, if the operation takes one.
    pub body: Option<RequestBody>,
    /// The documented responses, in status order.
    pub responses: Vec<Response>,
    /// The body type of the success value (`None`: no body, `()`): the one
    /// type of every success response, or the operation's enum of them
    /// (`TypeKind::Statuses`) when they differ.
    pub success: Option<TypeRef>,
    /// The body type of documented error responses (`None`: `()`), or the
    /// operation's enum of them when they differ.
    pub error: Option<TypeRef>,
    /// The security requirements that apply: alternatives, each the schemes
    /// keys that must all be satisfied. Empty means no authentication.
    pub security: Vec<Vec<Need>>,
    /// How a retry of the operation stays one action on the server, when the
    /// spec says it can.
    pub idempotency: Option<Idempotency>,
    /// The `Accept` header the client sends: every media type the operation's
    /// responses document, JSON first; `None` when they document none.
    pub accept: Option<String>,
    /// The operation's own `servers` (else its path item's), which replace
    /// the API's for it; empty when it has none. The first is where it is
    /// sent unless the caller sets the client's base URL.
    pub servers: Vec<Server>,
    /// JSON pointer of the operation.
    pub origin: String,
    /// The cargo features of its tags, any one of which compiles it; empty:
    /// always compiled.
    pub features: Vec<String>,
    /// Whether and how its results come in pages.
    pub paging: Paging,
    /// The stream its success response can be read as, when it documents
    /// one.
    pub streaming: Option<Streaming>,
}

/// Whether an operation's results come in pages the client can walk.
#[derive(Debug, Clone, PartialEq)]
pub enum Paging {
    /// One answer holds everything (or the spec does not say otherwise).
    Single,
    /// Pages the client follows.
    Paged(Pagination),
    /// The operation looks paginated but its shape is ambiguous: left alone,
    /// with why (said in its docs).
    Unclear(String),
}

/// How a list operation's pages follow each other.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// How the next page is asked for.
    pub kind: PageKind,
    /// Where the items are in the success body, field by field from the body
    /// down; empty when the body is the list itself.
    pub items: Vec<FieldStep>,
    /// The type of one item.
    pub item: TypeRef,
    /// The client method that streams every item (`list_things_stream`).
    pub stream_method: String,
    /// The client method that streams whole pages (`list_things_pages`).
    pub pages_method: String,
    /// What triggered it, for the docs and the corpus report (`link`,
    /// `cursor`, `x-dropshot-pagination`, …).
    pub source: String,
}

/// One field on the way to a value inside a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldStep {
    /// The Rust field name.
    pub rust_name: String,
    /// How many `Option`s wrap the field's value (optional, nullable, or
    /// both).
    pub options: u8,
}

/// How the next page of a list operation is asked for. Parameters are
/// indices into the operation's `parameters`.
#[derive(Debug, Clone, PartialEq)]
pub enum PageKind {
    /// The `next` link of the `Link` response header, followed as given.
    Link,
    /// A cursor from the body, sent back in a query parameter.
    Cursor {
        /// The query parameter that takes it.
        parameter: usize,
        /// Where the next cursor is in the body.
        next: Vec<FieldStep>,
        /// Query parameters left out of every page after the first (Dropshot
        /// refuses them beside a page token).
        reset: Vec<usize>,
    },
    /// "More after the last item": a flag in the body, and the last item's
    /// id sent back in a query parameter.
    AfterId {
        /// The query parameter that takes the id (`starting_after`).
        parameter: usize,
        /// Where the flag is in the body (`has_more`).
        has_more: Vec<FieldStep>,
        /// The id field of an item.
        id: FieldStep,
    },
    /// An offset into the whole list (`offset`, `start`), advanced by the
    /// number of items read.
    Offset {
        /// The query parameter of the offset.
        parameter: usize,
        /// A query parameter of the end of the window (exclusive), moved
        /// along with the offset (Authlete's `end`).
        end: Option<usize>,
        /// The page size parameter (`limit`).
        size: Option<PageSize>,
        /// Where the total count of items is in the body.
        total: Option<Vec<FieldStep>>,
    },
    /// Page numbers (`page`), counted from `first`.
    Page {
        /// The query parameter of the page number.
        parameter: usize,
        /// The number of the first page.
        first: i64,
        /// The page size parameter (`per_page`).
        size: Option<PageSize>,
        /// Where the total count of items is in the body.
        total: Option<Vec<FieldStep>>,
    },
}

/// The page size parameter of a list operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageSize {
    /// The query parameter.
    pub parameter: usize,
    /// Its `default`, the size the server uses when none is sent.
    pub default: Option<i64>,
    /// Its `maximum`: a size within it is one the server fills every page
    /// but the last to.
    pub maximum: Option<i64>,
}

/// The stream a success response can be read as.
#[derive(Debug, Clone, PartialEq)]
pub struct Streaming {
    /// Server-sent events or JSON lines.
    pub format: StreamFormat,
    /// The type of an event's data, or of a line.
    pub item: TypeRef,
    /// The data that ends the stream (`[DONE]`), when the spec names it.
    pub sentinel: Option<String>,
    /// The media type to ask for.
    pub media_type: String,
    /// The `Accept` header of a call that reads the stream: its media type,
    /// and JSON (for error bodies) below it. An operation that answers only
    /// the stream sends it as its own `accept`.
    pub accept: String,
    /// The client method that asks for the stream, when the operation's own
    /// method reads JSON (the same operation streams when asked); `None`
    /// when the operation answers only the stream, and its own method
    /// returns it.
    pub twin: Option<String>,
}

/// A streamed response's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StreamFormat {
    /// `text/event-stream`.
    ServerSentEvents,
    /// `application/x-ndjson`, `application/jsonl`, `application/json-seq`.
    JsonLines,
}

impl Operation {
    /// Whether the operation takes anything from the caller: an operation with
    /// no parameters and no body has no request type, and its method no
    /// argument.
    pub fn takes_request(&self) -> bool {
        !self.parameters.is_empty() || self.body.is_some()
    }
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// Text sent as it is.
    Literal(String),
    /// A path parameter, by its index in `Operation::parameters`.
    Parameter(usize),
}

/// Where a parameter goes in the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParameterLocation {
    /// In the path template.
    Path,
    /// In the query string.
    Query,
    /// In a request header.
    Header,
    /// In the `Cookie` header.
    Cookie,
}

/// One parameter of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// The name on the wire.
    pub wire_name: String,
    /// The field name in the request type.
    pub rust_name: String,
    /// Where it goes.
    pub location: ParameterLocation,
    /// Whether it must be given.
    pub required: bool,
    /// Its type, before any `Option`.
    pub ty: TypeRef,
    /// `description`.
    pub doc: Option<String>,
    /// Its `example`, or the value of its first `examples` entry: the docs'
    /// examples use it.
    pub example: Option<serde_json::Value>,
    /// How its value is written.
    pub style: Style,
    /// The request type's method that sets it, when it is optional.
    pub setter: Option<String>,
    /// Its schema's `default`, for the docs' examples.
    pub default: Option<serde_json::Value>,
    /// What its schema asks of a value, for the docs' examples.
    pub hints: ValueHints,
    /// Whether it says `deprecated: true`.
    pub deprecated: bool,
}

/// How a parameter's value (or a form body property's) is written: OpenAPI's
/// `style` with `explode`, as far as it changes the bytes sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// `simple` (path and header parameters): items joined by commas.
    Simple,
    /// `form`, exploded: an array repeats its name, an object's properties
    /// are pairs of their own.
    Form,
    /// `form` with `explode: false`: items joined by commas in one pair.
    FormJoined,
    /// `spaceDelimited`.
    SpaceDelimited,
    /// `pipeDelimited`.
    PipeDelimited,
    /// `deepObject`: `a[b]=c`, `a[]=1`.
    DeepObject,
    /// `label` (path parameters): `.blue`; exploded, `.a.b` and `.k=v.k=v`.
    Label {
        /// Whether arrays and objects are exploded.
        explode: bool,
    },
    /// `matrix` (path parameters): `;name=blue`; exploded, `;name=a;name=b`
    /// and `;k=v;k=v`.
    Matrix {
        /// Whether arrays and objects are exploded.
        explode: bool,
    },
    /// `content: {application/json: …}` instead of a `schema`: the value as
    /// JSON text, percent-encoded in a path or query.
    Json,
}

/// A media type a request body can be sent as.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BodyContent {
    /// `application/json` and `…+json`.
    Json,
    /// `application/x-www-form-urlencoded`.
    FormUrlEncoded,
    /// `multipart/form-data`.
    Multipart,
    /// `text/plain`.
    Text,
    /// Any other media type, sent as bytes.
    Other(String),
}

/// The request body of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    /// The field name of the body in the request type.
    pub rust_name: String,
    /// The body's key when the request type is serialized (the reference pages'
    /// `backchannelAuthenticationFailRequest`).
    pub key: String,
    /// The body's type.
    pub ty: TypeRef,
    /// Whether the body must be sent.
    pub required: bool,
    /// The media types offered, in document order.
    pub contents: Vec<BodyContent>,
    /// The media type the client sends: JSON when offered, else the first.
    pub send_as: BodyContent,
    /// `description`.
    pub doc: Option<String>,
    /// The first example of the chosen media type: the docs' examples use it.
    pub example: Option<serde_json::Value>,
    /// The form style of each property the body's `encoding` styles (for
    /// `application/x-www-form-urlencoded`); the others are exploded form.
    pub encoding: Vec<(String, Style)>,
    /// The request type's method that sets it, when it is optional.
    pub setter: Option<String>,
}

/// A response status as the spec keys it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// One status code.
    Code(u16),
    /// `1XX` … `5XX`: the hundreds digit.
    Range(u8),
    /// `default`.
    Default,
}

impl Status {
    /// Whether this entry describes a successful (2xx) response.
    pub fn is_success(self) -> bool {
        match self {
            Status::Code(code) => (200..300).contains(&code),
            Status::Range(hundreds) => hundreds == 2,
            Status::Default => false,
        }
    }
}

/// How a response body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseMedia {
    /// JSON, into the body's type.
    Json,
    /// `text/*`, into a `String`.
    Text,
    /// Any other media type, as bytes.
    Binary,
    /// A stream of items read as they arrive (the response's `stream`).
    Stream(StreamFormat),
}

/// One documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The status it is for.
    pub status: Status,
    /// The body's type: a JSON body's type, `String` for a text body and
    /// `Bytes` for another media type of a success response; `None` for an
    /// empty body (or a non-JSON error body, returned raw).
    pub body: Option<TypeRef>,
    /// How the body is read.
    pub media: ResponseMedia,
    /// The media types it documents, in document order (none for a status
    /// that carries no body).
    pub media_types: Vec<String>,
    /// The stream it documents (server-sent events, JSON lines), beside or
    /// instead of a JSON body.
    pub stream: Option<ResponseStream>,
    /// The response headers it declares, as written.
    pub headers: Vec<String>,
    /// The JSON body's `example` and `examples` values, with the JSON pointer of
    /// each.
    pub examples: Vec<(String, serde_json::Value)>,
    /// `description`.
    pub doc: Option<String>,
}

/// A streamed body a response documents.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseStream {
    /// Its format.
    pub format: StreamFormat,
    /// Its media type, as written.
    pub media_type: String,
    /// The type of one item: the media type's schema, text when it has
    /// none.
    pub item: TypeRef,
}

/// One scheme a security requirement needs, with the OAuth 2.0 scopes it
/// asks of it (empty for other kinds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    /// The scheme's key.
    pub scheme: String,
    /// The scopes, as written.
    pub scopes: Vec<String>,
}

impl Need {
    /// A need of `scheme` without scopes.
    pub fn scheme(scheme: impl Into<String>) -> Self {
        Need {
            scheme: scheme.into(),
            scopes: Vec::new(),
        }
    }
}

/// An operation the server deduplicates: by an idempotency key header (an
/// `Idempotency-Key` parameter, or the header `x-idempotent` names), so the
/// client may retry it whatever its method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Idempotency {
    /// The key's header, as sent.
    pub header: String,
    /// The parameter that sets it (an index into `parameters`), when the
    /// operation declares one.
    pub parameter: Option<usize>,
    /// Whether the client makes a fresh key when the caller gives none (an
    /// optional text parameter, or no parameter).
    pub generated: bool,
}

/// A security scheme from `components.securitySchemes`.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    /// The scheme's key in the document.
    pub key: String,
    /// The client builder's setter for it.
    pub setter: String,
    /// How credentials are sent.
    pub kind: SecurityKind,
    /// `description`.
    pub doc: Option<String>,
}

/// How a security scheme sends credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecurityKind {
    /// `Authorization: Bearer <token>` (http bearer).
    Bearer,
    /// An OAuth 2.0 (or OpenID Connect) access token, sent as a bearer
    /// token: given, fetched by the client with the client-credentials
    /// grant from `token_url`, or from the caller's provider.
    OAuth2 {
        /// The `tokenUrl` of the `clientCredentials` flow, when declared.
        token_url: Option<String>,
    },
    /// `Authorization: Basic …` (http basic).
    Basic,
    /// An API key in a header.
    ApiKeyHeader(String),
    /// An API key in the query string.
    ApiKeyQuery(String),
    /// An API key in a cookie.
    ApiKeyCookie(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(module: Module, name: &str) -> TypeRef {
        TypeRef::Named {
            module,
            name: name.to_owned(),
        }
    }

    #[test]
    fn lookups_stay_right_when_the_types_change_after_the_first() {
        let mut api = crate::resolve::api_of_schemas(
            "    A: {type: string}\n    B: {type: integer}\n    C: {type: boolean}\n",
        );
        let find = |api: &Api, name: &str| {
            api.named(&named(Module::Models, name))
                .map(|d| d.name.clone())
        };
        assert_eq!(find(&api, "B").as_deref(), Some("B"));
        // The positions known to the lookup are now all wrong or missing.
        let a = api.types.remove(0);
        api.types.push(TypeDef {
            name: "D".to_owned(),
            ..a.clone()
        });
        api.types.insert(1, a);
        for name in ["A", "B", "C", "D"] {
            assert_eq!(find(&api, name).as_deref(), Some(name));
        }
        assert_eq!(find(&api, "E"), None);
        assert_eq!(api.named(&named(Module::Operations, "A")), None);
        // A clone looks up afresh, and equality ignores the lookup.
        let copy = api.clone();
        assert_eq!(find(&copy, "D").as_deref(), Some("D"));
        assert_eq!(copy, api);
    }
}
