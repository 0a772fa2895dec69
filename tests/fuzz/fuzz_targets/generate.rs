//! Arbitrary bytes as a spec, through the whole pipeline in memory: load,
//! resolve, emit, format. Any panic is a bug; errors are the expected outcome
//! for most inputs, and each must name a place in the document.
#![no_main]

use std::sync::Once;

use libfuzzer_sys::fuzz_target;

static DEFAULT_PANIC_HOOK: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    // libfuzzer-sys aborts on every panic, also one sdkgen catches on purpose
    // (openapiv3's reader panics on some documents; load turns that into an
    // error). Back to the default hook: a panic that escapes sdkgen still
    // reaches libfuzzer-sys's own catch, which aborts, so real bugs are found.
    DEFAULT_PANIC_HOOK.call_once(|| drop(std::panic::take_hook()));
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
