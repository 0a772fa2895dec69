//! The future a generated method returns when its request is built without
//! waiting and its answer is read whole: most methods of most APIs.
//!
//! Such a method is a plain function: it hands [`Core::exchange`] its
//! argument, a function that builds the request from it, and one that picks
//! the outcome by status.
//! The waiting (sending, retries, reading the body) is this module's one
//! async block, compiled once for every operation of the crate, where an
//! `async fn` per operation gave the compiler a state machine, an opaque type
//! and its borrow checking per operation: most of what a crate of hundreds of
//! operations took to check.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use reqwest::RequestBuilder;

use super::call::{Core, Endpoint, FullReply};
use super::error::Error;
use super::response::ApiResponse;

/// How a generated method builds its request from the client's core and the
/// method's argument (its request type, or `()`).
pub type Build<R, E> = fn(&Core, R) -> Result<RequestBuilder, Error<E>>;

/// How a generated method turns the whole answer into its result: a match on
/// the status that reads the body as the operation's success or error type.
pub type Decode<T, E> = fn(FullReply) -> Outcome<T, E>;

/// What a call gives: the response, or the operation's error.
pub type Outcome<T, E> = Result<ApiResponse<T>, Error<E>>;

/// A call on its way: await it for the response (`ApiResponse<T>`) or the
/// operation's error (`Error<E>`). Nothing is sent until it is first polled.
/// It is `Send`, so it can be awaited on any task of a multi-threaded
/// runtime, and it borrows the client it came from.
#[must_use = "nothing is sent until the call is awaited"]
pub struct Pending<'a, T, E> {
    future: Pin<Box<dyn Future<Output = Outcome<T, E>> + Send + 'a>>,
}

impl<T, E> Future for Pending<'_, T, E> {
    type Output = Outcome<T, E>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.future.as_mut().poll(cx)
    }
}

impl<T, E> fmt::Debug for Pending<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pending").finish_non_exhaustive()
    }
}

impl Core {
    /// The call of a generated method: `build` makes the request from this
    /// core and the method's `request` (or says why it cannot be made, which
    /// the call then gives without sending anything), [`Core::call`] sends it
    /// and reads the answer, and `decode` turns that into the result.
    pub fn exchange<'a, R, T: Send + 'a, E: Send + 'a>(
        &'a self,
        request: R,
        build: Build<R, E>,
        endpoint: &'static Endpoint,
        decode: Decode<T, E>,
    ) -> Pending<'a, T, E> {
        let built = build(self, request);
        Pending {
            future: Box::pin(async move {
                let reply = self.call(built?, endpoint).await?;
                decode(reply)
            }),
        }
    }
}
