//! Types that contain themselves: a struct field or union variant that leads
//! back to its own type without passing through a `Vec` or a map (which already
//! put their elements on the heap) would make an infinitely large type. Such
//! fields are found as the edges inside a strongly connected component of the
//! "contains directly" graph (Tarjan's algorithm) and held through a `Box`.

use crate::ir::{Module, TypeDef, TypeKind, TypeRef};

/// Boxes every field and union variant that closes a cycle of types.
pub fn box_cycles(types: &mut [TypeDef]) {
    let index = crate::ir::type_index(types);
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|t| {
            members(&t.kind)
                .filter_map(|ty| direct_target(ty))
                .filter_map(|(module, name)| index.get(&(module, name)).copied())
                .collect()
        })
        .collect();
    let component = strongly_connected(&edges);
    let mut size = vec![0usize; types.len()];
    for c in &component {
        size[*c] += 1;
    }
    let in_cycle = |from: usize, to: usize| {
        component[from] == component[to] && (size[component[from]] > 1 || from == to)
    };
    let targets: Vec<Vec<bool>> = types
        .iter()
        .enumerate()
        .map(|(from, t)| {
            members(&t.kind)
                .map(|ty| {
                    direct_target(ty)
                        .and_then(|(module, name)| index.get(&(module, name)))
                        .is_some_and(|to| in_cycle(from, *to))
                })
                .collect()
        })
        .collect();
    for (def, boxes) in types.iter_mut().zip(targets) {
        let mut boxes = boxes.into_iter();
        match &mut def.kind {
            TypeKind::Struct(body) => {
                for field in &mut body.fields {
                    if boxes.next() == Some(true) {
                        field.ty = boxed(std::mem::replace(&mut field.ty, TypeRef::Json));
                    }
                }
            }
            TypeKind::Union(union) => {
                for variant in &mut union.variants {
                    if boxes.next() == Some(true) {
                        variant.ty = boxed(std::mem::replace(&mut variant.ty, TypeRef::Json));
                    }
                }
            }
            // Response enums are not held by any type, so they are in no
            // cycle.
            TypeKind::Enum(_)
            | TypeKind::IntEnum(_)
            | TypeKind::Alias(_)
            | TypeKind::External(_)
            | TypeKind::Statuses(_) => {}
        }
    }
}

/// The types a type holds: fields, union variants, an alias's target.
fn members(kind: &TypeKind) -> Box<dyn Iterator<Item = &TypeRef> + '_> {
    match kind {
        TypeKind::Struct(body) => Box::new(body.fields.iter().map(|f| &f.ty)),
        TypeKind::Union(union) => Box::new(union.variants.iter().map(|v| &v.ty)),
        TypeKind::Alias(target) => Box::new(std::iter::once(target)),
        TypeKind::Statuses(variants) => Box::new(variants.iter().filter_map(|v| v.ty.as_ref())),
        TypeKind::Enum(_) | TypeKind::IntEnum(_) | TypeKind::External(_) => {
            Box::new(std::iter::empty())
        }
    }
}

/// The named type `ty` holds in place (an `Option` is in place; a `Vec`, map or
/// `Box` is not).
fn direct_target(ty: &TypeRef) -> Option<(Module, &str)> {
    match ty {
        TypeRef::Named { module, name } => Some((*module, name)),
        TypeRef::Nullable(inner) => direct_target(inner),
        _ => None,
    }
}

fn boxed(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::Nullable(inner) => TypeRef::Nullable(Box::new(boxed(*inner))),
        named => TypeRef::Boxed(Box::new(named)),
    }
}

/// The strongly connected component of each node (Tarjan's algorithm).
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    struct State<'e> {
        edges: &'e [Vec<usize>],
        next: usize,
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        component: Vec<usize>,
        components: usize,
    }
    fn visit(s: &mut State<'_>, v: usize) {
        s.index[v] = Some(s.next);
        s.low[v] = s.next;
        s.next += 1;
        s.stack.push(v);
        s.on_stack[v] = true;
        for &w in &s.edges[v] {
            match s.index[w] {
                None => {
                    visit(s, w);
                    s.low[v] = s.low[v].min(s.low[w]);
                }
                Some(index) if s.on_stack[w] => s.low[v] = s.low[v].min(index),
                Some(_) => {}
            }
        }
        if Some(s.low[v]) == s.index[v] {
            while let Some(w) = s.stack.pop() {
                s.on_stack[w] = false;
                s.component[w] = s.components;
                if w == v {
                    break;
                }
            }
            s.components += 1;
        }
    }
    let n = edges.len();
    let mut state = State {
        edges,
        next: 0,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        component: vec![0; n],
        components: 0,
    };
    for v in 0..n {
        if state.index[v].is_none() {
            visit(&mut state, v);
        }
    }
    state.component
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Field, Struct};

    fn named(name: &str) -> TypeRef {
        TypeRef::Named {
            module: Module::Models,
            name: name.to_owned(),
        }
    }

    fn strukt(name: &str, fields: Vec<TypeRef>) -> TypeDef {
        TypeDef {
            name: name.to_owned(),
            module: Module::Models,
            doc: None,
            origin: String::new(),
            examples: Vec::new(),
            features: Vec::new(),
            hints: Default::default(),
            deprecated: false,
            wire: crate::ir::Wire::default(),
            kind: TypeKind::Struct(Struct {
                fields: fields
                    .into_iter()
                    .map(|ty| Field {
                        rust_name: "f".into(),
                        wire_name: "f".into(),
                        ty,
                        required: false,
                        doc: None,
                        default: None,
                        default_fn: None,
                        fixed: None,
                        hints: Default::default(),
                        setter: None,
                        null_setter: None,
                        deprecated: false,
                    })
                    .collect(),
                additional: TypeRef::Json,
                closed: false,
            }),
        }
    }

    fn field_types(def: &TypeDef) -> Vec<TypeRef> {
        match &def.kind {
            TypeKind::Struct(s) => s.fields.iter().map(|f| f.ty.clone()).collect(),
            _ => unreachable!(),
        }
    }

    #[test]
    fn self_reference_and_mutual_recursion_are_boxed_but_vecs_are_not() {
        let mut types = vec![
            // Node { next: Option<Node>, children: Vec<Node> }
            strukt(
                "Node",
                vec![
                    TypeRef::Nullable(Box::new(named("Node"))),
                    TypeRef::Vec(Box::new(named("Node"))),
                ],
            ),
            // A { b: B }, B { a: A }, C { a: A }
            strukt("A", vec![named("B")]),
            strukt("B", vec![named("A")]),
            strukt("C", vec![named("A")]),
        ];
        box_cycles(&mut types);
        assert_eq!(
            field_types(&types[0]),
            [
                TypeRef::Nullable(Box::new(TypeRef::Boxed(Box::new(named("Node"))))),
                TypeRef::Vec(Box::new(named("Node"))),
            ]
        );
        assert_eq!(
            field_types(&types[1]),
            [TypeRef::Boxed(Box::new(named("B")))]
        );
        assert_eq!(
            field_types(&types[2]),
            [TypeRef::Boxed(Box::new(named("A")))]
        );
        // C is outside the cycle: it holds A in place.
        assert_eq!(field_types(&types[3]), [named("A")]);
    }
}
