//! Walking every page of a list operation: [`Pages`] yields each page, one
//! request at a time and only when asked; [`Items`] yields the items of every
//! page. A generated `…_pages` method gives the first request, the call, and
//! how a page turns the request into the next one; everything else is here,
//! compiled once per page type rather than stamped out per operation.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::Stream;
use reqwest::header::{HeaderMap, LINK};

use super::error::{Error, InvalidRequest};
use super::pending::Pending;
use super::response::ApiResponse;

/// One page's call, on its way.
pub type PageFuture<P, E> = Pin<Box<dyn Future<Output = Result<ApiResponse<P>, Error<E>>> + Send>>;

/// What a generated method gives [`Pages::new`]: the client's method that
/// calls one page.
pub type Fetch<C, R, P, E> = for<'c> fn(&'c C, R) -> Pending<'c, P, E>;

/// One page's call as a future that owns its client. Here, once, rather
/// than an `async` block in every generated `…_pages` method, whose
/// borrow check was most of what those methods cost the compiler.
fn call<C, R, P, E>(fetch: Fetch<C, R, P, E>, client: C, request: R) -> PageFuture<P, E>
where
    C: Send + Sync + 'static,
    R: Send + 'static,
    P: Send + 'static,
    E: Send + 'static,
{
    Box::pin(async move { fetch(&client, request).await })
}

/// Turns the request of the page just read into the next page's; `false`
/// when there is no next page.
pub type Advance<R, P> = fn(&mut R, &ApiResponse<P>) -> bool;

/// The next call, made from the page just read; `None` at the end.
type Follow<P, E> = Box<dyn FnMut(&ApiResponse<P>) -> Option<PageFuture<P, E>> + Send>;

/// A client that can send an operation's request to a URL a server gave (the
/// `next` link of a `Link` header) instead of the operation's own.
pub trait FollowLink: Clone + Send + Sync + 'static {
    /// A client whose next call goes to `url`, with the same credentials.
    ///
    /// # Errors
    ///
    /// When `url` is not on the client's own origin (scheme, host and port):
    /// credentials are never sent to a host a response named.
    fn following(&self, url: &str) -> Result<Self, InvalidRequest>;
}

/// Every page of a list operation, as a stream of whole responses (status,
/// headers and parsed body). Pages are fetched lazily, one request at a time;
/// each is retried as any call is. An error is yielded and ends the stream.
#[must_use = "a stream does nothing until it is polled"]
pub struct Pages<P, E> {
    pending: Option<PageFuture<P, E>>,
    follow: Follow<P, E>,
}

impl<P, E> std::fmt::Debug for Pages<P, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages")
            .field("done", &self.pending.is_none())
            .finish_non_exhaustive()
    }
}

impl<P: Send + 'static, E: Send + 'static> Pages<P, E> {
    /// Pages whose next request is the last one changed by `advance` (a
    /// cursor, a page number or an offset set from the page just read).
    pub fn new<C, R>(
        client: C,
        request: R,
        fetch: Fetch<C, R, P, E>,
        advance: Advance<R, P>,
    ) -> Self
    where
        C: Clone + Send + Sync + 'static,
        R: Clone + Send + 'static,
    {
        let first = call(fetch, client.clone(), request.clone());
        let mut request = request;
        let follow = move |page: &ApiResponse<P>| {
            advance(&mut request, page).then(|| call(fetch, client.clone(), request.clone()))
        };
        Pages {
            pending: Some(first),
            follow: Box::new(follow),
        }
    }

    /// Pages that follow the `next` link of each response's `Link` header
    /// (RFC 8288), as given, to the end.
    pub fn linked<C, R>(client: C, request: R, fetch: Fetch<C, R, P, E>) -> Self
    where
        C: FollowLink,
        R: Clone + Send + 'static,
    {
        let first = call(fetch, client.clone(), request.clone());
        let follow = move |page: &ApiResponse<P>| {
            let url = next_link(page.headers())?;
            Some(match client.following(&url) {
                Ok(next) => call(fetch, next, request.clone()),
                Err(invalid) => {
                    let error = Error::InvalidRequest(invalid);
                    Box::pin(std::future::ready(Err(error))) as PageFuture<P, E>
                }
            })
        };
        Pages {
            pending: Some(first),
            follow: Box::new(follow),
        }
    }

