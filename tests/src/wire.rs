//! A real HTTP server on 127.0.0.1 for the wire tests: it records each
//! request exactly (method, path, raw query, headers, body bytes) and answers
//! as scripted.

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server that answers every request with `status` and a `body` of
/// `content_type` (no body when `body` is empty).
pub async fn server(status: u16, content_type: &str, body: &[u8]) -> MockServer {
    let server = MockServer::start().await;
    let mut template = ResponseTemplate::new(status).insert_header("x-request-id", "req-7");
    if !body.is_empty() {
        template = template.set_body_raw(body.to_vec(), content_type);
    }
    Mock::given(any())
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

/// A server that answers every request with `status` and a JSON `body`.
pub async fn json_server(status: u16, body: &str) -> MockServer {
    server(status, "application/json", body.as_bytes()).await
}

/// The one request the server received.
pub async fn only_request(server: &MockServer) -> wiremock::Request {
    let mut received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1, "expected exactly one request");
    received.remove(0)
}

/// The value of header `name` of `request`, which must be there once.
pub fn header(request: &wiremock::Request, name: &str) -> String {
    let values: Vec<_> = request.headers.get_all(name).iter().collect();
    assert_eq!(values.len(), 1, "header {name}: {values:?}");
    values[0].to_str().unwrap().to_owned()
}

/// One part of a `multipart/form-data` body: its header lines as sent, and
/// its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The part's header lines, in order (`Content-Disposition: …`).
    pub headers: Vec<String>,
    /// The part's bytes.
    pub body: Vec<u8>,
}

/// The parts of a `multipart/form-data` request, split at the boundary its
/// `Content-Type` names; panics when the body is not well formed.
pub fn multipart_parts(request: &wiremock::Request) -> Vec<Part> {
    let content_type = header(request, "content-type");
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("not multipart: {content_type}"));
    let delimiter = format!("--{boundary}");
    let body = &request.body;
    let mut parts = Vec::new();
    let mut rest = body.as_slice();
    rest = rest
        .strip_prefix(delimiter.as_bytes())
        .expect("the body starts with the boundary");
    loop {
        if rest.starts_with(b"--\r\n") || rest == b"--" {
            return parts;
        }
        rest = rest.strip_prefix(b"\r\n").expect("CRLF after the boundary");
        let end = find(rest, format!("\r\n{delimiter}").as_bytes()).expect("a closing boundary");
        let part = &rest[..end];
        let split = find(part, b"\r\n\r\n").expect("a blank line after the part's headers");
        parts.push(Part {
            headers: String::from_utf8(part[..split].to_vec())
                .unwrap()
                .split("\r\n")
                .map(str::to_owned)
                .collect(),
            body: part[split + 4..].to_vec(),
        });
        rest = &rest[end + 2 + delimiter.len()..];
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}
