//! A crate that generates its Authlete client in build.rs (see `build.rs`) and
//! uses it: the way to depend on sdkgen without checking generated code in.

/// The Authlete client, generated from `spec/authlete.yaml` at build time.
pub mod authlete {
    include!(concat!(env!("OUT_DIR"), "/authlete.rs"));
}

use authlete::models::{
    BackchannelAuthenticationFailRequest, BackchannelAuthenticationFailRequestReason,
};
use authlete::operations::BackchannelAuthenticationFailApiRequest;

/// Tells Authlete that the user denied the CIBA request behind `ticket`, and
/// returns the body the authorization server should send to the client.
pub async fn deny_ciba_request(
    client: &authlete::Client,
    service_id: &str,
    ticket: &str,
) -> Result<Option<String>, authlete::Error<authlete::models::ResultModel>> {
    let request = BackchannelAuthenticationFailApiRequest::new(
        service_id,
        BackchannelAuthenticationFailRequest::new(
            ticket,
            BackchannelAuthenticationFailRequestReason::AccessDenied,
        ),
    );
    let response = client.backchannel_authentication_fail_api(request).await?;
    Ok(response.into_body().response_content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiremock::matchers::{body_json_string, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    #[tokio::test]
    async fn generated_module_calls_the_api() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/api/42/backchannel/authentication/fail"))
            .and(body_json_string(
                r#"{"ticket":"t-1","reason":"ACCESS_DENIED"}"#,
            ))
            .respond_with(ResponseTemplate::new(200).set_body_raw(
                r#"{"action":"FORBIDDEN","responseContent":"{\"error\":\"access_denied\"}"}"#,
                "application/json",
            ))
            .expect(1)
            .mount(&server)
            .await;
        let client = authlete::Client::builder()
            .base_url(server.uri())
            .bearer("token")
            .build()
            .unwrap();
        let content = deny_ciba_request(&client, "42", "t-1").await.unwrap();
        assert_eq!(content.as_deref(), Some(r#"{"error":"access_denied"}"#));
    }
}

#[cfg(test)]
mod format_cache {
    /// `build_rs` keeps its formatted code beside the module, so the next
    /// build after a spec change formats only what changed; the cache's
    /// own behaviour is tested in the generator (`tests/format_cache.rs`).
    #[test]
    fn build_rs_keeps_a_format_cache_in_out_dir() {
        let cache = std::path::Path::new(env!("OUT_DIR")).join("authlete.sdkgen-cache");
        let bytes = std::fs::read(&cache).expect("build.rs wrote the cache");
        assert!(bytes.starts_with(b"sdkgen format cache "));
        assert!(bytes.len() > 1000, "{} bytes", bytes.len());
    }
}
