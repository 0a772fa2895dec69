//! JSON pointers (RFC 6901), as errors and warnings name places in a document.

/// Escapes one segment: `~` as `~0`, `/` as `~1`.
pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Appends `segment`, escaped, to `pointer`, allocating nothing more when
/// there is nothing to escape (the common case).
pub fn push_escaped(pointer: &mut String, segment: &str) {
    if segment.contains(['~', '/']) {
        pointer.push_str(&escape(segment));
    } else {
        pointer.push_str(segment);
    }
}

/// Decodes one segment.
pub fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// The decoded segments of a pointer written after `#` (`#/a~1b/c` →
/// `["a/b", "c"]`).
pub fn segments(pointer: &str) -> Vec<String> {
    pointer
        .trim_start_matches('#')
        .split('/')
        .skip(1)
        .map(unescape)
        .collect()
}

/// The pointer of decoded `segments` (`["paths", "/pets"]` → `#/paths/~1pets`).
pub fn join<S: AsRef<str>>(segments: &[S]) -> String {
    let mut pointer = String::from("#");
    for segment in segments {
        pointer.push('/');
        pointer.push_str(&escape(segment.as_ref()));
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_round_trip() {
        assert_eq!(escape("/pets/{id}~x"), "~1pets~1{id}~0x");
        assert_eq!(unescape("~1pets~1{id}~0x"), "/pets/{id}~x");
        assert_eq!(segments("#/paths/~1pets/get"), ["paths", "/pets", "get"]);
        assert_eq!(segments("#"), Vec::<String>::new());
        assert_eq!(join(&segments("#/paths/~1pets/get")), "#/paths/~1pets/get");
    }
}
