//! `Config::example_cases`: the spec's examples paired with their generated
//! types are gathered only when asked for, and asking changes nothing in
//! the crate (the code and docs never read the responses' examples).

use std::path::Path;

const SPEC: &str = r##"
openapi: 3.0.3
info: {title: Pets, version: "1"}
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - name: id
          in: path
          required: true
          schema: {type: string}
          examples:
            first: {value: "a1"}
            second: {value: "b2"}
      responses:
        "200":
          description: A pet.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
              examples:
                inline: {value: {name: Rex}}
                shared: {$ref: "#/components/examples/Tom"}
  /pets:
    post:
      operationId: addPet
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Pet"}
            example: {name: Kit}
      responses:
        "201":
          description: Added.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
              example: {name: Kit}
components:
  examples:
    Tom: {value: {name: Tom}}
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string}
      example: {name: Ada}
"##;

fn config(example_cases: bool) -> sdkgen::Config {
    sdkgen::Config {
        example_cases,
        ..sdkgen::Config::default()
    }
}

#[test]
fn examples_are_gathered_only_when_asked_and_the_crate_is_the_same() {
    let with = sdkgen::generate("pets.yaml", SPEC, &config(true)).unwrap();
    let without = sdkgen::generate("pets.yaml", SPEC, &config(false)).unwrap();
    let mut sources: Vec<&str> = with.examples.iter().map(|c| c.source.as_str()).collect();
    sources.sort_unstable();
    assert_eq!(
        sources,
        [
            "#/components/examples/Tom/value",
            "#/components/schemas/Pet/example",
            "#/paths/~1pets/post/responses/201/content/application~1json/example",
            "#/paths/~1pets~1{id}/get/responses/200/content/application~1json/examples/inline/value",
        ]
    );
    assert!(with
        .examples
        .iter()
        .all(|c| c.rust_type == "pets::models::Pet" && c.json["name"].is_string()));
    assert!(without.examples.is_empty());
    assert_eq!(with.crate_files().files, without.crate_files().files);
    // The docs still show the parameter's and the body's first example.
    let client = &without.crate_files().files["src/client.rs"];
    assert!(client.contains("\"a1\""), "the parameter's first example");
    assert!(!client.contains("\"b2\""));
    assert!(client.contains("\"Kit\""), "the body's example");
}

#[test]
fn a_dangling_example_reference_is_an_error_either_way() {
    let broken = SPEC.replace("#/components/examples/Tom", "#/components/examples/Nobody");
    for asked in [true, false] {
        let error = sdkgen::generate("pets.yaml", &broken, &config(asked))
            .err()
            .unwrap_or_else(|| panic!("example_cases {asked}: no error"))
            .to_string();
        assert!(
            error.contains("examples/shared") && error.contains("Nobody"),
            "example_cases {asked}: {error}"
        );
    }
}

/// GitHub's spec: thousands of response examples, none of which changes the
/// crate.
#[test]
fn a_real_spec_gives_the_same_crate_either_way() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/specs/corpus/github_api.github.com.json");
    let with = sdkgen::generate_file(&spec, &config(true)).unwrap();
    let without = sdkgen::generate_file(&spec, &config(false)).unwrap();
    assert!(with.examples.len() > 500, "{}", with.examples.len());
    assert!(without.examples.is_empty());
    assert_eq!(with.crate_files().files, without.crate_files().files);
}
