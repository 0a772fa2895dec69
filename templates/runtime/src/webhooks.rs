//! Checking that a webhook request comes from the API: its signature, an
//! HMAC-SHA256 of the raw body under a shared secret, compared in constant
//! time, and its timestamp, within a tolerance. Three schemes, as APIs use
//! them:
//!
//! - Standard Webhooks (`webhook-id`, `webhook-timestamp`,
//!   `webhook-signature: v1,<base64>`, secrets `whsec_<base64>`);
//! - the body's HMAC in one header as hex after a prefix
//!   (`X-Hub-Signature-256: sha256=<hex>`), without a timestamp;
//! - a timestamp and HMACs in one header (`Stripe-Signature: t=<unix>,v1=<hex>`)
//!   over `<t>.<body>`.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// How long before or after now a signed timestamp may lie, unless set
/// otherwise: five minutes, as the schemes' own libraries allow.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

/// A signature scheme and where it puts its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Scheme {
    /// Standard Webhooks: `webhook-id`, `webhook-timestamp` and
    /// `webhook-signature` (space-separated `v1,<base64>`), signing
    /// `<id>.<timestamp>.<body>`; the secret is `whsec_` and base64.
    StandardWebhooks,
    /// The body's HMAC as hex in `header` after `prefix`
    /// (`X-Hub-Signature-256`, `sha256=`). It has no timestamp, so it cannot
    /// refuse a replayed request.
    HexBody {
        /// The header.
        header: &'static str,
        /// What precedes the hex digits.
        prefix: &'static str,
    },
    /// `t=<unix seconds>` and one or more `v1=<hex>` in `header`
    /// (`Stripe-Signature`), signing `<t>.<body>`.
    Timestamped {
        /// The header.
        header: &'static str,
    },
}

impl Scheme {
    /// `X-Hub-Signature-256: sha256=<hex>`.
    pub const HUB_SIGNATURE: Scheme = Scheme::HexBody {
        header: "x-hub-signature-256",
        prefix: "sha256=",
    };

    /// `Stripe-Signature: t=…,v1=…`.
    pub const STRIPE_SIGNATURE: Scheme = Scheme::Timestamped {
        header: "stripe-signature",
    };
}

/// Why a webhook request was refused. It never shows the secret.
#[derive(Debug)]
#[non_exhaustive]
pub enum WebhookError {
    /// The secret is not of the scheme's form (a Standard Webhooks secret
    /// that is not base64).
    InvalidSecret,
    /// A header the scheme needs is missing or not text.
    MissingHeader(&'static str),
    /// A header does not have the scheme's form.
    MalformedHeader {
        /// The header.
        header: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// No signature in the request matches the body under the secret: the
    /// body was changed, or the secret is another.
    SignatureMismatch,
    /// The signed timestamp lies further from now than the tolerance: a
    /// replayed or delayed request.
    TimestampOutOfTolerance {
        /// The timestamp, in seconds since 1970.
        timestamp: i64,
        /// The tolerance.
        tolerance: Duration,
    },
    /// The signature holds, but the body is not the webhook's payload type.
    Payload(serde_json::Error),
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::InvalidSecret => {
                f.write_str("the webhook secret is not of the scheme's form")
            }
            WebhookError::MissingHeader(header) => {
                write!(f, "the webhook request has no `{header}` header")
            }
            WebhookError::MalformedHeader { header, reason } => {
                write!(f, "the webhook request's `{header}` header {reason}")
            }
            WebhookError::SignatureMismatch => {
                f.write_str("no signature of the webhook request matches its body")
            }
            WebhookError::TimestampOutOfTolerance {
                timestamp,
                tolerance,
            } => write!(
                f,
                "the webhook request's timestamp {timestamp} is more than {} s from now",
                tolerance.as_secs()
            ),
            WebhookError::Payload(error) => {
                write!(f, "the webhook payload does not match its schema: {error}")
            }
        }
    }
}

impl std::error::Error for WebhookError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WebhookError::Payload(error) => Some(error),
            _ => None,
        }
    }
}

/// Checks webhook requests signed with one secret under one scheme.
#[derive(Clone)]
pub struct Verifier {
    scheme: Scheme,
    key: Vec<u8>,
    tolerance: Duration,
    now: Option<SystemTime>,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("scheme", &self.scheme)
            .field("key", &"<redacted>")
            .field("tolerance", &self.tolerance)
            .finish()
    }
}

impl Verifier {
    /// A verifier of `scheme` with `secret` (for Standard Webhooks the
    /// `whsec_…` string; for the others the secret as set up with the API).
    ///
    /// # Errors
    ///
    /// When a Standard Webhooks secret is not base64.
    pub fn new(scheme: Scheme, secret: &str) -> Result<Self, WebhookError> {
        let key = match scheme {
            Scheme::StandardWebhooks => base64::engine::general_purpose::STANDARD
                .decode(secret.strip_prefix("whsec_").unwrap_or(secret))
                .map_err(|_| WebhookError::InvalidSecret)?,
            Scheme::HexBody { .. } | Scheme::Timestamped { .. } => secret.as_bytes().to_vec(),
        };
        Ok(Verifier {
            scheme,
            key,
            tolerance: DEFAULT_TOLERANCE,
            now: None,
        })
    }

