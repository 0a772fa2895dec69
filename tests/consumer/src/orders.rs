// Written against the first release's API and included by `lib.rs` once per
// release, with `api` naming the crate.

use api::models::{Channel, NewOrder, Order, OrderStatus, WebChannel};
use api::operations::{CreateOrderRequest, GetOrderRequest, ListOrdersRequest};

/// A status as a user shows it. The last arm is there because the enum is
/// `#[non_exhaustive]`: a later release may add values.
pub fn status_label(status: &OrderStatus) -> String {
    match status {
        OrderStatus::Open => "open".to_owned(),
        OrderStatus::Shipped => "shipped".to_owned(),
        other => format!("other: {}", other.as_str()),
    }
}

/// Where an order came from; a union gains alternatives as an enum gains
/// values.
pub fn channel_label(channel: &Channel) -> String {
    match channel {
        Channel::WebChannel(web) => format!("web via {}", web.referrer.as_deref().unwrap_or("-")),
        Channel::StoreChannel(store) => format!("store {}", store.store),
        _ => "another channel".to_owned(),
    }
}

/// An order to place, built through `new` and setters.
pub fn new_order() -> NewOrder {
    NewOrder::new("book").quantity(2).note_null()
}

/// The first page of open orders.
pub fn list_request() -> ListOrdersRequest {
    ListOrdersRequest::new().status(OrderStatus::Open).limit(10)
}

/// A web channel with its referrer.
pub fn web_channel() -> Channel {
    Channel::WebChannel(WebChannel::new("web").referrer("newsletter"))
}

/// What the user reads of an order.
pub fn summary(order: &Order) -> String {
    format!(
        "{} {} x{} = {}",
        order.id,
        status_label(&order.status),
        order.quantity.unwrap_or(1),
        order.total.map_or_else(|| "?".to_owned(), |t| t.to_string()),
    )
}

/// Places an order and fetches it back, as a user's program does.
pub async fn place_and_fetch(client: &api::Client) -> Result<Order, String> {
    let placed = client
        .create_order(CreateOrderRequest::new(new_order()))
        .await
        .map_err(|e| e.to_string())?;
    let fetched = client
        .get_order(GetOrderRequest::new(placed.id.clone()))
        .await
        .map_err(|e| e.to_string())?;
    Ok(fetched.into_body())
}

/// A client for `base_url`.
pub fn client(base_url: &str) -> api::Client {
    api::Client::builder()
        .base_url(base_url)
        .build()
        .expect("a client without credentials builds")
}
