//! serde's impls by direction (`resolve::wire`): a type derives the traits
//! its client uses, and the others only with the crate's `full-serde`
//! feature.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Api;

/// When a type has one of serde's traits.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Always: the client uses it.
    Always,
    /// With the `full-serde` feature.
    WithFeature,
    /// Never (the enums of responses by status are not read from JSON).
    Never,
}

impl Need {
    /// The need of a trait the client uses when `used`.
    pub fn of(used: bool) -> Need {
        if used {
            Need::Always
        } else {
            Need::WithFeature
        }
    }
}

/// serde's derives of a type: the paths to derive always, and the attributes
/// to put after the derive: `container`, serde's attribute for the type
/// itself (`untagged`), which only a derive may read, and a `cfg_attr`
/// deriving what comes with `full-serde`.
pub struct SerdeDerives {
    /// `serde::Serialize`, `serde::Deserialize`, both or neither.
    pub always: Vec<&'static str>,
    /// What follows the type's `#[derive(…)]`.
    pub attrs: TokenStream,
}

/// [`SerdeDerives`] of a type that needs `Serialize` and `Deserialize` as
/// `serialize` and `deserialize` say. A crate without the feature (a
/// module) derives at once what would come with it.
pub fn derives(
    api: &Api,
    serialize: Need,
    deserialize: Need,
    container: Option<TokenStream>,
) -> SerdeDerives {
    let need = |need: Need| match need {
        Need::WithFeature if !api.serde_by_direction => Need::Always,
        other => other,
    };
    let traits = [
        ("serde::Serialize", need(serialize)),
        ("serde::Deserialize", need(deserialize)),
    ];
    let always: Vec<&'static str> = traits
        .iter()
        .filter(|(_, need)| *need == Need::Always)
        .map(|(path, _)| *path)
        .collect();
    let gated: Vec<TokenStream> = traits
        .iter()
        .filter(|(_, need)| *need == Need::WithFeature)
        .map(|(path, _)| path.parse::<TokenStream>().expect("a path is tokens"))
        .collect();
    let attrs = match (always.is_empty(), gated.is_empty(), container) {
        (_, true, None) => TokenStream::new(),
        (_, true, Some(container)) => quote!(#[serde(#container)]),
        (false, false, container) => {
            let container = container.map(|c| quote!(#[serde(#c)]));
            let derive = gated_derive(&gated, None);
            quote!(#container #derive)
        }
        // No derive but the gated ones: the container attribute goes with
        // them.
        (true, false, container) => gated_derive(&gated, container),
    };
    SerdeDerives { always, attrs }
}

fn gated_derive(paths: &[TokenStream], container: Option<TokenStream>) -> TokenStream {
    let container = container.map(|c| quote!(, serde(#c)));
    quote!(#[cfg_attr(feature = "full-serde", derive(#(#paths),*) #container)])
}

/// The `cfg` of an impl (or a helper only it uses) of `Serialize` when
/// `serializes` is false, or of `Deserialize` likewise: compiled with
/// `full-serde` only.
pub fn gate(api: &Api, used: bool) -> Option<TokenStream> {
    (api.serde_by_direction && !used).then(|| quote!(#[cfg(feature = "full-serde")]))
}

/// A serde attribute of a field or variant of a type that derives serde's
/// traits only with `full-serde` (`gated`): read only when that derive is.
pub fn helper_attr(args: TokenStream, gated: bool) -> TokenStream {
    if gated {
        quote!(#[cfg_attr(feature = "full-serde", serde(#args))])
    } else {
        quote!(#[serde(#args)])
    }
}
