//! What the runtime's tests share.

use sdkgen_runtime::auth::Need;
use sdkgen_runtime::call::Endpoint;

/// An endpoint needing the schemes of `alternatives` (no scopes), as a
/// generated method describes its operation.
pub fn endpoint(alternatives: &[&[&'static str]]) -> Endpoint {
    let security: Vec<&'static [Need]> = alternatives
        .iter()
        .map(|keys| {
            let needs: Vec<Need> = keys.iter().map(|key| (*key, &[][..])).collect();
            &*Vec::leak(needs)
        })
        .collect();
    Endpoint {
        operation: "test",
        path: "/test",
        security: Vec::leak(security),
        idempotent: false,
    }
}