    /// Accepts timestamps up to `tolerance` from now (default five minutes).
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Checks timestamps against `now` instead of the clock (for tests and
    /// for replaying stored requests knowingly).
    pub fn at(mut self, now: SystemTime) -> Self {
        self.now = Some(now);
        self
    }

    /// Checks the signature (and timestamp) of a request with `headers` and
    /// the raw `body`, then reads the body as JSON of type `T`.
    ///
    /// # Errors
    ///
    /// See [`WebhookError`]: the body is read only once the signature holds.
    pub fn payload<T: DeserializeOwned>(
        &self,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<T, WebhookError> {
        self.verify(headers, body)?;
        serde_json::from_slice(body).map_err(WebhookError::Payload)
    }

    /// Checks the signature (and timestamp) of a request with `headers` and
    /// the raw `body`.
    ///
    /// # Errors
    ///
    /// See [`WebhookError`].
    pub fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<(), WebhookError> {
        match self.scheme {
            Scheme::StandardWebhooks => {
                let id = header(headers, "webhook-id")?;
                let timestamp = header(headers, "webhook-timestamp")?;
                let signatures = header(headers, "webhook-signature")?;
                let seconds =
                    timestamp
                        .trim()
                        .parse()
                        .map_err(|_| WebhookError::MalformedHeader {
                            header: "webhook-timestamp",
                            reason: "is not a number of seconds",
                        })?;
                self.check_time(seconds)?;
                let mac = self.mac(&[id.as_bytes(), b".", timestamp.as_bytes(), b".", body]);
                let candidates = signatures
                    .split_whitespace()
                    .filter_map(|entry| entry.strip_prefix("v1,"))
                    .filter_map(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok());
                matches_any(&mac, candidates)
            }
            Scheme::HexBody {
                header: name,
                prefix,
            } => {
                let value = header(headers, name)?;
                let digits =
                    value
                        .trim()
                        .strip_prefix(prefix)
                        .ok_or(WebhookError::MalformedHeader {
                            header: name,
                            reason: "does not start with the scheme's prefix",
                        })?;
                let given = hex::decode(digits).map_err(|_| WebhookError::MalformedHeader {
                    header: name,
                    reason: "is not hexadecimal after its prefix",
                })?;
                matches_any(&self.mac(&[body]), std::iter::once(given))
            }
            Scheme::Timestamped { header: name } => {
                let value = header(headers, name)?;
                let mut timestamp = None;
                let mut signatures = Vec::new();
                for part in value.split(',') {
                    match part.trim().split_once('=') {
                        Some(("t", t)) => timestamp = Some(t),
                        Some(("v1", hex)) => signatures.extend(hex::decode(hex).ok()),
                        _ => {}
                    }
                }
                let timestamp = timestamp.ok_or(WebhookError::MalformedHeader {
                    header: name,
                    reason: "has no `t=` timestamp",
                })?;
                let seconds = timestamp
                    .parse()
                    .map_err(|_| WebhookError::MalformedHeader {
                        header: name,
                        reason: "has a `t=` that is not a number of seconds",
                    })?;
                self.check_time(seconds)?;
                let mac = self.mac(&[timestamp.as_bytes(), b".", body]);
                matches_any(&mac, signatures.into_iter())
            }
        }
    }

    /// The HMAC of `parts`, concatenated, under the key.
    fn mac(&self, parts: &[&[u8]]) -> HmacSha256 {
        // HMAC takes keys of any length.
        let mut mac = HmacSha256::new_from_slice(&self.key).expect("HMAC takes any key length");
        for part in parts {
            mac.update(part);
        }
        mac
    }

    fn check_time(&self, seconds: i64) -> Result<(), WebhookError> {
        let now = self.now.unwrap_or_else(SystemTime::now);
        let now = match now.duration_since(UNIX_EPOCH) {
            Ok(since) => since.as_secs() as i64,
            Err(before) => -(before.duration().as_secs() as i64),
        };
        if now.abs_diff(seconds) > self.tolerance.as_secs() {
            return Err(WebhookError::TimestampOutOfTolerance {
                timestamp: seconds,
                tolerance: self.tolerance,
            });
        }
        Ok(())
    }
}

/// Whether any of `candidates` is the HMAC, each compared in constant time.
fn matches_any(
    mac: &HmacSha256,
    candidates: impl Iterator<Item = Vec<u8>>,
) -> Result<(), WebhookError> {
    // Every candidate is compared, so the time taken does not tell which
    // (if any) matched.
    let mut matched = false;
    for candidate in candidates {
        matched |= mac.clone().verify_slice(&candidate).is_ok();
    }
    if matched {
        Ok(())
    } else {
        Err(WebhookError::SignatureMismatch)
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &'static str) -> Result<&'a str, WebhookError> {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .ok_or(WebhookError::MissingHeader(name))
}