    /// The items of every page: `items` takes them out of a page's body.
    pub fn items<T: Send + 'static>(self, items: fn(P) -> Vec<T>) -> Items<T, E> {
        let pages = PageItems { pages: self, items };
        Items {
            pages: Box::pin(pages),
            buffer: Vec::new().into_iter(),
        }
    }
}

impl<P, E> Stream for Pages<P, E> {
    type Item = Result<ApiResponse<P>, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let Some(pending) = self.pending.as_mut() else {
            return Poll::Ready(None);
        };
        let outcome = std::task::ready!(pending.as_mut().poll(cx));
        self.pending = match &outcome {
            Ok(page) => (self.follow)(page),
            Err(_) => None,
        };
        Poll::Ready(Some(outcome))
    }
}

/// [`Pages`] with each page's body turned into its items.
struct PageItems<P, T, E> {
    pages: Pages<P, E>,
    items: fn(P) -> Vec<T>,
}

impl<P, T, E> Stream for PageItems<P, T, E> {
    type Item = Result<Vec<T>, Error<E>>;

    // `result_large_err`: the items are the operation's `Error<E>` (see
    // `call::Reply`), passed on.
    #[allow(clippy::result_large_err)]
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let items = self.items;
        Pin::new(&mut self.pages)
            .poll_next(cx)
            .map(|page| page.map(|page| page.map(|page| items(page.into_body()))))
    }
}

/// The pages of [`Items`], each its items.
type ItemPages<T, E> = Pin<Box<dyn Stream<Item = Result<Vec<T>, Error<E>>> + Send>>;

/// Every item of every page of a list operation, as a stream. Pages are
/// fetched lazily, the next one only when the items of the last are used up;
/// an error is yielded and ends the stream.
#[must_use = "a stream does nothing until it is polled"]
pub struct Items<T, E> {
    pages: ItemPages<T, E>,
    buffer: std::vec::IntoIter<T>,
}

impl<T, E> std::fmt::Debug for Items<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items")
            .field("buffered", &self.buffer.len())
            .finish_non_exhaustive()
    }
}

// Neither holds anything pinned in place: the futures and streams inside are
// boxed.
impl<P, E> Unpin for Pages<P, E> {}
impl<T, E> Unpin for Items<T, E> {}

impl<T, E> Stream for Items<T, E> {
    type Item = Result<T, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            if let Some(item) = self.buffer.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match std::task::ready!(self.pages.as_mut().poll_next(cx)) {
                Some(Ok(items)) => self.buffer = items.into_iter(),
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                None => return Poll::Ready(None),
            }
        }
    }
}

/// The URL of the `rel="next"` link of a `Link` header (RFC 8288), from any
/// of the header's lines.
pub fn next_link(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(LINK)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(split_links)
        .find(|(_, params)| {
            params.split(';').any(|param| {
                let Some((name, value)) = param.split_once('=') else {
                    return false;
                };
                name.trim().eq_ignore_ascii_case("rel")
                    && value
                        .trim()
                        .trim_matches('"')
                        .split_ascii_whitespace()
                        .any(|rel| rel.eq_ignore_ascii_case("next"))
            })
        })
        .map(|(url, _)| url.to_owned())
}

/// The links of one `Link` header value: each `<url>` with the parameters
/// after it. Commas inside `<…>` or quotes do not split.
fn split_links(value: &str) -> Vec<(&str, &str)> {
    let mut links = Vec::new();
    let mut rest = value;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let url = &rest[open + 1..open + close];
        let after = &rest[open + close + 1..];
        // The parameters run to the next comma outside quotes.
        let mut quoted = false;
        let end = after
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == ',' && !quoted
            })
            .map_or(after.len(), |(i, _)| i);
        links.push((url.trim(), &after[..end]));
        rest = &after[end..];
    }
    links
}

