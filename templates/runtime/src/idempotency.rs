//! Idempotency keys: a fresh random key per call, kept on each of its
//! retries, so that a server that deduplicates by key acts on the call once.

/// A new key: a random UUID (version 4), as payment APIs ask for.
pub fn new_key() -> String {
    uuid::Uuid::new_v4().to_string()
}
