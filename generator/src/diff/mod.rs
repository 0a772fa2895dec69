//! The breaking-change report: two APIs, as the IR of two specs, compared
//! item by item through the Rust API sdkgen generates for each, each
//! difference classed by what it does to code that uses the crate.
//!
//! The classes follow Cargo's reading of semver, given what the generated
//! code promises: types are `#[non_exhaustive]` and built through `new` and
//! setters, so an added optional field, enum value, union alternative,
//! operation or parameter is **minor**; a removed or renamed item, a changed
//! type, a field or parameter that became required (or no longer is: its
//! type loses or gains an `Option`), a narrowed enum, are **major**; docs
//! alone are a **patch**. Deprecation is minor, as semver says.
//!
//! A side stage beside the pipeline: it reads two resolved APIs and names
//! items as the generated code does; it emits no code.

mod operations;
mod render;
mod types;

pub use render::{json, text};

use crate::ir::{Api, TypeRef};

/// What a change asks of the crate's version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Docs only.
    Patch,
    /// Additions (and deprecations): code that compiled still compiles.
    Minor,
    /// Code that compiled may not.
    Major,
}

impl Class {
    /// `major`, `minor` or `patch`.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Patch => "patch",
            Class::Minor => "minor",
            Class::Major => "major",
        }
    }
}

/// One difference between the two generated APIs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What it asks of the version.
    pub class: Class,
    /// What kind of change (`operation removed`, `field became required`).
    pub kind: &'static str,
    /// The item, as code names it (`Client::get_order`,
    /// `models::Order::quantity`).
    pub item: String,
    /// What changed, in words (`Option<i32>` → `String`).
    pub detail: String,
}

/// Every change, in the order the items are met, and the versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The old crate's version (from the old spec's `info.version`).
    pub old_version: String,
    /// The new crate's version (from the new spec's).
    pub new_version: String,
    /// The changes.
    pub changes: Vec<Change>,
}

impl Report {
    /// The largest class of any change; `None` when the APIs are the same.
    pub fn bump(&self) -> Option<Class> {
        self.changes.iter().map(|c| c.class).max()
    }

    /// The least version the new crate needs: the old one bumped by
    /// [`Report::bump`], the Cargo way (below 1.0.0, a breaking change bumps
    /// the minor number and anything else the patch number).
    pub fn suggested_version(&self) -> String {
        bumped(&self.old_version, self.bump())
    }

    /// Whether the new spec's version is at least the suggested one: what a
    /// CI check asks of a pull request that changes the spec.
    pub fn version_suffices(&self) -> bool {
        parse(&self.new_version) >= parse(&self.suggested_version())
    }
}

/// Compares the API generated from `old` with the one generated from `new`.
pub fn compare(old: &Api, new: &Api) -> Report {
    let mut changes = Changes::default();
    if old.title != new.title || old.description != new.description {
        changes.push(
            Class::Patch,
            "crate docs changed",
            "crate",
            "the API's title or description",
        );
    }
    operations::compare(old, new, &mut changes);
    types::compare(old, new, &mut changes);
    compare_client(old, new, &mut changes);
    Report {
        old_version: crate::emit::crate_version(&old.version),
        new_version: crate::emit::crate_version(&new.version),
        changes: changes.0,
    }
}

/// The builder's credential setters, the crate's features and the webhook
/// verifier's methods.
fn compare_client(old: &Api, new: &Api, changes: &mut Changes) {
    let setters = |api: &Api| -> Vec<(String, String)> {
        api.security_schemes
            .iter()
            .map(|s| (s.setter.clone(), format!("{:?}", s.kind)))
            .collect()
    };
    keyed(&setters(old), &setters(new), |name, before, after| {
        let item = format!("ClientBuilder::{}", unraw(name));
        match (before, after) {
            (Some(_), None) => changes.push(Class::Major, "credential setter removed", item, ""),
            (None, Some(_)) => changes.push(Class::Minor, "credential setter added", item, ""),
            (Some(a), Some(b)) if a != b => changes.push(
                Class::Major,
                "security scheme changed",
                item,
                format!("{a} → {b}"),
            ),
            _ => {}
        }
    });
    let features = |api: &Api| -> Vec<(String, ())> {
        api.features.iter().map(|f| (f.name.clone(), ())).collect()
    };
    keyed(&features(old), &features(new), |name, before, after| {
        let item = format!("feature `{name}`");
        match (before, after) {
            (Some(()), None) => changes.push(Class::Major, "feature removed", item, ""),
            (None, Some(())) => changes.push(Class::Minor, "feature added", item, ""),
            _ => {}
        }
    });
    let webhooks = |api: &Api| -> Vec<(String, TypeRef)> {
        api.webhooks
            .iter()
            .map(|w| (w.method_name.clone(), w.payload.clone()))
            .collect()
    };
    keyed(&webhooks(old), &webhooks(new), |name, before, after| {
        let item = format!("webhooks::Verifier::{}", unraw(name));
        match (before, after) {
            (Some(_), None) => changes.push(Class::Major, "webhook removed", item, ""),
            (None, Some(_)) => changes.push(Class::Minor, "webhook added", item, ""),
            (Some(a), Some(b)) if a != b => changes.push(
                Class::Major,
                "webhook payload changed",
                item,
                format!("{} → {}", type_text(a), type_text(b)),
            ),
            _ => {}
        }
    });
    let first = |api: &Api| api.servers.first().map(|s| s.url.clone());
    if first(old) != first(new) {
        changes.push(
            Class::Minor,
            "default server changed",
            "Client::builder",
            format!(
                "{} → {}",
                first(old).unwrap_or_else(|| "none".to_owned()),
                first(new).unwrap_or_else(|| "none".to_owned())
            ),
        );
    }
}

