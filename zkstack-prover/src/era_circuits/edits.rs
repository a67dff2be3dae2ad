//! The source edits that make the published zkSync Era circuit crates build on stable Rust 1.95.
//!
//! Every edit is ours and is applied to the registry's own copy of each crate at build time; no
//! third-party source is committed. Three things changed in rustc since those crates were published
//! (they target a 2024 nightly):
//! 1. `slice::array_chunks` / `array_chunks_mut` (feature `array_chunks`) were removed in favour of the
//!    stable `as_chunks`. We drop the feature and give each crate a small extension trait with the old
//!    method names on top of `as_chunks` ([`ARRAY_CHUNKS_SHIM`]), imported where the methods are called.
//! 2. `bigint_helper_methods` (`borrowing_sub`) is stable now, so naming the feature is an error.
//! 3. Under `generic_const_exprs`, an array length written as a literal (or another constant) no
//!    longer unifies with `Self::INTERNAL_STRUCT_LEN`. Every `flatten_as_variables` body is wrapped
//!    in a length-checked conversion ([`SAME_LEN_CALL`]), and the few other places get exact edits.
//! 4. rustc 1.95 crashes (ICE "type parameter out of range when instantiating", in the monomorphiser)
//!    on an array length like `EL::INTERNAL_STRUCT_LEN` written *inside a closure* of a generic
//!    function. In `zkevm_circuits`' witness closures, `[F::ZERO; <len>]` becomes a call to a helper
//!    whose signature carries the length ([`CONST_ARRAY_SHIM`]), and `: [F; <len>]` annotations
//!    are dropped (the helper's return type says the same). Boojum 0.32.11 made the same change.
//!
//! And the crates pin the Boojum family at `=0.32.10`, whose own `#![feature(array_chunks)]` breaks;
//! Boojum 0.32.11 (which this workspace already uses) is the same code fixed upstream, so the pins
//! move to `=0.32.11`.

use super::PrepareError;

/// Nightly features that no longer exist (removed or stabilised) and are deleted from `lib.rs`.
pub const DROPPED_FEATURES: [&str; 2] =
    ["#![feature(array_chunks)]", "#![feature(bigint_helper_methods)]"];

/// Name of the module the shim is appended as, at the end of each patched crate's `lib.rs`.
pub const SHIM_MODULE: &str = "zkstack_compat";

/// Restores `array_chunks` / `array_chunks_mut` on slices (with `remainder()`, used by the crates)
/// using stable `as_chunks`, and provides the length-checked array conversion of edit 3.
pub const ARRAY_CHUNKS_SHIM: &str = r#"
/// Added by zkstack-rs (zkstack-prover/src/era_circuits/edits.rs): stable replacements for the
/// removed nightly `slice::array_chunks`, and a checked array-length conversion.
#[doc(hidden)]
#[allow(dead_code)]
pub(crate) mod zkstack_compat {
    /// Converts between two spellings of one array length (a literal and an associated constant)
    /// that rustc no longer unifies under `generic_const_exprs`; panics if the lengths differ.
    pub(crate) fn same_len<T, const M: usize, const N: usize>(array: [T; M]) -> [T; N] {
        assert_eq!(M, N, "zkstack_compat::same_len: array lengths differ");
        let mut items = array.into_iter();
        core::array::from_fn(|_| match items.next() {
            Some(item) => item,
            None => unreachable!("lengths were checked equal"),
        })
    }

    /// What `slice::array_chunks` returned: whole chunks, then `remainder()`.
    pub(crate) struct ArrayChunks<'a, T, const N: usize> {
        chunks: core::slice::Iter<'a, [T; N]>,
        rem: &'a [T],
    }

    impl<'a, T, const N: usize> ArrayChunks<'a, T, N> {
        pub(crate) fn remainder(&self) -> &'a [T] {
            self.rem
        }
    }

    impl<'a, T, const N: usize> Iterator for ArrayChunks<'a, T, N> {
        type Item = &'a [T; N];
        fn next(&mut self) -> Option<Self::Item> {
            self.chunks.next()
        }
        fn size_hint(&self) -> (usize, Option<usize>) {
            self.chunks.size_hint()
        }
    }

    impl<'a, T, const N: usize> DoubleEndedIterator for ArrayChunks<'a, T, N> {
        fn next_back(&mut self) -> Option<Self::Item> {
            self.chunks.next_back()
        }
    }

    impl<'a, T, const N: usize> ExactSizeIterator for ArrayChunks<'a, T, N> {}

    /// The removed slice methods, same names and meaning.
    pub(crate) trait ArrayChunksCompat<T> {
        fn array_chunks<const N: usize>(&self) -> ArrayChunks<'_, T, N>;
        fn array_chunks_mut<const N: usize>(&mut self) -> core::slice::IterMut<'_, [T; N]>;
    }

    impl<T> ArrayChunksCompat<T> for [T] {
        fn array_chunks<const N: usize>(&self) -> ArrayChunks<'_, T, N> {
            let (chunks, rem) = self.as_chunks::<N>();
            ArrayChunks { chunks: chunks.iter(), rem }
        }
        fn array_chunks_mut<const N: usize>(&mut self) -> core::slice::IterMut<'_, [T; N]> {
            self.as_chunks_mut::<N>().0.iter_mut()
        }
    }
}
"#;

