//! The future a generated method returns when its request is built without
//! waiting and its answer is read whole: most methods of most APIs.
//!
//! Such a method is a plain function: it hands [`Core::exchange`] its
//! argument, a function that builds the request from it, and one that picks
//! the outcome by status.
//! The waiting (sending, retries, reading the body) is [`Core::call`]'s
//! future, boxed, the same type for every operation and so compiled once;
//! an `async fn` per operation gave the compiler a state machine, an opaque
//! type and its borrow checking per operation (most of what a crate of
//! hundreds of operations took to check), and an async block generic over
//! the result still gave one state machine per operation to build.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use reqwest::RequestBuilder;

use super::call::{Core, Endpoint, FullReply};
use super::error::{Error, Failure};
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
    state: State<'a, T, E>,
}

/// What a call is doing. The sending and reading is one boxed future of
/// the same type for every operation (`Core::call`'s), so the code of
/// waiting is compiled once; only this small step per poll is compiled per
/// operation's result and error types.
enum State<'a, T, E> {
    /// The request could not be built: the error, until it is given.
    Refused(Option<Error<E>>),
    /// Sending and reading, then `Decode`.
    Calling(Call<'a>, Decode<T, E>),
}

/// [`Core::call`]'s future, boxed.
type Call<'a> = Pin<Box<dyn Future<Output = Result<FullReply, Failure>> + Send + 'a>>;

// Nothing in a `Pending` is pinned in place: the call's future is boxed, and
// the refused error is only moved out.
impl<T, E> Unpin for Pending<'_, T, E> {}

impl<T, E> Future for Pending<'_, T, E> {
    type Output = Outcome<T, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match &mut self.get_mut().state {
            State::Refused(error) => Poll::Ready(Err(error
                .take()
                .expect("a `Pending` is not polled after it is done"))),
            State::Calling(call, decode) => match call.as_mut().poll(cx) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(Ok(reply)) => Poll::Ready(decode(reply)),
                Poll::Ready(Err(failure)) => Poll::Ready(Err(failure.into())),
            },
        }
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
    pub fn exchange<'a, R, T, E>(
        &'a self,
        request: R,
        build: Build<R, E>,
        endpoint: &'static Endpoint,
        decode: Decode<T, E>,
    ) -> Pending<'a, T, E> {
        let state = match build(self, request) {
            Ok(request) => State::Calling(self.start(request, endpoint), decode),
            Err(error) => State::Refused(Some(error)),
        };
        Pending { state }
    }

    /// [`Core::call`], boxed; not sent until polled. Not generic: compiled
    /// once.
    fn start<'a>(&'a self, request: RequestBuilder, endpoint: &'static Endpoint) -> Call<'a> {
        Box::pin(self.call(request, endpoint))
    }
}