/// Whether `url` has the origin (scheme, host, port) of `base`.
pub fn same_origin(base: &str, url: &str) -> Result<(), InvalidRequest> {
    let refuse = |reason: &str| InvalidRequest {
        what: "the next page's link".to_owned(),
        reason: reason.to_owned(),
    };
    let next = reqwest::Url::parse(url).map_err(|_| refuse("it is not an absolute URL"))?;
    let base = reqwest::Url::parse(base).map_err(|_| refuse("the base URL does not parse"))?;
    if next.origin() == base.origin() {
        Ok(())
    } else {
        Err(refuse(
            "it leads to another origin than the client's base URL; credentials are not sent there",
        ))
    }
}

/// The next cursor: `next` when the server gave one that is not empty and
/// not the one just sent (a server that repeats it would loop forever).
pub fn next_cursor(current: &mut Option<String>, next: Option<&String>) -> bool {
    match next {
        Some(next) if !next.is_empty() && current.as_ref() != Some(next) => {
            *current = Some(next.clone());
            true
        }
        _ => false,
    }
}

/// The page size a request asked for, when the server is known to fill
/// every page but the last to it: the spec caps the size (`maximum`) and the
/// request stays within the cap. Without a cap a server may send fewer items
/// than asked on a page that is not the last, so a short page proves nothing.
pub fn full_size(asked: Option<i64>, maximum: Option<i64>) -> Option<i64> {
    asked.filter(|asked| *asked > 0 && maximum.is_some_and(|maximum| *asked <= maximum))
}

/// The offset after a page of `count` items read at `offset`: none when the
/// page was empty, shorter than a `full` page ([`full_size`]), or the `total`
/// the server reported is reached.
pub fn next_offset(
    offset: i64,
    count: usize,
    full: Option<i64>,
    total: Option<i64>,
) -> Option<i64> {
    let next = offset.checked_add(i64::try_from(count).ok()?)?;
    let last = count == 0 || is_short(count, full) || total.is_some_and(|total| next >= total);
    (!last).then_some(next)
}

/// The page number after page `page` (the first being `first`) of `count`
/// items: none when the page was empty, shorter than a `full` page
/// ([`full_size`]), or, pages being full, the `total` count of items is
/// reached.
pub fn next_page(
    page: i64,
    first: i64,
    count: usize,
    full: Option<i64>,
    total: Option<i64>,
) -> Option<i64> {
    if count == 0 || is_short(count, full) {
        return None;
    }
    let read = full.and_then(|size| page.checked_sub(first)?.checked_add(1)?.checked_mul(size));
    if read.zip(total).is_some_and(|(read, total)| read >= total) {
        return None;
    }
    page.checked_add(1)
}

fn is_short(count: usize, full: Option<i64>) -> bool {
    full.is_some_and(|size| i64::try_from(count).is_ok_and(|count| count < size))
}

/// A total count of items as a body gives it (an integer, or a JSON number
/// read as `f64`), as an `i64`; `None` when it is no whole count.
pub trait Total: Copy {
    /// The count, when it is one.
    fn total(self) -> Option<i64>;
}

macro_rules! total_of_integer {
    ($($ty:ty),*) => {$(
        impl Total for $ty {
            fn total(self) -> Option<i64> {
                i64::try_from(self).ok()
            }
        }
    )*};
}

total_of_integer!(i8, i16, i32, i64, u8, u16, u32, u64);

impl Total for f64 {
    fn total(self) -> Option<i64> {
        // A count above 2^53 is no count a page walk would reach.
        (self.fract() == 0.0 && self.abs() < 9_007_199_254_740_992.0).then_some(self as i64)
    }
}