/// Appended to `zkevm_circuits`' crate root for edit 4.
pub const CONST_ARRAY_SHIM: &str = r"
/// Added by zkstack-rs (zkstack-prover/src/era_circuits/edits.rs): zeroed arrays whose length lives
/// in a function signature, so that closures never spell a generic array length themselves.
#[doc(hidden)]
#[allow(dead_code)]
pub(crate) mod zkstack_const_arrays {
    use boojum::field::SmallField;
    use boojum::gadgets::traits::allocatable::CSAllocatableExt;

    /// `[F::ZERO; N]` with `N` inferred from the use.
    pub(crate) fn zeroed<F: SmallField, const N: usize>() -> [F; N] {
        [F::ZERO; N]
    }

    /// `[F::ZERO; T::INTERNAL_STRUCT_LEN]`.
    pub(crate) fn zeroed_for<F: SmallField, T: CSAllocatableExt<F>>(
    ) -> [F; <T as CSAllocatableExt<F>>::INTERNAL_STRUCT_LEN]
    where
        [(); <T as CSAllocatableExt<F>>::INTERNAL_STRUCT_LEN]:,
    {
        [F::ZERO; <T as CSAllocatableExt<F>>::INTERNAL_STRUCT_LEN]
    }
}
";

/// The crate whose closures get edit 4.
pub const CONST_ARRAY_CRATE: &str = "zkevm_circuits";