/// The changes found so far.
#[derive(Debug, Default)]
struct Changes(Vec<Change>);

impl Changes {
    fn push(
        &mut self,
        class: Class,
        kind: &'static str,
        item: impl Into<String>,
        detail: impl Into<String>,
    ) {
        self.0.push(Change {
            class,
            kind,
            item: item.into(),
            detail: detail.into(),
        });
    }
}

/// Walks two keyed lists in the old list's order, then the new list's
/// additions: `visit(key, old, new)` once per key of either.
fn keyed<T>(
    old: &[(String, T)],
    new: &[(String, T)],
    mut visit: impl FnMut(&str, Option<&T>, Option<&T>),
) {
    let find = |list: &'_ [(String, T)], key: &str| list.iter().position(|(k, _)| k == key);
    for (key, before) in old {
        let after = find(new, key).map(|i| &new[i].1);
        visit(key, Some(before), after);
    }
    for (key, after) in new {
        if find(old, key).is_none() {
            visit(key, None, Some(after));
        }
    }
}

/// A type as the generated code writes it, without module paths inside
/// (`Vec<Order>`, `Option<String>`).
pub(crate) fn type_text(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".into(),
        TypeRef::Bool => "bool".into(),
        TypeRef::I32 => "i32".into(),
        TypeRef::I64 => "i64".into(),
        TypeRef::I8 => "i8".into(),
        TypeRef::I16 => "i16".into(),
        TypeRef::U8 => "u8".into(),
        TypeRef::U16 => "u16".into(),
        TypeRef::U32 => "u32".into(),
        TypeRef::U64 => "u64".into(),
        TypeRef::F64 => "f64".into(),
        TypeRef::Json => "serde_json::Value".into(),
        TypeRef::Formatted(format) => format.rust_type().into(),
        TypeRef::Download => "Download".into(),
        TypeRef::Upload => "Upload".into(),
        TypeRef::Named { name, .. } => name.clone(),
        TypeRef::Vec(item) => format!("Vec<{}>", type_text(item)),
        TypeRef::Map(value) => format!("BTreeMap<String, {}>", type_text(value)),
        TypeRef::Nullable(inner) => format!("Option<{}>", type_text(inner)),
        TypeRef::Boxed(inner) => format!("Box<{}>", type_text(inner)),
    }
}

/// A field's type as its users see it: `Option<…>` when it may be absent.
pub(crate) fn field_text(ty: &TypeRef, required: bool) -> String {
    if required {
        type_text(ty)
    } else {
        format!("Option<{}>", type_text(ty))
    }
}

/// A Rust name without its `r#`.
pub(crate) fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// `major.minor.patch` of a version sdkgen gave a crate.
fn parse(version: &str) -> (u64, u64, u64) {
    let mut parts = version.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

fn bumped(version: &str, bump: Option<Class>) -> String {
    let (major, minor, patch) = parse(version);
    let (major, minor, patch) = match (bump, major) {
        (None, _) => (major, minor, patch),
        (Some(Class::Major), 0) => (0, minor + 1, 0),
        (Some(Class::Minor | Class::Patch), 0) => (0, minor, patch + 1),
        (Some(Class::Major), _) => (major + 1, 0, 0),
        (Some(Class::Minor), _) => (major, minor + 1, 0),
        (Some(Class::Patch), _) => (major, minor, patch + 1),
    };
    format!("{major}.{minor}.{patch}")
}

#[cfg(test)]
mod tests {
    use super::{bumped, Class};

    #[test]
    fn versions_bump_the_cargo_way() {
        assert_eq!(bumped("1.4.2", Some(Class::Major)), "2.0.0");
        assert_eq!(bumped("1.4.2", Some(Class::Minor)), "1.5.0");
        assert_eq!(bumped("1.4.2", Some(Class::Patch)), "1.4.3");
        assert_eq!(bumped("1.4.2", None), "1.4.2");
        assert_eq!(bumped("0.3.1", Some(Class::Major)), "0.4.0");
        assert_eq!(bumped("0.3.1", Some(Class::Minor)), "0.3.2");
    }
}
