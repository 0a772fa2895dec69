//! Clients generated at build time from real specs, for the wire tests in
//! `tests/`: Authlete 3.0.16 (bearer, JSON or form bodies), Authlete 2.3.12
//! (HTTP basic, a scheme per operation), Walmart's inventory API (multipart)
//! and USPTO's data set API (a form, a server variable).

/// Authlete 3.0.16.
pub mod authlete_3_0_16 {
    include!(concat!(env!("OUT_DIR"), "/authlete_3_0_16.rs"));
}

/// Authlete 2.3.12.
pub mod authlete_2_3_12 {
    include!(concat!(env!("OUT_DIR"), "/authlete_2_3_12.rs"));
}

/// Walmart's inventory API.
pub mod walmart {
    include!(concat!(env!("OUT_DIR"), "/walmart.rs"));
}

/// USPTO's data set API.
pub mod uspto {
    include!(concat!(env!("OUT_DIR"), "/uspto.rs"));
}