/// Applies edit 4 to every `move |..|` closure of a file; returns the text and the count.
pub fn hoist_closure_array_lengths(source: &str) -> Result<(String, usize), PrepareError> {
    let mut out = String::with_capacity(source.len() + 256);
    let mut rest = source;
    let mut count = 0;
    while let Some(at) = rest.find("move |") {
        let after_params = rest[at + 6..]
            .find('|')
            .map(|i| at + 6 + i + 1)
            .ok_or_else(|| PrepareError::Edit("closure without parameter list end".to_owned()))?;
        // The body opens at the next `{` (after an optional `-> Type`), unless the closure is an
        // expression closure, which has no room for array literals worth editing: skip it.
        let Some(open) = rest[after_params..].find('{').map(|i| after_params + i) else {
            break;
        };
        let between = &rest[after_params..open];
        if !(between.trim().is_empty() || between.trim_start().starts_with("->")) {
            out.push_str(&rest[..after_params]);
            rest = &rest[after_params..];
            continue;
        }
        let close = matching_brace(rest, open)
            .ok_or_else(|| PrepareError::Edit("unbalanced closure body".to_owned()))?;
        let (body, n) = rewrite_closure_body(&rest[open..=close]);
        out.push_str(&rest[..open]);
        out.push_str(&body);
        count += n;
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok((out, count))
}

/// `[F::ZERO; <len>]` with a generic `<len>` becomes a helper call; `: [F; <len>] =` becomes ` =`.
fn rewrite_closure_body(body: &str) -> (String, usize) {
    let mut text = body.to_owned();
    let mut count = 0;
    let mut from = 0;
    while let Some(i) = text[from..].find("[F::ZERO;").map(|i| from + i) {
        let Some(end) = text[i..].find(']').map(|e| i + e) else { break };
        let len = text[i + "[F::ZERO;".len()..end].trim().to_owned();
        if !len.contains("INTERNAL_STRUCT_LEN") || len.contains(';') {
            from = end;
            continue;
        }
        let call = match len
            .strip_prefix('<')
            .and_then(|l| l.strip_suffix(" as CSAllocatableExt<F>>::INTERNAL_STRUCT_LEN"))
        {
            Some(ty) => format!("crate::zkstack_const_arrays::zeroed_for::<F, {ty}>()"),
            None => "crate::zkstack_const_arrays::zeroed()".to_owned(),
        };
        text.replace_range(i..=end, &call);
        from = i + call.len();
        count += 1;
    }
    if count > 0 {
        let mut from = 0;
        while let Some(i) = text[from..].find(": [F;").map(|i| from + i) {
            let Some(end) = text[i..].find(']').map(|e| i + e) else { break };
            let after = text[end + 1..].trim_start();
            if text[i..end].contains("INTERNAL_STRUCT_LEN") && after.starts_with('=') {
                let eq = end + 1 + (text[end + 1..].len() - after.len());
                text.replace_range(i..=eq, " =");
                from = i + 2;
            } else {
                from = end;
            }
        }
    }
    (text, count)
}

/// The import added to every file that calls the removed slice methods.
pub const SHIM_IMPORT: &str =
    "#[allow(unused_imports)]\nuse crate::zkstack_compat::ArrayChunksCompat as _;\n";

/// The call that edit 3 wraps function bodies in.
pub const SAME_LEN_CALL: &str = "crate::zkstack_compat::same_len";

/// Function signatures whose bodies are wrapped in [`SAME_LEN_CALL`] wherever they occur.
pub const WRAPPED_FUNCTIONS: [&str; 1] = ["fn flatten_as_variables(&self)"];

/// One exact replacement: `old` must occur exactly once in `file` of `krate`.
#[derive(Debug, Clone, Copy)]
pub struct ExactEdit {
    /// The crate (package name) the file belongs to.
    pub krate: &'static str,
    /// Path of the file inside the crate.
    pub file: &'static str,
    /// The text replaced; must occur exactly once.
    pub old: &'static str,
    /// The replacement.
    pub new: &'static str,
}

/// The edits that no rule covers.
pub const EXACT_EDITS: [ExactEdit; 2] = [
    // The impl spells the trait's `[Variable; Self::INTERNAL_STRUCT_LEN]` as `[Variable; 37]`.
    ExactEdit {
        krate: "zkevm_circuits",
        file: "src/storage_validity_by_grand_product/mod.rs",
        old: "fn flatten_as_variables(&self) -> [Variable; 37]",
        new: "fn flatten_as_variables(&self) -> [Variable; Self::INTERNAL_STRUCT_LEN]",
    },
    // `[F; Self::INTERNAL_STRUCT_LEN]` passed where `[F; FLATTENED_VARIABLE_LENGTH]` is expected.
    ExactEdit {
        krate: "zkevm_circuits",
        file: "src/base_structures/log_query/mod.rs",
        old: "log_query_witness_from_values(values)\n",
        new: "log_query_witness_from_values(crate::zkstack_compat::same_len(values))\n",
    },
];

/// Moves the Boojum-family pins (`=0.32.10`) of a published `Cargo.toml` to `=0.32.11`.
pub fn bump_boojum_pins(cargo_toml: &str) -> String {
    cargo_toml.replace("\"=0.32.10\"", "\"=0.32.11\"")
}

/// Removes [`DROPPED_FEATURES`] from a crate root; appends the shim if `array_chunks` was among
/// them. Returns the new text and whether the shim was added.
pub fn patch_crate_root(lib_rs: &str) -> (String, bool) {
    let mut text = lib_rs.to_owned();
    let mut needs_shim = false;
    for feature in DROPPED_FEATURES {
        let line = format!("{feature}\n");
        if text.contains(&line) {
            text = text.replace(&line, "");
            needs_shim |= feature.contains("array_chunks");
        }
    }
    if needs_shim {
        text.push_str(ARRAY_CHUNKS_SHIM);
    }
    (text, needs_shim)
}

/// Whether a source file calls the removed slice methods.
pub fn calls_array_chunks(source: &str) -> bool {
    source.contains(".array_chunks::<") || source.contains(".array_chunks_mut::<")
}

/// Inserts [`SHIM_IMPORT`] after the file's leading inner attributes and inner doc comments.
pub fn import_shim(source: &str) -> String {
    let mut head = 0;
    for line in source.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with("//!") || trimmed.starts_with("#![") {
            head += line.len();
        } else {
            break;
        }
    }
    let (before, after) = source.split_at(head);
    format!("{before}{SHIM_IMPORT}{after}")
}

