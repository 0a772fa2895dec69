//! Runs one stage of the pipeline on one spec, for a profiler:
//! `cargo build --release -p sdkgen --example profile` then
//! `valgrind --tool=callgrind target/release/examples/profile module ../shared/specs/corpus/omicron_nexus.json`.

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(what), Some(path)) = (args.next(), args.next()) else {
        eprintln!("usage: profile crate|module <spec> [module output file]");
        std::process::exit(2);
    };
    let path = std::path::Path::new(&path);
    let config = sdkgen::Config::default();
    let bytes = match what.as_str() {
        "crate" => sdkgen::generate_file(path, &config).map(|out| out.crate_files().files.len()),
        "module" => sdkgen::generate_module_file(path, &config).map(|out| {
            if let Some(to) = args.next() {
                std::fs::write(to, &out.source).expect("the output file is writable");
            }
            out.source.len()
        }),
        other => {
            eprintln!("unknown stage {other}");
            std::process::exit(2);
        }
    };
    match bytes {
        Ok(bytes) => println!("{bytes}"),
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(1);
        }
    }
}
