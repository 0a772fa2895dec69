//! Which way each type's values travel, so that a crate compiles only the
//! serde impls its client uses: `Serialize` for what it sends (request
//! bodies, parameters), `Deserialize` for what it reads (responses, streams,
//! pages, webhooks). serde's derives are most of what a generated crate
//! takes to check (a struct's `Deserialize`, with the map that keeps
//! unknown properties, is the largest single part), and a large API reads
//! far more types than it sends. The crate's `full-serde` feature gives
//! every type both impls again.
//!
//! A type takes the directions of everything that reaches it, through
//! fields, alternatives and aliases. A type nothing reaches (a component
//! schema kept for its own sake) has no direction to judge by and keeps both.

use super::graph::TypeGraph;
use crate::ir::{Api, Wire};

/// Fills in the `wire` of every type.
pub fn assign(api: &mut Api) {
    let graph = TypeGraph::new(api);
    let mut sent_roots: Vec<usize> = Vec::new();
    let mut received_roots: Vec<usize> = Vec::new();
    for op in &api.operations {
        sent_roots.extend(op.sent_refs().into_iter().filter_map(|ty| graph.find(ty)));
        received_roots.extend(
            op.received_refs()
                .into_iter()
                .filter_map(|ty| graph.find(ty)),
        );
    }
    received_roots.extend(api.webhooks.iter().filter_map(|w| graph.find(&w.payload)));

    // A type nothing reaches keeps both impls, and so must everything it
    // holds: it is a root of both ways.
    let sent = graph.reach(sent_roots.iter().copied());
    let received = graph.reach(received_roots.iter().copied());
    let unreached = (0..graph.len()).filter(|&i| !sent[i] && !received[i]);
    let unreached: Vec<usize> = unreached.collect();
    let sent = graph.reach(sent_roots.into_iter().chain(unreached.iter().copied()));
    let received = graph.reach(received_roots.into_iter().chain(unreached));
    for (i, def) in api.types.iter_mut().enumerate() {
        def.wire = match (sent[i], received[i]) {
            (true, false) => Wire::Sent,
            (false, true) => Wire::Received,
            _ => Wire::Both,
        };
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::{Api, Wire};

    fn api(yaml: &str) -> Api {
        let loaded = crate::load::load("t.yaml", yaml).unwrap();
        crate::resolve::resolve("t.yaml", &loaded.doc).unwrap().api
    }

    fn wire_of(api: &Api, name: &str) -> Wire {
        api.types
            .iter()
            .find(|d| d.name == name)
            .unwrap_or_else(|| panic!("no type {name}"))
            .wire
    }

    #[test]
    fn types_take_the_directions_of_what_reaches_them() {
        let api = api(r##"
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - {name: kind, in: query, schema: {$ref: "#/components/schemas/Kind"}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Pet"}}
        default:
          description: failed
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Problem"}
    post:
      operationId: addPet
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/NewPet"}
      responses:
        "201":
          description: made
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
components:
  schemas:
    Kind: {type: string, enum: [cat, dog]}
    Tag: {type: object, properties: {name: {type: string}}}
    NewPet:
      type: object
      properties:
        kind: {$ref: "#/components/schemas/Kind"}
        tags: {type: array, items: {$ref: "#/components/schemas/Tag"}}
    Pet:
      type: object
      properties:
        kind: {$ref: "#/components/schemas/Kind"}
        owner: {$ref: "#/components/schemas/Owner"}
        vet: {$ref: "#/components/schemas/Vet"}
    Owner: {type: object, properties: {name: {type: string}}}
    Vet: {type: object, properties: {name: {type: string}}}
    Problem: {type: object, properties: {message: {type: string}}}
    Loose:
      type: object
      properties:
        note: {type: string}
        owner: {$ref: "#/components/schemas/Owner"}
"##);
        assert_eq!(wire_of(&api, "NewPet"), Wire::Sent);
        assert_eq!(wire_of(&api, "Tag"), Wire::Sent, "through a list field");
        assert_eq!(wire_of(&api, "Pet"), Wire::Received);
        assert_eq!(wire_of(&api, "Vet"), Wire::Received, "through a field");
        assert_eq!(wire_of(&api, "Problem"), Wire::Received, "an error body");
        assert_eq!(
            wire_of(&api, "Kind"),
            Wire::Both,
            "a parameter and a field read"
        );
        assert_eq!(wire_of(&api, "Loose"), Wire::Both, "reached by nothing");
        // Read in a response, but also held by a type nothing reaches, which
        // writes it too.
        assert_eq!(wire_of(&api, "Owner"), Wire::Both);
        // A module has no features to bring the other impl back: both.
        let mut module = api.clone();
        module.drop_features();
        assert!(module.types.iter().all(|d| d.wire == Wire::Both));
    }
}
