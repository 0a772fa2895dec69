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
        "nullable",
        include_str!("../../templates/runtime/src/nullable.rs"),
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
        "response",
        include_str!("../../templates/runtime/src/response.rs"),
    ),
    (
        "retry",
        include_str!("../../templates/runtime/src/retry.rs"),
    ),
    (
        "union",
        include_str!("../../templates/runtime/src/union.rs"),
    ),
    (
        "upload",
        include_str!("../../templates/runtime/src/upload.rs"),
    ),
];

/// The runtime files a crate needs: all but `events` (and the crate it
/// parses with) unless an operation streams its response.
pub fn files(streams: bool) -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    FILES
        .iter()
        .filter(move |(name, _)| streams || *name != "events")
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
