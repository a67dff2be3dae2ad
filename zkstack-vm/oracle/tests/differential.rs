//! zkstack-vm's decoder against `zkevm_opcode_defs` 0.153.13, live.

use proptest::prelude::*;
use zkevm_opcode_defs as r;
use zkevm_opcode_defs::decoding::{EncodingModeProduction, VmEncodingMode};
use zkevm_opcode_defs::ethereum_types::U256 as RefU256;
use zkstack_vm as ours;
use zkstack_vm_oracle::{ISA, reference_decode};

fn ref_mode(mode: ours::SrcMode) -> r::ImmMemHandlerFlags {
    use r::ImmMemHandlerFlags as F;
    match mode {
        ours::SrcMode::Reg => F::UseRegOnly,
        ours::SrcMode::StackPop => F::UseStackWithPushPop,
        ours::SrcMode::StackOffset => F::UseStackWithOffset,
        ours::SrcMode::StackAbsolute => F::UseAbsoluteOnStack,
        ours::SrcMode::Imm => F::UseImm16Only,
        ours::SrcMode::CodePage => F::UseCodePage,
    }
}

fn ref_dst_mode(mode: ours::DstMode) -> r::ImmMemHandlerFlags {
    use r::ImmMemHandlerFlags as F;
    match mode {
        ours::DstMode::Reg => F::UseRegOnly,
        ours::DstMode::StackPush => F::UseStackWithPushPop,
        ours::DstMode::StackOffset => F::UseStackWithOffset,
        ours::DstMode::StackAbsolute => F::UseAbsoluteOnStack,
    }
}

fn ref_operand(kind: ours::OperandKind, mode: r::ImmMemHandlerFlags) -> r::Operand {
    match kind {
        ours::OperandKind::None | ours::OperandKind::Reg => r::Operand::RegOnly,
        ours::OperandKind::RegOrImm => r::Operand::RegOrImm(match mode {
            r::ImmMemHandlerFlags::UseImm16Only => r::RegOrImmFlags::UseImm16Only,
            _ => r::RegOrImmFlags::UseRegOnly,
        }),
        ours::OperandKind::Full => r::Operand::Full(mode),
    }
}

