//! The runtime that sdkgen copies into every generated crate as its `runtime`
//! module. It is compiled and tested here as a crate of its own; the generator
//! embeds the files next to this one verbatim (see `generator/src/runtime.rs`).
//!
//! The files refer to each other only through `super::`, never `crate::`, so
//! that they work both as this crate's root modules and as the generated crate's
//! `runtime` module (which may itself be included into a user's module by
//! build.rs).
//!
//! An [`unknown::UnknownValue`]'s field is private, so that code outside
//! the SDK cannot make one (this file is not copied, so the example runs
//! here only):
//!
//! ```compile_fail,E0603
//! let value = sdkgen_runtime::unknown::UnknownValue(String::from("ACCESS_DENIED"));
//! ```
//!
//! while the same path with the generated types' hidden constructor
//! compiles (so the example above fails for the field alone):
//!
//! ```
//! let value = sdkgen_runtime::unknown::UnknownValue::new(String::from("ACCESS_DENIED"));
//! assert_eq!(value.get(), "ACCESS_DENIED");
//! ```

pub mod auth;
pub mod call;
pub mod download;
pub mod encode;
pub mod error;
pub mod events;
pub mod idempotency;
pub mod nullable;
#[cfg(feature = "oauth2")]
pub mod oauth2;
#[cfg(not(feature = "oauth2"))]
#[path = "oauth2_off.rs"]
pub mod oauth2;
pub mod object;
pub mod paginate;
pub mod pairs;
pub mod pending;
pub mod response;
pub mod retry;
pub mod text_format;
pub mod time_format;
#[cfg(feature = "tracing")]
pub mod trace;
#[cfg(not(feature = "tracing"))]
#[path = "trace_off.rs"]
pub mod trace;
pub mod union;
pub mod unknown;
pub mod upload;
pub mod webhooks;
