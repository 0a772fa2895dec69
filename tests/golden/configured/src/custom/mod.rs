//! The user's own code in a generated crate: `sdkgen generate` and `cargo
//! xtask codegen` leave `src/custom/` as it is, and the crate root declares
//! it. `sdkgen.toml` replaces the `Cancellation` schema with the type here.

use serde::{Deserialize, Serialize};

/// Why an order is cancelled, as this user models it: a reason they choose
/// from, where the spec has free text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cancellation {
    /// The reason, sent as the spec's `reason` property.
    pub reason: Reason,
}

/// The reasons this user's program knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The buyer changed their mind.
    ChangedMind,
    /// Found cheaper elsewhere.
    FoundCheaper,
}

/// A helper of the user's beside the generated types.
impl crate::models::PurchaseOrder {
    /// Whether the order may still be cancelled.
    pub fn cancellable(&self) -> bool {
        self.status == crate::models::OrderStatus::Open
    }
}

#[cfg(test)]
mod tests {
    use super::{Cancellation, Reason};
    use crate::models::{OrderStatus, PurchaseOrder};
    use crate::operations::{CancelOrderRequest, OrdersRequest};

    #[test]
    fn the_generated_crate_uses_the_users_type() {
        let request = CancelOrderRequest::new("o-1").cancellation(Cancellation {
            reason: Reason::FoundCheaper,
        });
        assert_eq!(
            serde_json::to_value(&request.cancellation).unwrap(),
            serde_json::json!({"reason": "found_cheaper"})
        );
    }

    #[test]
    fn renamed_and_derived_types_are_there() {
        let order: PurchaseOrder =
            serde_json::from_value(serde_json::json!({"id": "o-1", "status": "open"})).unwrap();
        assert!(order.cancellable());
        // `Eq` from `derive.all`.
        fn is_eq<T: Eq>(_: &T) {}
        is_eq(&order);
        is_eq(&OrdersRequest::new().status(OrderStatus::Open));
    }
}