fn ref_opcode(op: ours::Opcode) -> r::Opcode {
    use ours::Opcode as O;
    match op {
        O::Invalid => r::Opcode::Invalid(r::InvalidOpcode),
        O::Nop => r::Opcode::Nop(r::NopOpcode),
        O::Add => r::Opcode::Add(r::AddOpcode::Add),
        O::Sub => r::Opcode::Sub(r::SubOpcode::Sub),
        O::Mul => r::Opcode::Mul(r::MulOpcode),
        O::Div => r::Opcode::Div(r::DivOpcode),
        O::Jump => r::Opcode::Jump(r::JumpOpcode),
        O::Bitwise(k) => r::Opcode::Binop(match k {
            ours::BitwiseOp::Xor => r::BinopOpcode::Xor,
            ours::BitwiseOp::And => r::BinopOpcode::And,
            ours::BitwiseOp::Or => r::BinopOpcode::Or,
        }),
        O::Shift(k) => r::Opcode::Shift(match k {
            ours::ShiftOp::Shl => r::ShiftOpcode::Shl,
            ours::ShiftOp::Shr => r::ShiftOpcode::Shr,
            ours::ShiftOp::Rol => r::ShiftOpcode::Rol,
            ours::ShiftOp::Ror => r::ShiftOpcode::Ror,
        }),
        O::Ptr(k) => r::Opcode::Ptr(match k {
            ours::PtrOp::Add => r::PtrOpcode::Add,
            ours::PtrOp::Sub => r::PtrOpcode::Sub,
            ours::PtrOp::Pack => r::PtrOpcode::Pack,
            ours::PtrOp::Shrink => r::PtrOpcode::Shrink,
        }),
        O::NearCall => r::Opcode::NearCall(r::NearCallOpcode),
        O::Context(k) => r::Opcode::Context(match k {
            ours::ContextOp::This => r::ContextOpcode::This,
            ours::ContextOp::Caller => r::ContextOpcode::Caller,
            ours::ContextOp::CodeAddress => r::ContextOpcode::CodeAddress,
            ours::ContextOp::Meta => r::ContextOpcode::Meta,
            ours::ContextOp::ErgsLeft => r::ContextOpcode::ErgsLeft,
            ours::ContextOp::Sp => r::ContextOpcode::Sp,
            ours::ContextOp::GetContextU128 => r::ContextOpcode::GetContextU128,
            ours::ContextOp::SetContextU128 => r::ContextOpcode::SetContextU128,
            ours::ContextOp::AuxMutating0 => r::ContextOpcode::AuxMutating0,
            ours::ContextOp::IncrementTxNumber => r::ContextOpcode::IncrementTxNumber,
        }),
        O::Log(k) => r::Opcode::Log(match k {
            ours::LogOp::StorageRead => r::LogOpcode::StorageRead,
            ours::LogOp::StorageWrite => r::LogOpcode::StorageWrite,
            ours::LogOp::ToL1Message => r::LogOpcode::ToL1Message,
            ours::LogOp::Event => r::LogOpcode::Event,
            ours::LogOp::PrecompileCall => r::LogOpcode::PrecompileCall,
            ours::LogOp::Decommit => r::LogOpcode::Decommit,
            ours::LogOp::TransientStorageRead => r::LogOpcode::TransientStorageRead,
            ours::LogOp::TransientStorageWrite => r::LogOpcode::TransientStorageWrite,
        }),
        O::FarCall(k) => r::Opcode::FarCall(match k {
            ours::FarCallKind::Normal => r::FarCallOpcode::Normal,
            ours::FarCallKind::Delegate => r::FarCallOpcode::Delegate,
            ours::FarCallKind::Mimic => r::FarCallOpcode::Mimic,
        }),
        O::Ret(k) => r::Opcode::Ret(match k {
            ours::RetKind::Ok => r::RetOpcode::Ok,
            ours::RetKind::Revert => r::RetOpcode::Revert,
            ours::RetKind::Panic => r::RetOpcode::Panic,
        }),
        O::Heap(k) => r::Opcode::UMA(match k {
            ours::HeapOp::HeapRead => r::UMAOpcode::HeapRead,
            ours::HeapOp::HeapWrite => r::UMAOpcode::HeapWrite,
            ours::HeapOp::AuxHeapRead => r::UMAOpcode::AuxHeapRead,
            ours::HeapOp::AuxHeapWrite => r::UMAOpcode::AuxHeapWrite,
            ours::HeapOp::FatPointerRead => r::UMAOpcode::FatPointerRead,
            ours::HeapOp::StaticMemoryRead => r::UMAOpcode::StaticMemoryRead,
            ours::HeapOp::StaticMemoryWrite => r::UMAOpcode::StaticMemoryWrite,
        }),
    }
}

/// Our table entry in the reference's representation.
fn ref_variant(v: ours::OpcodeVariant) -> r::OpcodeVariant {
    let ops = v.opcode.operands();
    r::OpcodeVariant {
        opcode: ref_opcode(v.opcode),
        src0_operand_type: ref_operand(ops.src0, ref_mode(v.src0)),
        dst0_operand_type: ref_operand(ops.dst0, ref_dst_mode(v.dst0)),
        flags: [v.flags.first(), v.flags.second()],
    }
}

fn ref_operand_list(first: ours::OperandKind, second: bool) -> Vec<r::Operand> {
    let mut list = Vec::new();
    if first != ours::OperandKind::None {
        list.push(ref_operand(first, r::ImmMemHandlerFlags::UseRegOnly));
    }
    if second {
        list.push(r::Operand::RegOnly);
    }
    list
}

fn ref_condition(c: ours::Condition) -> r::Condition {
    r::Condition::materialize_variant(c.bits() as usize)
}

