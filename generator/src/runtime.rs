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
    /// Both `trace` files, chosen by the crate's `tracing` feature; without
    /// it (a module for build.rs, which has no features) `trace` is the
    /// no-op one.
    pub tracing_feature: bool,
}

/// The runtime modules a crate needs, as `(module name, source)`. With the
/// `tracing` feature there are two sources for `trace`: `trace` and
/// `trace_off`, which `runtime/mod.rs` picks between.
pub fn files(needs: Needs) -> impl Iterator<Item = (&'static str, &'static str)> {
    FILES.iter().filter_map(move |&(name, text)| match name {
        "events" => needs.streams.then_some((name, text)),
        "idempotency" => needs.idempotency_keys.then_some((name, text)),
        "webhooks" => needs.webhooks.then_some((name, text)),
        "text_format" => needs.text_format.then_some((name, text)),
        "time_format" => needs.time_format.then_some((name, text)),
        "trace" => needs.tracing_feature.then_some((name, text)),
        "trace_off" if !needs.tracing_feature => Some(("trace", text)),
        _ => Some((name, text)),
    })
}

#[cfg(test)]
mod tests {
    use super::FILES;

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
