//! The runtime files that every generated crate carries in its `runtime`
//! module. They live in `templates/runtime/src/` as a crate of their own, where
//! they are compiled and tested; here they are embedded as text.

/// `(module name, source)` of each runtime file, in module-name order.
pub const FILES: &[(&str, &str)] = &[
    ("auth", include_str!("../../templates/runtime/src/auth.rs")),
    ("call", include_str!("../../templates/runtime/src/call.rs")),
    (
        "download",
        include_str!("../../templates/runtime/src/download.rs"),
    ),
    (
        "encode",
        include_str!("../../templates/runtime/src/encode.rs"),
    ),
    (
        "error",
        include_str!("../../templates/runtime/src/error.rs"),
    ),
    (
        "events",
        include_str!("../../templates/runtime/src/events.rs"),
    ),
    (
        "idempotency",
        include_str!("../../templates/runtime/src/idempotency.rs"),
    ),
    (
        "nullable",
        include_str!("../../templates/runtime/src/nullable.rs"),
    ),
    (
        "oauth2",
        include_str!("../../templates/runtime/src/oauth2.rs"),
    ),
    (
        "oauth2_off",
        include_str!("../../templates/runtime/src/oauth2_off.rs"),
    ),
    (
        "object",
        include_str!("../../templates/runtime/src/object.rs"),
    ),
    (
        "paginate",
        include_str!("../../templates/runtime/src/paginate.rs"),
    ),
    (
        "pairs",
        include_str!("../../templates/runtime/src/pairs.rs"),
    ),
    (
        "pending",
        include_str!("../../templates/runtime/src/pending.rs"),
    ),
    (
        "response",
        include_str!("../../templates/runtime/src/response.rs"),
    ),
    (
        "retry",
        include_str!("../../templates/runtime/src/retry.rs"),
    ),
    (
        "text_format",
        include_str!("../../templates/runtime/src/text_format.rs"),
    ),
    (
        "time_format",
        include_str!("../../templates/runtime/src/time_format.rs"),
    ),
    (
        "trace",
        include_str!("../../templates/runtime/src/trace.rs"),
    ),
    (
        "trace_off",
        include_str!("../../templates/runtime/src/trace_off.rs"),
    ),
    (
        "union",
        include_str!("../../templates/runtime/src/union.rs"),
    ),
    (
        "unknown",
        include_str!("../../templates/runtime/src/unknown.rs"),
    ),
    (
        "upload",
        include_str!("../../templates/runtime/src/upload.rs"),
    ),
    (
        "webhooks",
        include_str!("../../templates/runtime/src/webhooks.rs"),
    ),
];

/// What of the runtime a crate needs beyond what every crate has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    /// `events` (and `eventsource-stream`): an operation streams.
    pub streams: bool,
    /// `idempotency` (and `uuid`): the client makes idempotency keys.
    pub idempotency_keys: bool,
    /// `webhooks` (and `hmac`, `sha2`, `base64`, `hex`): the API sends
    /// webhooks or callbacks.
    pub webhooks: bool,
    /// `text_format` (and `base64`): a field's format travels as text its
    /// type does not write itself (`format: byte` as bytes, or a date with
    /// the `time` crate; `sdkgen.toml`).
    pub text_format: bool,
    /// `time_format` (and `time`): dates as the `time` crate's types.
    pub time_format: bool,
    /// `oauth2` with its token flows: the API has an OAuth 2.0 (or OpenID
    /// Connect) scheme. Without one, `oauth2_off` in its place: the names
    /// `auth` and `call` use, and a token source that cannot be made.
    pub oauth2: bool,
    /// Both `trace` files, chosen by the crate's `tracing` feature; without
    /// it (a module for build.rs, which has no features) `trace` is the
    /// no-op one.
    pub tracing_feature: bool,
}

/// The runtime modules a crate needs, as `(module name, source)`. With the
/// `tracing` feature there are two sources for `trace`: `trace` and
/// `trace_off`, which `runtime/mod.rs` picks between. `oauth2` is one of
/// two sources, chosen here: `oauth2_off` stands in for it in a crate with
/// no OAuth 2.0 scheme.
pub fn files(needs: Needs) -> impl Iterator<Item = (&'static str, &'static str)> {
    FILES.iter().filter_map(move |&(name, text)| match name {
        "events" => needs.streams.then_some((name, text)),
        "idempotency" => needs.idempotency_keys.then_some((name, text)),
        "webhooks" => needs.webhooks.then_some((name, text)),
        "text_format" => needs.text_format.then_some((name, text)),
        "time_format" => needs.time_format.then_some((name, text)),
        "oauth2" => needs.oauth2.then_some((name, text)),
        "oauth2_off" if !needs.oauth2 => Some(("oauth2", text)),
        "oauth2_off" => None,
        "trace" => needs.tracing_feature.then_some((name, text)),
        "trace_off" if !needs.tracing_feature => Some(("trace", text)),
        _ => Some((name, text)),
    })
}

#[cfg(test)]
mod tests {
    use super::{files, Needs, FILES};

    /// `runtime::oauth2` is one file, the token flows or their stand-in,
    /// by whether the API has an OAuth 2.0 scheme.
    #[test]
    fn oauth2_is_the_flows_or_the_stand_in() {
        let needs = |oauth2| Needs {
            streams: false,
            idempotency_keys: false,
            webhooks: false,
            text_format: false,
            time_format: false,
            oauth2,
            tracing_feature: false,
        };
        for oauth2 in [true, false] {
            let chosen: Vec<&str> = files(needs(oauth2))
                .filter(|(name, _)| name.starts_with("oauth2"))
                .map(|(name, text)| {
                    assert_eq!(name, "oauth2");
                    text
                })
                .collect();
            assert_eq!(chosen.len(), 1);
            assert_eq!(chosen[0].contains("async fn fetch"), oauth2);
            assert_eq!(chosen[0].contains("pub enum TokenSource {}"), !oauth2);
        }
    }

    /// A runtime file added to the templates but not listed here would be
    /// missing from every generated crate.
    #[test]
    fn every_template_file_is_embedded() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../templates/runtime/src");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .filter(|name| name != "lib.rs")
            .filter_map(|name| name.strip_suffix(".rs").map(str::to_owned))
            .collect();
        on_disk.sort();
        let embedded: Vec<&str> = FILES.iter().map(|(name, _)| *name).collect();
        assert_eq!(on_disk, embedded);
    }
}
