//! The named types as a graph, for the passes that follow references from
//! operations into types and from types into the types they hold (per-tag
//! features, serde's directions, dropping what a selection leaves
//! unreached).

use std::collections::HashMap;

use crate::ir::{kind_refs, Api, Module, TypeRef};

/// Each type's index in `api.types`, and the indices its shape refers to.
pub struct TypeGraph {
    index: HashMap<(Module, String), usize>,
    refs: Vec<Vec<usize>>,
}

impl TypeGraph {
    /// The graph of `api`'s types as they are now.
    pub fn new(api: &Api) -> Self {
        let index: HashMap<(Module, String), usize> = api
            .types
            .iter()
            .enumerate()
            .map(|(i, def)| ((def.module, def.name.clone()), i))
            .collect();
        let mut graph = TypeGraph {
            index,
            refs: Vec::new(),
        };
        graph.refs = api
            .types
            .iter()
            .map(|def| {
                kind_refs(&def.kind)
                    .into_iter()
                    .filter_map(|ty| graph.find(ty))
                    .collect()
            })
            .collect();
        graph
    }

    /// The index of the named type inside `ty` (through lists, maps,
    /// `Option` and `Box`), if it is one of the API's.
    pub fn find(&self, ty: &TypeRef) -> Option<usize> {
        match ty.innermost() {
            TypeRef::Named { module, name } => self.index.get(&(*module, name.clone())).copied(),
            _ => None,
        }
    }

    /// The types type `i`'s shape refers to.
    pub fn refs(&self, i: usize) -> &[usize] {
        &self.refs[i]
    }

    /// How many types there are.
    pub fn len(&self) -> usize {
        self.refs.len()
    }

    /// Which types `roots` reach, themselves included.
    pub fn reach(&self, roots: impl IntoIterator<Item = usize>) -> Vec<bool> {
        let mut seen = vec![false; self.refs.len()];
        let mut stack: Vec<usize> = roots.into_iter().collect();
        while let Some(i) = stack.pop() {
            if !std::mem::replace(&mut seen[i], true) {
                stack.extend(&self.refs[i]);
            }
        }
        seen
    }
}