#[test]
fn every_table_entry_and_property_matches() {
    assert_eq!(ours::OPCODE_TABLE.len(), r::OPCODES_TABLE.len());
    for (i, (o, reference)) in ours::OPCODE_TABLE.iter().zip(r::OPCODES_TABLE.iter()).enumerate() {
        assert_eq!(ref_variant(*o), *reference, "entry {i}");
        assert_eq!(o.ergs_cost(), r::OPCODES_PRICES[i], "price of entry {i}");
        assert_eq!(o.requires_kernel_mode(), reference.requires_kernel_mode(), "entry {i}");
        assert_eq!(
            o.allowed_in_static_context(),
            reference.can_be_used_in_static_context(),
            "entry {i}"
        );
        assert_eq!(o.opcode.is_invalid(), reference.is_explicit_panic(), "entry {i}");
        assert_eq!(o.swap_operands(), reference.swap_operands(), "entry {i}");
        assert_eq!(o.opcode.src0_may_be_pointer(), reference.opcode.src0_can_be_pointer());
        assert!(!reference.opcode.src1_can_be_pointer());
        let ops = o.opcode.operands();
        assert_eq!(ref_operand_list(ops.src0, ops.src1), reference.opcode.input_operands(ISA));
        assert_eq!(ref_operand_list(ops.dst0, ops.dst1), reference.opcode.output_operands(ISA));
    }
    let valid = r::OPCODES_TABLE.iter().filter(|v| !v.is_explicit_panic()).count();
    assert_eq!(valid, 1103);
    assert_eq!(ours::NUM_VALID_ENTRIES, 1103);
}

#[test]
fn flag_accessors_follow_the_reference_flag_indices() {
    for o in &ours::OPCODE_TABLE {
        let f = ref_variant(*o).flags;
        match o.opcode {
            ours::Opcode::Add
            | ours::Opcode::Sub
            | ours::Opcode::Mul
            | ours::Opcode::Div
            | ours::Opcode::Bitwise(_)
            | ours::Opcode::Shift(_) => {
                assert_eq!(o.set_flags(), f[r::SET_FLAGS_FLAG_IDX]);
                let swap = matches!(
                    o.opcode,
                    ours::Opcode::Sub | ours::Opcode::Div | ours::Opcode::Shift(_)
                ) && f[r::SWAP_OPERANDS_FLAG_IDX_FOR_ARITH_OPCODES];
                assert_eq!(o.swap_operands(), swap);
            }
            ours::Opcode::Ptr(_) => {
                assert_eq!(o.swap_operands(), f[r::SWAP_OPERANDS_FLAG_IDX_FOR_PTR_OPCODE]);
                assert!(!o.set_flags());
            }
            ours::Opcode::Ret(_) => assert_eq!(o.to_label(), f[r::RET_TO_LABEL_BIT_IDX]),
            ours::Opcode::FarCall(_) => {
                assert_eq!(o.is_static_call(), f[r::FAR_CALL_STATIC_FLAG_IDX]);
                assert_eq!(o.is_shard_call(), f[r::FAR_CALL_SHARD_FLAG_IDX]);
            }
            ours::Opcode::Log(_) => assert_eq!(o.is_first(), f[r::FIRST_MESSAGE_FLAG_IDX]),
            ours::Opcode::Heap(_) => assert_eq!(o.increment(), f[r::UMA_INCREMENT_FLAG_IDX]),
            _ => assert_eq!(f, [false, false]),
        }
    }
}

#[test]
fn canonical_index_matches_the_reference_lookup() {
    for o in &ours::OPCODE_TABLE {
        let theirs = r::OPCODE_TO_CANONICAL_INDEX_LOOKUP_MAP[&ref_variant(*o)];
        assert_eq!(ours::table::index_of(*o).map(usize::from), Some(theirs));
    }
}

#[test]
fn nop_and_panic_words() {
    assert_eq!(ours::NOP_WORD, EncodingModeProduction::nop_encoding());
    assert_eq!(ours::PANIC_WORD, EncodingModeProduction::exception_revert_encoding());
}

