//! Code the VM has decommitted: which memory page holds it, shared by far calls and
//! `log.decommit` exactly as zk_evm's decommitter shares its history.

use std::collections::HashMap;

use alloy_primitives::U256;

use super::code::CodePreimage;
use crate::exec::{Code, VmError};
use crate::memory::Memory;

/// One decommitted preimage: the compiled code and the page it was decommitted into.
#[derive(Clone, Debug)]
pub struct Decommitted {
    /// The code, compiled (its [`Code::page`] is the preimage's words).
    pub code: Code,
    /// The memory page it lives in: the code page of the far call that first ran it, or the
    /// heap page of the frame whose `log.decommit` first asked for it.
    pub page: u32,
    /// Whether [`Memory`] holds the words at `page`. A far call keeps its code out of
    /// [`Memory`] (the interpreter runs the compiled form); a later `log.decommit` of the same
    /// preimage copies it in before handing out a pointer to that page.
    pub in_memory: bool,
}

/// Every preimage decommitted so far (zk_evm's decommitter history: never rolled back).
#[derive(Clone, Debug, Default)]
pub struct DecommitHistory {
    entries: HashMap<CodePreimage, Decommitted>,
}

impl DecommitHistory {
    /// Nothing decommitted.
    pub fn new() -> Self {
        Self::default()
    }

    /// The entry of `preimage`, if it was decommitted before.
    #[inline]
    pub fn get(&self, preimage: &CodePreimage) -> Option<&Decommitted> {
        self.entries.get(preimage)
    }

    /// Records that `words` (known by `preimage`, full hash `hash` for errors) were decommitted
    /// into `page`; `in_memory` says whether they were also written to [`Memory`] there.
    ///
    /// # Errors
    /// [`VmError::CodeTooLong`] when `words` do not fit a code page.
    pub fn insert(
        &mut self,
        preimage: CodePreimage,
        hash: &U256,
        words: &[U256],
        page: u32,
        in_memory: bool,
    ) -> Result<&Decommitted, VmError> {
        let bytes: Vec<u8> = words.iter().flat_map(U256::to_be_bytes::<32>).collect();
        let code = Code::from_bytecode(&bytes).map_err(|_| VmError::CodeTooLong(*hash))?;
        let entry = self.entries.entry(preimage).or_insert(Decommitted { code, page, in_memory });
        Ok(entry)
    }

    /// Makes sure [`Memory`] holds the words of `preimage` at its page (a no-op when it does or
    /// when the preimage was never decommitted); returns the page.
    pub fn map_into(&mut self, preimage: &CodePreimage, memory: &mut Memory) -> Option<u32> {
        let entry = self.entries.get_mut(preimage)?;
        if !entry.in_memory {
            write_words(memory, entry.page, entry.code.page());
            entry.in_memory = true;
        }
        Some(entry.page)
    }
}

/// Writes `words` to `page` from byte 0 on, one word per 32 bytes (how zk_evm lays a
/// decommitment out in a page).
pub fn write_words(memory: &mut Memory, page: u32, words: &[U256]) {
    let mut offset = 0u32;
    for word in words {
        memory.write_word(page, offset, word);
        offset = offset.wrapping_add(32);
    }
}
