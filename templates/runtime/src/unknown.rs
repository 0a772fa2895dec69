//! What an open enum or union keeps of a value this version of the SDK does
//! not know.
//!
//! The catch-all variant holds an [`UnknownValue`], which code outside the
//! crate can read but not make: `Reason::Unknown` can then never hold a value
//! that a named variant stands for (a `Reason::Unknown("ACCESS_DENIED")`
//! beside `Reason::AccessDenied` would compare unequal to it, and would stop
//! matching the arm written for it once a later version names it). Values
//! come in through deserializing or `From`, which picks the named variant
//! when there is one. (That the field is private is proved by a doctest of
//! the runtime crate's root, which is not copied: here, in a generated
//! crate, it would name a crate that is not there and fail for that.)

/// A value an open enum or union does not list, kept as it came so that it
/// is written back unchanged. Read it with [`UnknownValue::get`] (or
/// [`UnknownValue::as_str`] for text).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue<T>(T);

impl<T> UnknownValue<T> {
    /// Keeps `value`. Only the SDK's own enums and unions make one, and
    /// only for a value they do not list.
    // The runtime's own code never makes one; the generated types do, and
    // in a split workspace they sit in other crates than the runtime: public,
    // but hidden from the docs and not for users (a listed value made
    // unknown would not compare equal to its variant).
    #[allow(dead_code)]
    #[doc(hidden)]
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The value as it came.
    pub fn get(&self) -> &T {
        &self.0
    }

    /// The value as it came, taken out.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl UnknownValue<String> {
    /// The text as it came.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for UnknownValue<String> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<T: serde::Serialize> serde::Serialize for UnknownValue<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::UnknownValue;

    #[test]
    fn it_writes_back_what_it_keeps() {
        let text = UnknownValue::new(String::from("SLOW_DOWN"));
        assert_eq!(text.as_str(), "SLOW_DOWN");
        assert_eq!(text.to_string(), "SLOW_DOWN");
        assert_eq!(serde_json::to_string(&text).unwrap(), "\"SLOW_DOWN\"");
        let number = UnknownValue::new(7_i64);
        assert_eq!(*number.get(), 7);
        assert_eq!(serde_json::to_value(number).unwrap(), serde_json::json!(7));
        let json = UnknownValue::new(serde_json::json!({"kind": "new"}));
        assert_eq!(json.into_inner()["kind"], "new");
    }
}
