//! Traces of calls, with the `tracing` feature: one span per call with the
//! operation, method, path template, attempt, status and duration, and an
//! event per retry. The filled URL, headers and bodies are never recorded:
//! they may hold secrets.

use std::future::Future;
use std::time::{Duration, Instant};

use reqwest::Method;
use tracing::{field, Instrument, Span};

use super::call::{Endpoint, Reply};
use super::error::Failure;

/// The span of one call.
#[derive(Debug)]
pub struct Call {
    span: Span,
    started: Instant,
}

impl Call {
    /// Opens the span of a call to `endpoint`.
    pub fn start(endpoint: &Endpoint, method: &Method) -> Call {
        let span = tracing::info_span!(
            "call",
            operation = endpoint.operation,
            method = %method,
            path = endpoint.path,
            attempt = field::Empty,
            status = field::Empty,
            error = field::Empty,
            duration_ms = field::Empty,
        );
        Call {
            span,
            started: Instant::now(),
        }
    }

    /// `future` inside the span.
    pub fn instrument<F: Future>(&self, future: F) -> impl Future<Output = F::Output> {
        future.instrument(self.span.clone())
    }

    /// Try number `attempt` (1 for the first) begins.
    pub fn attempt(&self, attempt: u32) {
        self.span.record("attempt", attempt);
    }

    /// The call is sent again after `wait`, for `reason`.
    pub fn retrying(&self, reason: &str, wait: Duration) {
        tracing::info!(
            parent: &self.span,
            reason,
            wait_ms = wait.as_millis() as u64,
            "retrying"
        );
    }

    /// The call ended with `outcome` (its status, or the kind of failure).
    pub fn finish(&self, outcome: &Result<Reply, Failure>) {
        match outcome {
            Ok(reply) => {
                self.span.record("status", reply.status().as_u16());
            }
            Err(failure) => {
                self.span.record("error", failure.kind());
            }
        }
        self.span
            .record("duration_ms", self.started.elapsed().as_millis() as u64);
    }
}
