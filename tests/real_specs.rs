//! Chosen facts about what sdkgen generates from Authlete's real specs in
//! ../shared/specs/authlete (generation only; `cargo xtask corpus` and the xtask
//! test compile them).

use sdkgen_tests::shared_dir;

struct Generated {
    output: sdkgen::Output,
    files: sdkgen::GeneratedCrate,
}

impl Generated {
    fn file(&self, path: &str) -> &str {
        &self.files.files[path]
    }
}

fn generate(name: &str) -> Generated {
    let path = shared_dir().join("specs/authlete").join(name);
    let output = sdkgen::generate_file(&path, &sdkgen::Config::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let files = output.crate_files();
    Generated { output, files }
}

#[test]
fn authlete_3_0_16_has_every_operation() {
    let generated = generate("authlete-3.0.16.yaml");
    assert_eq!(generated.output.operations, 88);
    let client = generated.file("src/client.rs");
    assert!(client.contains("pub fn backchannel_authentication_fail_api("));
    // The operation without an operationId is named from method and path; its
    // request type holds its optional `extended` query parameter.
    assert!(client.contains(
        "pub fn get_api_lifecycle_healthcheck(\n        &self,\n        request: super::operations::GetApiLifecycleHealthcheckRequest,"
    ));
    let operations = generated.file("src/operations.rs");
    assert!(operations.contains("pub extended: Option<bool>,"));
    let models = generated.file("src/models.rs");
    assert!(models.contains("pub struct ResultModel {"));
    assert!(!models.contains("pub struct Result {"));
    // A property named `type` is a raw identifier.
    assert!(models.contains("pub r#type: "), "no r#type field");
    // Every warning names a place.
    for warning in &generated.output.warnings {
        assert!(warning.location.pointer.starts_with("#/"), "{warning:?}");
    }
}

#[test]
fn authlete_explorer_offers_both_schemes() {
    let generated = generate("authlete-3.0-explorer.yaml");
    assert_eq!(generated.output.operations, 77);
    let client = generated.file("src/client.rs");
    // `authlete` is OAuth 2.0 with the authorization-code flow only: a token
    // (or a provider) of the caller's, which the client does not fetch.
    assert!(client.contains(
        "pub fn authlete(\n        self,\n        credential: impl Into<super::runtime::oauth2::OAuth2>,\n    ) -> Self"
    ));
    assert!(client.contains(".bind(None)"));
    assert!(client.contains("pub fn bearer(self, token: impl Into<String>) -> Self"));
    assert!(client.contains(r#"security: &[&[("authlete", &[])], &[("bearer", &[])]],"#));
}

#[test]
fn authlete_2_3_12_uses_basic_schemes_and_keeps_colliding_names_apart() {
    let generated = generate("authlete-2.3.12.yaml");
    assert_eq!(generated.output.operations, 62);
    let client = generated.file("src/client.rs");
    for setter in ["service_credentials", "service_owner_credentials"] {
        let signature = format!(
            "pub fn {setter}(\n        self,\n        username: impl Into<String>,\n        password: impl Into<String>,\n    ) -> Self"
        );
        assert!(client.contains(&signature), "no basic setter {setter}");
    }
    assert!(client.contains(r#"&[&[("ServiceCredentials", &[])]]"#));
    assert!(client.contains(r#"&[&[("ServiceOwnerCredentials", &[])]]"#));
    // `AccessToken` and `access_token` are both schemas there.
    let models = generated.file("src/models.rs");
    assert!(models.contains("pub struct AccessToken {"));
    assert!(models.contains("pub struct AccessToken2 {"));
    // Responses without `description` and stray path parameters are repaired,
    // each with a located warning.
    let messages: Vec<String> = generated
        .output
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.location, w.message))
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("has no `description`")),
        "{messages:#?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("path parameter `subject`")),
        "{messages:#?}"
    );
    // What was passed over is said in the docs of the method it concerns.
    assert!(client.contains(
        "/// **Generator note:** path parameter `subject` is declared but path \
         `/api/client/authorization/delete/{clientId}` has no `{subject}`; it is left out"
    ));
}

/// GitHub's upload endpoint lists a host of its own, where its calls go.
#[test]
fn github_uploads_go_to_the_upload_host() {
    let path = shared_dir().join("specs/corpus/github_api.github.com.json");
    let module = sdkgen::generate_module_file(&path, &sdkgen::Config::default()).unwrap();
    let method = module
        .source
        .split("pub async fn repos_upload_release_asset(")
        .nth(1)
        .and_then(|rest| rest.split("\n    pub ").next())
        .expect("the upload method");
    assert!(method.contains(".request_on("), "{method}");
    assert!(method.contains("default: \"https://uploads.github.com\""));
    // The other operations go to the API's own host.
    assert_eq!(module.source.matches(".request_on(").count(), 1);
}

/// keeper declares its bearer token as an `Authorization` header parameter
/// and has no security scheme: the token is a credential of the client.
#[test]
fn keepers_authorization_parameter_is_a_credential() {
    let path = shared_dir().join("specs/corpus/progenitor_keeper.json");
    let module = sdkgen::generate_module_file(&path, &sdkgen::Config::default()).unwrap();
    assert!(module
        .source
        .contains("pub fn authorization(self, key: impl Into<String>) -> Self"));
    assert!(module.source.contains(r#"&[&[("Authorization", &[])]]"#));
    assert!(!module.source.contains("pub authorization: String"));
}

fn corpus(name: &str) -> sdkgen::Output {
    let path = shared_dir().join("specs/corpus").join(name);
    sdkgen::generate_file(&path, &sdkgen::Config::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn paged(output: &sdkgen::Output, how: &str) -> usize {
    output
        .paged
        .iter()
        .find(|(h, _)| h == how)
        .map_or(0, |(_, n)| *n)
}

#[test]
fn list_operations_of_real_apis_are_found_paged() {
    // GitHub declares a `Link` header on 150 success responses: 146 page by
    // it; the other 4 hold two lists (`commits` and `files`) or differ by
    // status, and are left alone. 34 more take `page` without declaring the
    // header, and count pages up to an empty one.
    let github = corpus("github_api.github.com.json");
    assert_eq!(
        github.paged,
        [
            ("Link header".to_owned(), 146),
            ("page number".to_owned(), 34)
        ]
    );
    assert_eq!(github.paging_unclear, 11);
    // nexus: 80 operations carry Dropshot's extension; one of them
    // (`GET /v1/system/networking/bgp-announce-set`) answers a plain array
    // with no `next_page`, and is left alone rather than guessed.
    let nexus = corpus("omicron_nexus.json");
    assert_eq!(paged(&nexus, "x-dropshot-pagination"), 79);
    assert_eq!(nexus.paging_unclear, 1);
    // Authlete's lists page by a `start`/`end` window with `totalCount`.
    let authlete = generate("authlete-3.0.16.yaml");
    assert_eq!(authlete.output.paged, [("offset".to_owned(), 5)]);
    let client = authlete.file("src/client.rs");
    assert!(client.contains("pub fn client_get_list_api_stream("));
    assert!(client.contains("request.end = Some(next.saturating_add(width) as i32);"));
}
