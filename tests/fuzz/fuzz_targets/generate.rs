//! Arbitrary bytes as a spec, through the whole pipeline in memory: load,
//! resolve, emit, format. Any panic is a bug; errors are the expected outcome
//! for most inputs, and each must name a place in the document.
#![no_main]

use libfuzzer_sys::fuzz_target;

// libfuzzer-sys's panic hook aborts on every panic, also one that load's guard
// would catch: since load reads a checked JSON value, openapiv3's reader is
// not expected to panic at all, and the fuzzer holds it to that.
fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match sdkgen::generate("fuzz.yaml", text, &sdkgen::Config::default()) {
        Ok(output) => {
            let files = output.crate_files();
            assert!(files.files.contains_key("src/lib.rs"));
        }
        Err(sdkgen::Error::Spec { location, .. }) => {
            assert!(location.pointer.starts_with('#'), "{location}");
        }
        Err(other) => panic!("not a spec error: {other}"),
    }
});