#[test]
fn pc_split_matches_for_every_pc() {
    for pc in 0..=u16::MAX {
        let (word, quarter) = ours::program::split_pc(pc);
        assert_eq!((word, u16::from(quarter)), EncodingModeProduction::split_pc(pc));
    }
}

fn assert_same_decoding(word: u64) -> Result<(), TestCaseError> {
    let o = ours::decode(word);
    let (t, index) = reference_decode(word);
    prop_assert_eq!(ref_variant(o.variant), t.variant);
    prop_assert_eq!(o.ergs_cost(), r::OPCODES_PRICES[index]);
    prop_assert_eq!(ref_condition(o.condition), t.condition);
    prop_assert_eq!(o.src0.index(), t.src0_reg_idx);
    prop_assert_eq!(o.src1.index(), t.src1_reg_idx);
    prop_assert_eq!(o.dst0.index(), t.dst0_reg_idx);
    prop_assert_eq!(o.dst1.index(), t.dst1_reg_idx);
    prop_assert_eq!(o.imm0, t.imm_0);
    prop_assert_eq!(o.imm1, t.imm_1);
    prop_assert_eq!(ours::encode(&o), Ok(t.serialize_as_integer()));
    prop_assert_eq!(
        ours::reserved_bits_clear(word),
        EncodingModeProduction::is_canonical_encoding(word)
    );
    Ok(())
}

#[test]
fn every_table_index_with_every_condition_and_reserved_bits() {
    let mut state = 1;
    for index in 0..2048u64 {
        for condition in 0..8u64 {
            for reserved in 0..4u64 {
                let fields = zkstack_vm_oracle::splitmix64(&mut state) & !0xffff;
                let word = fields | condition << 13 | reserved << 11 | index;
                assert_same_decoding(word).expect("same decoding");
                if reserved == 0 && (index as usize) <= ours::NUM_VALID_ENTRIES {
                    assert_eq!(ours::encode(&ours::decode(word)), Ok(word));
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100_000))]

    #[test]
    fn random_words_decode_identically(word in any::<u64>()) {
        assert_same_decoding(word)?;
    }

    #[test]
    fn canonical_words_roundtrip(word in any::<u64>()) {
        prop_assert_eq!(ours::is_canonical(word), ours::encode(&ours::decode(word)) == Ok(word));
    }

    #[test]
    fn code_page_quarters_match(limbs in any::<[u64; 4]>(), pc in any::<u16>()) {
        let theirs_word = RefU256(limbs);
        let ours_word = ours::U256::from_limbs(limbs);
        let (_, quarter) = ours::program::split_pc(pc);
        let (_, ref_quarter) = EncodingModeProduction::split_pc(pc);
        prop_assert_eq!(
            ours::program::instruction_word(&ours_word, quarter),
            EncodingModeProduction::integer_representaiton_from_u256(theirs_word, ref_quarter)
        );
    }

    #[test]
    fn program_decodes_like_the_reference_reads_memory(
        words in proptest::collection::vec(any::<[u64; 4]>(), 0..64),
        pc in any::<u16>(),
    ) {
        let bytes: Vec<u8> = words
            .iter()
            .flat_map(|l| {
                let mut be = [0u8; 32];
                RefU256(*l).to_big_endian(&mut be);
                be
            })
            .collect();
        let program = ours::Program::from_bytecode(&bytes).expect("aligned, short");
        // The reference VM reads code word `pc / 4` (zero past the end) and takes the quarter.
        let (super_pc, sub_pc) = EncodingModeProduction::split_pc(pc);
        let memory_word = words.get(usize::from(super_pc)).map_or(RefU256::zero(), |l| RefU256(*l));
        let raw = EncodingModeProduction::integer_representaiton_from_u256(memory_word, sub_pc);
        prop_assert_eq!(program.instruction(pc), ours::decode(raw));
        assert_same_decoding(raw)?;
    }
}
