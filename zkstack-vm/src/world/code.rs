//! Contract code behind the VM: bytecode by versioned hash, and the hash formats a far call
//! accepts.

use std::collections::HashMap;

use alloy_primitives::U256;

/// The 28 bytes of a versioned hash after its 4-byte header: what code is known by.
pub type CodePreimage = [u8; 28];

/// Version byte of an EraVM bytecode hash.
pub const BYTECODE_VERSION: u8 = 1;
/// Version byte of an EVM blob hash (code run by the EVM emulator).
pub const EVM_BLOB_VERSION: u8 = 2;
/// Second byte of a versioned hash: code deployed and callable.
pub const CODE_AT_REST: u8 = 0;
/// Second byte of a versioned hash: constructor not yet finished.
pub const CODE_IN_CONSTRUCTION: u8 = 1;

/// A 32-byte versioned code hash, read apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct VersionedHash(pub [u8; 32]);

impl VersionedHash {
    /// The hash in a storage word (big-endian).
    pub fn from_word(word: &U256) -> Self {
        VersionedHash(word.to_be_bytes::<32>())
    }

    /// A well-formed hash of version `version` (at rest or in construction).
    pub const fn is_valid_as(&self, version: u8) -> bool {
        self.0[0] == version && (self.0[1] == CODE_AT_REST || self.0[1] == CODE_IN_CONSTRUCTION)
    }

    /// The marker byte says the code is deployed.
    pub const fn is_at_rest(&self) -> bool {
        self.0[1] == CODE_AT_REST
    }

    /// The marker byte says the constructor has not finished.
    pub const fn is_in_construction(&self) -> bool {
        self.0[1] == CODE_IN_CONSTRUCTION
    }

    /// Bytes 2–3: the code length in 32-byte words, as a far call prices it.
    pub const fn length_in_words(&self) -> u16 {
        u16::from_be_bytes([self.0[2], self.0[3]])
    }

    /// The part code is known by.
    pub fn preimage(&self) -> CodePreimage {
        let mut out = [0u8; 28];
        out.copy_from_slice(&self.0[4..]);
        out
    }
}

/// Where the VM gets code to run: the words of a code page by the hash's preimage.
pub trait CodeSource {
    /// The code words known by `preimage`, or `None` when unknown.
    fn code(&mut self, preimage: &CodePreimage) -> Option<Vec<U256>>;
}

/// Code held in a map.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InMemoryCode {
    code: HashMap<CodePreimage, Vec<U256>>,
}

impl InMemoryCode {
    /// No code.
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes `words` known by `preimage`.
    pub fn insert(&mut self, preimage: CodePreimage, words: Vec<U256>) {
        self.code.insert(preimage, words);
    }
}

impl CodeSource for InMemoryCode {
    fn code(&mut self, preimage: &CodePreimage) -> Option<Vec<U256>> {
        self.code.get(preimage).cloned()
    }
}
