//! The calls' traces without the `tracing` feature: nothing, at no cost. The
//! same functions as `trace.rs`.

use std::future::Future;
use std::time::Duration;

use reqwest::Method;

use super::call::{Endpoint, Reply};
use super::error::Failure;

/// The span of one call, when traced.
#[derive(Debug)]
pub struct Call;

impl Call {
    /// Opens the span of a call to `endpoint`.
    pub fn start(_: &Endpoint, _: &Method) -> Call {
        Call
    }

    /// `future` inside the span.
    pub fn instrument<F: Future>(&self, future: F) -> F {
        future
    }

    /// Try number `attempt` (1 for the first) begins.
    pub fn attempt(&self, _: u32) {}

    /// The call is sent again after `wait`, for `reason`.
    pub fn retrying(&self, _: &str, _: Duration) {}

    /// The call ended with `outcome`.
    pub fn finish(&self, _: &Result<Reply, Failure>) {}
}