/// Wraps the body of every function whose signature starts with `signature` as
/// `{ same_len({ <body> }) }`. Returns the new text and how many bodies were wrapped.
///
/// Braces are matched naively, which is exact for the bodies this is applied to (no braces in
/// strings, chars or comments); a signature without a balanced body is an error.
pub fn wrap_bodies(source: &str, signature: &str) -> Result<(String, usize), PrepareError> {
    let mut out = String::with_capacity(source.len() + 64);
    let mut rest = source;
    let mut count = 0;
    while let Some(at) = rest.find(signature) {
        let open = rest[at..]
            .find('{')
            .map(|i| at + i)
            .ok_or_else(|| PrepareError::Edit(format!("no body after `{signature}`")))?;
        let close = matching_brace(rest, open)
            .ok_or_else(|| PrepareError::Edit(format!("unbalanced body after `{signature}`")))?;
        out.push_str(&rest[..=open]);
        out.push(' ');
        out.push_str(SAME_LEN_CALL);
        out.push_str("({");
        out.push_str(&rest[open + 1..close]);
        out.push_str("}) }");
        rest = &rest[close + 1..];
        count += 1;
    }
    out.push_str(rest);
    Ok((out, count))
}

/// Index of the `}` matching the `{` at `open`.
fn matching_brace(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, byte) in text.bytes().enumerate().skip(open) {
        match byte {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Applies one [`ExactEdit`] to a file's text.
pub fn apply_exact(source: &str, edit: &ExactEdit) -> Result<String, PrepareError> {
    let found = source.matches(edit.old).count();
    if found != 1 {
        return Err(PrepareError::Edit(format!(
            "{}/{}: expected exactly one `{}`, found {found}",
            edit.krate,
            edit.file,
            edit.old.trim_end()
        )));
    }
    Ok(source.replacen(edit.old, edit.new, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_nested_bodies_and_counts_them() {
        let src = "impl A {\n    fn flatten_as_variables(&self) -> [V; 2] {\n        [self.a, { self.b }]\n    }\n}\n";
        let (out, n) = wrap_bodies(src, WRAPPED_FUNCTIONS[0]).expect("balanced");
        assert_eq!(n, 1);
        assert!(out.contains(
            "{ crate::zkstack_compat::same_len({\n        [self.a, { self.b }]\n    }) }"
        ));
    }

    #[test]
    fn closure_array_lengths_move_into_helper_signatures() {
        let src = "let f = move |inputs: [F; 2]| {\n    let mut q: [F;\n        <LogQuery<F> as CSAllocatableExt<F>>::INTERNAL_STRUCT_LEN] =\n        [F::ZERO; <LogQuery<F> as CSAllocatableExt<F>>::INTERNAL_STRUCT_LEN];\n    let mut r = [F::ZERO; EL::INTERNAL_STRUCT_LEN + 1];\n    let k = [F::ZERO; 4];\n};\nlet g = move |x| x;\n";
        let (out, n) = hoist_closure_array_lengths(src).expect("balanced");
        assert_eq!(n, 2);
        assert_eq!(
            out,
            "let f = move |inputs: [F; 2]| {\n    let mut q =\n        crate::zkstack_const_arrays::zeroed_for::<F, LogQuery<F>>();\n    let mut r = crate::zkstack_const_arrays::zeroed();\n    let k = [F::ZERO; 4];\n};\nlet g = move |x| x;\n"
        );
    }

    #[test]
    fn unbalanced_body_is_an_error() {
        assert!(wrap_bodies("fn flatten_as_variables(&self) { {", WRAPPED_FUNCTIONS[0]).is_err());
    }

    #[test]
    fn import_goes_after_inner_attributes() {
        let out = import_shim("//! doc\n#![allow(x)]\n\nuse a::b;\n");
        assert_eq!(out, format!("//! doc\n#![allow(x)]\n\n{SHIM_IMPORT}use a::b;\n"));
    }

    #[test]
    fn crate_root_loses_removed_features_and_gains_the_shim() {
        let (out, shim) =
            patch_crate_root("#![feature(array_chunks)]\n#![feature(allocator_api)]\n");
        assert!(shim);
        assert!(out.starts_with("#![feature(allocator_api)]\n"));
        assert!(out.contains("pub(crate) mod zkstack_compat"));
    }

    #[test]
    fn exact_edit_must_match_once() {
        let edit = EXACT_EDITS[1];
        assert!(apply_exact("nothing here", &edit).is_err());
        let twice = format!("{}{}", edit.old, edit.old);
        assert!(apply_exact(&twice, &edit).is_err());
    }
}
