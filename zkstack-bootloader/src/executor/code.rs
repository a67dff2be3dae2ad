//! Code for the VM: the embedder's code source plus bytecodes the executor learns during the
//! batch (base system contracts, factory dependencies of transactions).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use alloy_primitives::{B256, U256};
use zkstack_vm::world::{CodePreimage, CodeSource};

/// A code source with an overlay the executor adds to while the VM owns the source.
pub struct LayeredCode {
    extra: Rc<RefCell<HashMap<CodePreimage, Vec<U256>>>>,
    base: Box<dyn CodeSource>,
}

impl core::fmt::Debug for LayeredCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("LayeredCode")
            .field("extra", &self.extra.borrow().len())
            .finish_non_exhaustive()
    }
}

impl LayeredCode {
    /// `base` with an empty overlay; returns the overlay handle too.
    pub fn new(base: Box<dyn CodeSource>) -> (Self, CodeOverlay) {
        let extra = Rc::default();
        (LayeredCode { extra: Rc::clone(&extra), base }, CodeOverlay(extra))
    }
}

impl CodeSource for LayeredCode {
    fn code(&mut self, preimage: &CodePreimage) -> Option<Vec<U256>> {
        if let Some(words) = self.extra.borrow().get(preimage) {
            return Some(words.clone());
        }
        self.base.code(preimage)
    }
}

/// The handle that adds code to a [`LayeredCode`].
#[derive(Clone, Debug)]
pub struct CodeOverlay(Rc<RefCell<HashMap<CodePreimage, Vec<U256>>>>);

impl CodeOverlay {
    /// Makes `bytes` known by the versioned hash `hash`.
    pub fn insert(&self, hash: &B256, bytes: &[u8]) {
        let words = zkstack_vm::memory::words_of(bytes);
        self.insert_words(hash, words);
    }

    /// Makes `words` known by the versioned hash `hash`.
    pub fn insert_words(&self, hash: &B256, words: Vec<U256>) {
        let mut preimage = [0u8; 28];
        preimage.copy_from_slice(&hash[4..]);
        self.0.borrow_mut().insert(preimage, words);
    }
}
