//! `log.decommit`: a system contract asks for the preimage of a versioned hash, mapped into
//! memory behind a fat pointer (zk_evm 0.153 `opcodes/execution/log.rs`, `Decommit` arm).

use alloy_primitives::U256;

use super::code::Instr;
use super::error::VmError;
use super::vm::Vm;
use crate::memory::FatPointer;
use crate::memory::params::NEW_KERNEL_FRAME_MEMORY_STIPEND;
use crate::tracer::Tracer;
use crate::world::CodePreimage;
use crate::world::code::{BYTECODE_VERSION, CODE_AT_REST, CODE_IN_CONSTRUCTION, EVM_BLOB_VERSION};
use crate::world::decommitted::write_words;

impl<T: Tracer> Vm<T> {
    /// Executes `log.decommit` (pc already advanced; kernel mode checked before).
    ///
    /// `src0` is the versioned hash, the low 32 bits of `src1` the extra ergs the caller prices
    /// the decommitment at. As in zk_evm:
    /// - the extra ergs are taken first; without enough the frame is left with none and
    ///   `dst0` is 0 (the next instruction then runs out of ergs);
    /// - a hash that is neither an EraVM bytecode hash nor an EVM blob hash (byte 0 is 1 or 2,
    ///   byte 1 is 0 or 1) keeps the extra ergs spent and also gives `dst0 = 0`;
    /// - otherwise the preimage (bytes 4..32 of the hash; length and marker bytes are ignored)
    ///   is found: the first time, its words are written from byte 0 of the running frame's
    ///   heap page, which becomes its page; later (after this or a far call decommitted it) the
    ///   page it already lives in is reused and the extra ergs are refunded;
    /// - `dst0` is a fat pointer {page, start 0, offset 0, length 2^21} (the kernel heap
    ///   stipend: the caller narrows it), tagged as a pointer. No pubdata is charged.
    ///
    /// # Errors
    /// [`VmError::UnknownCode`] when a first decommitment names code the world's code source
    /// does not know (zk_evm's decommitter fails the same way).
    pub(super) fn decommit(
        &mut self,
        instr: &Instr,
        dst0: Option<u16>,
        src0: &U256,
        src1: &U256,
    ) -> Result<(), VmError> {
        #[allow(clippy::cast_possible_truncation, reason = "the extra cost is the low 32 bits")]
        let extra = src1.as_limbs()[0] as u32;
        let hash: [u8; 32] = src0.to_be_bytes();
        let valid = (hash[0] == BYTECODE_VERSION || hash[0] == EVM_BLOB_VERSION)
            && (hash[1] == CODE_AT_REST || hash[1] == CODE_IN_CONSTRUCTION);
        let frame = &mut self.state.current;
        let Some(left) = frame.ergs.checked_sub(extra) else {
            frame.ergs = 0;
            self.write_dst0(instr, dst0, U256::ZERO, false);
            return Ok(());
        };
        frame.ergs = left;
        if !valid {
            self.write_dst0(instr, dst0, U256::ZERO, false);
            return Ok(());
        }
        let mut preimage: CodePreimage = [0; 28];
        preimage.copy_from_slice(&hash[4..]);
        let page = if let Some(page) = self.world.decommitted.map_into(&preimage, &mut self.memory)
        {
            if T::WITNESS {
                let words = self.decommitted_words(&preimage);
                self.witness_decommit(&hash, page, words, false, Some(Vec::new()));
            }
            let frame = &mut self.state.current;
            frame.ergs = frame.ergs.wrapping_add(extra);
            page
        } else {
            let page = self.state.current.heap_page();
            let Some(words) = self.world.code.code(&preimage) else {
                return Err(VmError::UnknownCode(*src0));
            };
            if T::WITNESS {
                let length = u16::try_from(words.len()).unwrap_or(u16::MAX);
                self.witness_decommit(&hash, page, length, true, Some(words.clone()));
            }
            write_words(&mut self.memory, page, &words);
            self.world.decommitted.insert(preimage, src0, &words, page, true)?;
            page
        };
        let pointer =
            FatPointer { offset: 0, page, start: 0, length: NEW_KERNEL_FRAME_MEMORY_STIPEND };
        self.write_dst0(instr, dst0, pointer.to_u256(), true);
        Ok(())
    }
}
